// The reasoning-trace part of a verification: the surviving error first (linked to the answer's steps), then every
// section with its kind, score and verdict, reflections and strategy shifts marked, corrections linked both ways.
// Text goes in through textContent only (h()).
import type { TraceResult, VerifiedSection } from '../extension/protocol';
import { h } from './dom';
import './traceSections.css';

const KIND_LABEL: Record<VerifiedSection['kind'], string> = {
  attempt: 'attempt',
  reflection: 'reflection',
  verification: 'check',
  'strategy-shift': 'strategy shift',
  continuation: 'continued',
};

const MARK: Record<string, string> = { ok: '✓', doubtful: '?', wrong: '✗', unscored: '·' };

export interface AnswerLink {
  /** The answer's first wrong step (0-based), or -1. */
  firstError: number;
  steps: number;
}

export function traceSectionsView(trace: TraceResult, answer: AnswerLink): HTMLElement {
  const list = h('ol', { class: 'trace-sections', 'data-testid': 'trace-sections' }, ...trace.sections.map((s) => sectionRow(s, trace)));
  return h(
    'div',
    { class: 'trace' },
    h('p', { class: 'trace-summary', 'data-testid': 'trace-summary' }, trace.summary),
    trace.survivingError >= 0 ? survivorCallout(trace.sections[trace.survivingError], answer) : null,
    list,
  );
}

function survivorCallout(s: VerifiedSection, answer: AnswerLink): HTMLElement {
  const toSection = link(`section ${s.index + 1}`, () => reveal(`[data-testid="trace-section"][data-section-index="${s.index}"]`));
  const target = answer.firstError >= 0 ? `answer step ${answer.firstError + 1}, the first wrong step of the answer` : 'the final answer';
  const toAnswer = link(target, () =>
    reveal(answer.firstError >= 0 ? `[data-testid="step-row"][data-step-index="${answer.firstError}"]` : '[data-testid="step-row"]'),
  );
  toAnswer.setAttribute('data-testid', 'surviving-error-answer');
  return h(
    'div',
    { class: 'surviving-error', role: 'note', 'data-testid': 'surviving-error' },
    h('strong', {}, 'Surviving error: '),
    toSection,
    ` (${KIND_LABEL[s.kind]}, ${scoreText(s)}) is never corrected; it reaches `,
    toAnswer,
    '.',
  );
}

function sectionRow(s: VerifiedSection, trace: TraceResult): HTMLElement {
  const survivor = s.index === trace.survivingError;
  const links: (Node | string)[] = [];
  if (s.recoveredBy !== undefined) {
    const by = s.recoveredBy;
    links.push(h('span', { class: 'recovered', 'data-testid': 'recovered-by' }, 'recovered by ', link(`section ${by + 1}`, () => revealSection(by))));
  }
  if (s.recovers?.length) {
    links.push(h('span', { class: 'recovers' }, 'corrects ', ...joinLinks(s.recovers)));
  }
  if (survivor) links.push(h('span', { class: 'survives' }, 'reaches the answer'));
  return h(
    'li',
    {
      class: `trace-section verdict-${s.verdict} kind-${s.kind}${survivor ? ' survivor' : ''}${s.recoveredBy !== undefined ? ' was-recovered' : ''}`,
      'data-testid': 'trace-section',
      'data-section-index': s.index,
      'data-kind': s.kind,
      'data-verdict': s.verdict,
    },
    h(
      'div',
      { class: 'section-head' },
      h('span', { class: 'section-num' }, `§${s.index + 1}`),
      h('span', { class: `kind-badge kind-${s.kind}` }, KIND_LABEL[s.kind]),
      h('span', { class: 'section-score', 'data-testid': 'section-score' }, scoreText(s)),
      ...links,
    ),
    h('div', { class: 'section-text' }, preview(s.text)),
    s.unscoredReason ? h('div', { class: 'sw-muted unscored-reason' }, s.unscoredReason) : null,
  );
}

function joinLinks(indices: number[]): (Node | string)[] {
  return indices.flatMap((i, k) => [...(k ? [', '] : []), link(`section ${i + 1}`, () => revealSection(i))]);
}

function scoreText(s: VerifiedSection): string {
  const word = s.verdict === 'unscored' ? 'no verdict' : s.verdict;
  return s.score === null ? `${MARK[s.verdict]} ${word}` : `${MARK[s.verdict]} ${s.score.toFixed(2)} ${word}`;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 240 ? flat : `${flat.slice(0, 239)}…`;
}

/** A button styled as a link: VS Code's webview scrolls to the top on any click of an `<a href="#">`. */
function link(label: string, onClick: () => void): HTMLElement {
  const b = h('button', { type: 'button', class: 'trace-link' }, label);
  b.addEventListener('click', onClick);
  return b;
}

function revealSection(index: number): void {
  reveal(`[data-testid="trace-section"][data-section-index="${index}"]`);
}

function reveal(selector: string): void {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.classList.add('flash');
  setTimeout(() => el.classList.remove('flash'), 1200);
}
