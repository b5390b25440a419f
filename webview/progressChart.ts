// What the progress and reference scorers add to a verification: the chance of success Q_k along the path (with the
// Q before the first step, from rollouts from the problem alone) and each step beside the reference step it follows.
import type { VerifyResult } from '../extension/protocol';
import { h, mathText, svg } from './dom';
import { section } from './sections';

export interface ProgressPoint {
  /** -1 for the problem alone (Q before step 1). */
  index: number;
  q: number;
  progress?: number;
  /** "5 of 8 rollouts reach 42", for the tooltip. */
  label: string;
}

/** Q along the path, starting from the problem; [] when no step was scored from rollouts. */
export function progressPoints(result: VerifyResult): ProgressPoint[] {
  const points: ProgressPoint[] = [];
  result.steps.forEach((s, i) => {
    const r = s.evidence.rollouts;
    if (!r) return;
    if (points.length === 0 && r.previousQ !== undefined && i === 0) points.push({ index: -1, q: r.previousQ, label: 'rollouts from the problem alone' });
    const label = r.ownAnswer ? `states ${r.answers[0] ?? ''}` : `${r.reached} of ${r.answers.length} rollouts reach ${r.target}`;
    points.push({ index: i, q: r.q, ...(r.progress !== undefined ? { progress: r.progress } : {}), label });
  });
  return points;
}

export interface AlignmentRow {
  index: number;
  text: string;
  /** 1-based reference step, or null for none. */
  reference: number | null;
  referenceText: string;
  verdict: string;
}

export function alignmentRows(result: VerifyResult): AlignmentRow[] {
  return result.steps.flatMap((s) =>
    s.evidence.alignment ? [{ index: s.index, text: s.text, reference: s.evidence.alignment.reference, referenceText: s.evidence.alignment.referenceText ?? '', verdict: s.verdict }] : [],
  );
}

const WIDTH = 600;
const HEIGHT = 120;
const PAD = 12;

function progressChart(points: ProgressPoint[]): SVGElement {
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'sw-chart progress-chart', 'data-testid': 'progress-chart', role: 'img', 'aria-label': 'Chance of reaching the answer after each step' });
  const x = (i: number) => PAD + (points.length > 1 ? (i * (WIDTH - 2 * PAD)) / (points.length - 1) : (WIDTH - 2 * PAD) / 2);
  const y = (q: number) => HEIGHT - PAD - q * (HEIGHT - 2 * PAD);
  if (points.length > 1) root.append(svg('polyline', { points: points.map((p, i) => `${x(i)},${y(p.q)}`).join(' '), class: 'sw-score-line' }));
  points.forEach((p, i) => {
    const drop = p.progress !== undefined && p.progress < 0;
    const dot = svg('circle', { cx: x(i), cy: y(p.q), r: points.length > 60 ? 2 : 4, class: `dot ${drop ? 'verdict-wrong' : p.q >= 0.5 ? 'verdict-ok' : 'verdict-doubtful'}`, 'data-step-index': p.index });
    const title = svg('title');
    const progress = p.progress === undefined ? '' : `; progress ${p.progress > 0 ? '+' : ''}${Number(p.progress.toFixed(3))}`;
    title.textContent = `${p.index < 0 ? 'Problem' : `Step ${p.index + 1}`}: Q = ${Number(p.q.toFixed(3))} (${p.label})${progress}`;
    dot.append(title);
    root.append(dot);
  });
  return root;
}

function alignmentTable(rows: AlignmentRow[]): HTMLElement {
  const table = h('table', { class: 'alignment', 'data-testid': 'alignment' }, h('tr', {}, h('th', {}, 'Step'), h('th', {}, 'Reference step'), h('th', {}, 'Verdict')));
  for (const r of rows) {
    table.append(
      h(
        'tr',
        { 'data-step-index': r.index, 'data-reference': r.reference ?? 'none', class: `verdict-${r.verdict}` },
        h('td', {}, h('strong', {}, `${r.index + 1}. `), mathText('div', 'sw-step-text', r.text)),
        h('td', {}, r.reference === null ? h('span', { class: 'sw-muted' }, 'none') : h('div', {}, h('strong', {}, `${r.reference}. `), mathText('div', 'sw-step-text', r.referenceText))),
        h('td', { class: 'verdict' }, r.verdict),
      ),
    );
  }
  return table;
}

/** The sections these scorers add to a verification (none for other scorers). */
export function verifierSections(result: VerifyResult): HTMLElement[] {
  const points = progressPoints(result);
  const rows = alignmentRows(result);
  return [
    ...(points.length ? [section('Chance of reaching the answer (Q after each step)', progressChart(points))] : []),
    ...(rows.length ? [section('Alignment with the reference solution', alignmentTable(rows))] : []),
  ];
}
