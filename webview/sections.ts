// The panel's sections as DOM, built from view models. Data reaches the DOM only as text or via KaTeX.
import { h, mathText, svg } from './dom';
import { chartGeometry, type CorrectionView, type PathStepView } from './viewModel';

export function section(heading: string, body: Node, opts: { open?: boolean; description?: string; id?: string } = {}): HTMLElement {
  const c = h('vscode-collapsible', { heading, description: opts.description, open: opts.open ?? true, id: opts.id, class: 'section' });
  c.append(h('div', { class: 'section-body' }, body));
  return c;
}

export function problemView(problem: string): HTMLElement {
  const el = mathText('div', 'problem', problem);
  el.setAttribute('data-testid', 'problem');
  return el;
}

export interface StepActions {
  /** Clicking a step (search paths) selects its node. */
  onSelect?: (step: PathStepView) => void;
}

export function pathView(steps: PathStepView[], actions: StepActions = {}): HTMLElement {
  const list = h('ol', { class: 'path' });
  for (const s of steps) list.append(stepRow(s, actions));
  if (steps.length === 0) list.append(h('li', { class: 'muted' }, 'No steps yet.'));
  return list;
}

function stepRow(s: PathStepView, actions: StepActions): HTMLElement {
  const bar = h('div', { class: 'bar', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 1, 'aria-valuenow': Number.isFinite(s.score) ? s.score : 0 });
  const fill = h('div', { class: 'bar-fill' });
  fill.style.width = `${Number.isFinite(s.score) ? Math.round(s.score * 100) : 0}%`;
  bar.append(fill);
  const head = h(
    'div',
    { class: 'step-head' },
    h('span', { class: 'step-num' }, `Step ${s.index + 1}`),
    s.isFirstError && h('vscode-badge', { class: 'first-error-badge', 'data-testid': 'first-error' }, 'first error'),
    bar,
    h('span', { class: 'step-score', 'data-testid': 'step-score' }, s.scoreLabel),
    h('span', { class: 'verdict' }, s.verdict),
  );
  const row = h(
    'li',
    {
      class: `step-row verdict-${s.verdict}${s.isFirstError ? ' first-error' : ''}`,
      'data-testid': 'step-row',
      'data-step-index': s.index,
      'data-verdict': s.verdict,
      'data-node-id': s.nodeId,
    },
    head,
    mathText('div', 'step-text', s.text),
  );
  if (s.evidence.length) {
    // Built on first open: a long path would otherwise carry thousands of hidden elements.
    const details = h('details', {}, h('summary', {}, 'Evidence'));
    details.addEventListener('toggle', () => {
      if (!details.open || details.querySelector('dl')) return;
      const dl = h('dl', { class: 'evidence' });
      for (const line of s.evidence) dl.append(h('dt', {}, line.label), h('dd', {}, line.value));
      details.append(dl);
    });
    row.append(details);
  }
  if (actions.onSelect && s.nodeId) {
    row.classList.add('selectable');
    row.addEventListener('click', (ev) => {
      if ((ev.target as HTMLElement).closest('details')) return;
      actions.onSelect!(s);
    });
  }
  return row;
}

export function chartView(steps: PathStepView[], threshold: number): SVGElement {
  const g = chartGeometry(steps, threshold);
  const root = svg('svg', { viewBox: `0 0 ${g.width} ${g.height}`, class: 'chart', 'data-testid': 'path-chart', role: 'img', 'aria-label': 'Step scores along the path' });
  root.append(svg('line', { x1: 0, x2: g.width, y1: g.thresholdY, y2: g.thresholdY, class: 'threshold' }));
  const label = svg('text', { x: 4, y: g.thresholdY - 3, class: 'threshold-label' });
  label.textContent = `threshold ${threshold}`;
  root.append(label);
  if (g.points.length > 1) root.append(svg('polyline', { points: g.line, class: 'score-line' }));
  for (const p of g.points) {
    const dot = svg('circle', { cx: p.x, cy: p.y, r: g.points.length > 60 ? 2 : 4, class: `dot verdict-${p.verdict}` });
    const title = svg('title');
    title.textContent = `Step ${p.index + 1}: ${p.score.toFixed(2)}`;
    dot.append(title);
    root.append(dot);
  }
  return root;
}

export function correctionsView(corrections: CorrectionView[], onApply: (stepIndex: number, button: HTMLElement) => void): HTMLElement {
  const wrap = h('div', { class: 'corrections' });
  if (corrections.length === 0) wrap.append(h('p', { class: 'muted' }, 'No corrections suggested.'));
  for (const c of corrections) {
    const apply = h('vscode-button', { 'data-testid': 'apply-correction', 'data-step-index': c.stepIndex }, 'Apply');
    apply.addEventListener('click', () => onApply(c.stepIndex, apply));
    wrap.append(
      h(
        'div',
        { class: 'correction', 'data-step-index': c.stepIndex },
        h('div', { class: 'correction-head' }, h('strong', {}, `Step ${c.stepIndex + 1}`), h('span', { class: c.improved ? 'improved' : 'not-improved' }, c.improved ? 'improves the score' : 'no better than the original'), apply),
        h(
          'div',
          { class: 'side-by-side' },
          candidate('Original', c.original.text, c.original.scoreLabel, 'original'),
          candidate('Suggested', c.replacement.text, c.replacement.scoreLabel, 'replacement'),
        ),
        c.reason && h('p', { class: 'reason' }, c.reason),
        c.tail.length > 0 && tailView(c.tail),
        c.answer !== undefined && h('p', { class: 'answer' }, `Answer: ${c.answer}`),
      ),
    );
  }
  return wrap;
}

function candidate(title: string, text: string, scoreLabel: string, kind: string): HTMLElement {
  return h('div', { class: `candidate ${kind}` }, h('div', { class: 'candidate-head' }, title, h('span', { class: 'step-score' }, scoreLabel)), mathText('div', 'step-text', text));
}

function tailView(tail: { text: string; scoreLabel: string }[]): HTMLElement {
  const d = h('details', { class: 'tail' }, h('summary', {}, `Then ${tail.length} more step${tail.length === 1 ? '' : 's'}`));
  for (const t of tail) d.append(h('div', { class: 'tail-step' }, h('span', { class: 'step-score' }, t.scoreLabel), mathText('div', 'step-text', t.text)));
  return d;
}

export function alternativesView(stepIndex: number, chosen: { text: string; scoreLabel: string }, others: { id: string; text: string; scoreLabel: string; status: string }[], onSelect: (id: string) => void): HTMLElement {
  const list = h('div', { class: 'alternatives' });
  for (const o of others) {
    const el = h('div', { class: `candidate alt status-${o.status}`, 'data-node-id': o.id }, h('div', { class: 'candidate-head' }, `${o.id} · ${o.status}`, h('span', { class: 'step-score' }, o.scoreLabel)), mathText('div', 'step-text', o.text));
    el.addEventListener('click', () => onSelect(o.id));
    list.append(el);
  }
  if (others.length === 0) list.append(h('p', { class: 'muted' }, 'No other candidates for this step.'));
  return h('div', { class: 'side-by-side' }, candidate(`Chosen for step ${stepIndex + 1}`, chosen.text, chosen.scoreLabel, 'replacement'), list);
}

export function statsView(lines: { label: string; value: string }[], notes: string[] = []): HTMLElement {
  const dl = h('dl', { class: 'stats', 'data-testid': 'stats' });
  for (const l of lines) dl.append(h('dt', {}, l.label), h('dd', {}, l.value));
  const wrap = h('div', {}, dl);
  if (notes.length) wrap.append(h('ul', { class: 'notes' }, ...notes.map((n) => h('li', {}, n))));
  return wrap;
}

export function errorBanner(error: { message: string; fix?: string }, onDismiss: () => void): HTMLElement {
  const close = h('vscode-button', { secondary: true, class: 'dismiss' }, 'Dismiss');
  close.addEventListener('click', onDismiss);
  return h('div', { class: 'error-banner', role: 'alert', 'data-testid': 'error' }, h('div', { class: 'error-message' }, error.message), error.fix ? h('code', { class: 'error-fix' }, error.fix) : null, close);
}
