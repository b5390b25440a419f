// The panel's sections as DOM, built from view models. Data reaches the DOM only as text or via KaTeX.
// Every class is `sw-` prefixed so no rule can touch KaTeX's markup; every control names its step.
import { wordDiff, type DiffPart } from './diff';
import { h, mathText, mathToken, svg } from './dom';
import { chartGeometry, type CorrectionView, type PathStepView } from './viewModel';

export function section(heading: string, body: Node, opts: { open?: boolean; description?: string; id?: string } = {}): HTMLElement {
  // The description goes into the heading: the component draws its own description at 60% opacity, below 4.5:1.
  const title = opts.description ? `${heading} · ${opts.description}` : heading;
  const c = h('vscode-collapsible', { heading: title, open: opts.open ?? true, id: opts.id, class: 'sw-section' });
  c.append(h('div', { class: 'sw-section-body' }, body));
  return c;
}

export function problemView(problem: string): HTMLElement {
  const el = mathText('div', 'sw-problem', problem);
  el.setAttribute('data-testid', 'problem');
  return el;
}

export interface StepActions {
  /** Selecting a step (search paths) selects its node in the tree. */
  onSelect?: (step: PathStepView) => void;
}

export function pathView(steps: PathStepView[], actions: StepActions = {}): HTMLElement {
  const list = h('ol', { class: 'sw-path', 'aria-label': 'Steps' });
  for (const s of steps) list.append(stepRow(s, actions));
  if (steps.length === 0) list.append(h('li', { class: 'sw-muted' }, 'No steps yet.'));
  return list;
}

/** A score bar with an accessible name and value; an unscored step has an empty, dashed bar and no value. */
export function scoreMeter(s: Pick<PathStepView, 'index' | 'score' | 'scoreLabel' | 'verdict' | 'verdictLabel'>): HTMLElement {
  const scored = Number.isFinite(s.score);
  const bar = h('div', {
    class: 'sw-bar',
    role: 'meter',
    'aria-label': `Score of step ${s.index + 1}`,
    'aria-valuemin': 0,
    'aria-valuemax': 1,
    'aria-valuenow': scored ? s.score : undefined,
    'aria-valuetext': scored ? `${s.scoreLabel}, ${s.verdictLabel}` : s.verdictLabel,
  });
  const fill = h('div', { class: 'sw-bar-fill' });
  fill.style.width = `${scored ? Math.round(s.score * 100) : 0}%`;
  bar.append(fill);
  return bar;
}

function stepRow(s: PathStepView, actions: StepActions): HTMLElement {
  const n = s.index + 1;
  const selectable = !!(actions.onSelect && s.nodeId);
  const num = selectable
    ? h('button', { class: 'sw-step-num sw-link', type: 'button', 'aria-label': `Step ${n}: show its node in the search tree` }, `Step ${n}`)
    : h('span', { class: 'sw-step-num' }, `Step ${n}`);
  if (selectable) num.addEventListener('click', () => actions.onSelect!(s));
  const head = h(
    'div',
    { class: 'sw-step-head' },
    // The verdict comes first: it is what a glance must catch.
    h('span', { class: 'sw-verdict', 'data-testid': 'verdict' }, s.verdictLabel),
    num,
    s.isFirstError && h('span', { class: 'sw-first-error-badge', 'data-testid': 'first-error' }, 'first error'),
    scoreMeter(s),
    h('span', { class: 'sw-step-score', 'data-testid': 'step-score' }, s.scoreLabel),
  );
  const row = h(
    'li',
    {
      class: `sw-step-row sw-verdict-${s.verdict}${s.isFirstError ? ' sw-first-error' : ''}`,
      'data-testid': 'step-row',
      'data-step-index': s.index,
      'data-verdict': s.verdict,
      'data-node-id': s.nodeId,
    },
    head,
    mathText('div', 'sw-step-text', s.text),
  );
  if (s.unscoredReason) row.append(h('p', { class: 'sw-unscored-reason', 'data-testid': 'unscored-reason' }, `No verdict: ${s.unscoredReason}`));
  if (s.evidence.length) {
    // Built on first open: a long path would otherwise carry thousands of hidden elements.
    const details = h('details', { class: 'sw-evidence' }, h('summary', {}, `Evidence for step ${n}`));
    details.addEventListener('toggle', () => {
      if (!details.open || details.querySelector('dl')) return;
      const dl = h('dl', { class: 'sw-dl' });
      for (const line of s.evidence) dl.append(h('dt', {}, line.label), h('dd', {}, line.value));
      details.append(dl);
    });
    row.append(details);
  }
  if (selectable) {
    row.classList.add('sw-selectable');
    row.addEventListener('click', (ev) => {
      const target = ev.target as HTMLElement;
      if (target.closest('details') || target.closest('button')) return;
      actions.onSelect!(s);
    });
  }
  return row;
}

/** Scores along the path. The threshold is named in a legend under the chart, where no line can cross it. */
export function chartView(steps: PathStepView[], threshold: number): HTMLElement {
  const g = chartGeometry(steps, threshold);
  const root = svg('svg', { viewBox: `0 0 ${g.width} ${g.height}`, class: 'sw-chart', 'data-testid': 'path-chart', role: 'img', 'aria-label': `Step scores along the path against the threshold ${threshold}` });
  root.append(svg('line', { x1: 0, x2: g.width, y1: g.thresholdY, y2: g.thresholdY, class: 'sw-threshold' }));
  if (g.points.length > 1) root.append(svg('polyline', { points: g.line, class: 'sw-score-line' }));
  for (const p of g.points) {
    const dot = svg('circle', { cx: p.x, cy: p.y, r: g.points.length > 60 ? 2 : 4, class: `sw-dot sw-verdict-${p.verdict}` });
    const title = svg('title');
    title.textContent = `Step ${p.index + 1}: ${p.score.toFixed(2)}`;
    dot.append(title);
    root.append(dot);
  }
  const unscored = steps.length - g.points.length;
  const legend = h(
    'p',
    { class: 'sw-chart-legend sw-muted', 'data-testid': 'threshold-label' },
    h('span', { class: 'sw-legend-dash', 'aria-hidden': 'true' }),
    ` threshold ${threshold}`,
    unscored > 0 ? ` · ${unscored} step${unscored === 1 ? '' : 's'} without a verdict not drawn` : '',
  );
  return h('div', { class: 'sw-chart-wrap' }, root, legend);
}

export function correctionsView(corrections: CorrectionView[], onApply: (stepIndex: number, button: HTMLElement) => void): HTMLElement {
  const wrap = h('div', { class: 'sw-corrections' });
  if (corrections.length === 0) wrap.append(h('p', { class: 'sw-muted' }, 'No corrections suggested.'));
  for (const c of corrections) {
    const n = c.stepIndex + 1;
    const apply = h('vscode-button', { 'data-testid': 'apply-correction', 'data-step-index': c.stepIndex, 'aria-label': `Apply correction to step ${n}` }, 'Apply correction');
    apply.addEventListener('click', () => onApply(c.stepIndex, apply));
    const diff = wordDiff(c.original.text, c.replacement.text);
    wrap.append(
      h(
        'div',
        { class: 'sw-correction', 'data-step-index': c.stepIndex, 'data-testid': 'correction' },
        h('div', { class: 'sw-correction-head' }, h('strong', {}, `Step ${n}`), h('span', { class: c.improved ? 'sw-improved' : 'sw-muted' }, c.improved ? 'improves the score' : 'no better than the original'), apply),
        h(
          'div',
          { class: 'sw-diff' },
          diffSide('Original', c.original.scoreLabel, diff.before, 'sw-original'),
          diffSide('Suggested', c.replacement.scoreLabel, diff.after, 'sw-replacement'),
        ),
        c.reason && h('p', { class: 'sw-reason sw-muted' }, c.reason),
        c.tail.length > 0 && tailView(c.tail, n),
        c.answer !== undefined && h('p', { class: 'sw-answer' }, `Answer: ${c.answer}`),
      ),
    );
  }
  return wrap;
}

/** One side of the diff: removed runs struck through on the left, added runs marked on the right. */
function diffSide(title: string, scoreLabel: string, parts: DiffPart[], kind: string): HTMLElement {
  const body = h('div', { class: 'sw-step-text' });
  let run: HTMLElement | undefined;
  parts.forEach((p, i) => {
    const blank = p.token.kind === 'text' && /^\s+$/.test(p.token.text);
    // A blank between two changed tokens belongs to the run, so a changed phrase is one mark, not one per word.
    const inRun = p.op !== 'same' || (blank && run && parts[i + 1] && parts[i + 1].op !== 'same');
    if (!inRun) {
      run = undefined;
      body.append(mathToken(p.token));
      return;
    }
    if (!run) {
      const removed = parts.slice(i).find((q) => q.op !== 'same')?.op === 'removed';
      run = h(removed ? 'del' : 'ins', { class: removed ? 'sw-del' : 'sw-ins' });
      body.append(run);
    }
    run.append(mathToken(p.token));
  });
  return h('div', { class: `sw-candidate ${kind}`, 'data-testid': kind === 'sw-original' ? 'original' : 'suggested' }, h('div', { class: 'sw-candidate-head' }, title, h('span', { class: 'sw-step-score' }, scoreLabel)), body);
}

function candidate(title: string, text: string, scoreLabel: string, kind: string): HTMLElement {
  return h('div', { class: `sw-candidate ${kind}` }, h('div', { class: 'sw-candidate-head' }, title, h('span', { class: 'sw-step-score' }, scoreLabel)), mathText('div', 'sw-step-text', text));
}

function tailView(tail: { text: string; scoreLabel: string }[], n: number): HTMLElement {
  const d = h('details', { class: 'sw-tail' }, h('summary', {}, `Then ${tail.length} more step${tail.length === 1 ? '' : 's'} after step ${n}`));
  for (const t of tail) d.append(h('div', { class: 'sw-tail-step' }, h('span', { class: 'sw-step-score' }, t.scoreLabel), mathText('div', 'sw-step-text', t.text)));
  return d;
}

export function alternativesView(stepIndex: number, chosen: { text: string; scoreLabel: string }, others: { id: string; text: string; scoreLabel: string; status: string }[], onSelect: (id: string) => void): HTMLElement {
  const list = h('div', { class: 'sw-alternatives' });
  for (const o of others) {
    const pick = h('button', { class: 'sw-link', type: 'button', 'aria-label': `Show alternative ${o.id} for step ${stepIndex + 1} (${o.status}, score ${o.scoreLabel})` }, `${o.id} · ${o.status}`);
    pick.addEventListener('click', () => onSelect(o.id));
    const el = h('div', { class: `sw-candidate sw-alt sw-status-${o.status}`, 'data-node-id': o.id }, h('div', { class: 'sw-candidate-head' }, pick, h('span', { class: 'sw-step-score' }, o.scoreLabel)), mathText('div', 'sw-step-text', o.text));
    el.addEventListener('click', (ev) => {
      if (!(ev.target as HTMLElement).closest('button')) onSelect(o.id);
    });
    list.append(el);
  }
  if (others.length === 0) list.append(h('p', { class: 'sw-muted' }, 'No other candidates for this step.'));
  return h('div', { class: 'sw-diff' }, candidate(`Chosen for step ${stepIndex + 1}`, chosen.text, chosen.scoreLabel, 'sw-replacement'), list);
}

export function statsView(lines: { label: string; value: string }[], notes: string[] = []): HTMLElement {
  const dl = h('dl', { class: 'sw-dl', 'data-testid': 'stats' });
  for (const l of lines) dl.append(h('dt', {}, l.label), h('dd', {}, l.value));
  const wrap = h('div', {}, dl);
  if (notes.length) wrap.append(h('ul', { class: 'sw-notes' }, ...notes.map((n) => h('li', {}, n))));
  return wrap;
}

export function errorBanner(error: { message: string; fix?: string }, onDismiss: () => void): HTMLElement {
  const close = h('vscode-button', { secondary: true, class: 'sw-dismiss', 'aria-label': 'Dismiss the error' }, 'Dismiss');
  close.addEventListener('click', onDismiss);
  return h('div', { class: 'sw-error-banner', role: 'alert', 'data-testid': 'error' }, h('div', { class: 'sw-error-message' }, error.message), error.fix ? h('code', { class: 'sw-error-fix' }, error.fix) : null, close);
}
