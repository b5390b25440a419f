import { describe, expect, it } from 'vitest';
import { summariseSteps, type SearchEvent, type SearchNode, type StepScore, type VerifiedStep } from '../../extension/engine/index';
import { codeLensTitle, describeNode, searchMessage, escapeMarkdown, stepHoverMarkdown } from '../../extension/vscode/format';
import { SearchReducer } from '../../extension/searchReducer';

const META = { scorer: 'judge', aggregation: 'min', threshold: 0.5 } as const;

const step = (over: Partial<VerifiedStep> = {}): VerifiedStep => ({
  index: 1,
  start: 0,
  end: 10,
  text: 'x',
  score: 0.123,
  verdict: 'wrong',
  scorer: 'judge',
  method: 'P(yes) from top-20 logprobs',
  evidence: {},
  ...over,
});

describe('inline and lens text', () => {
  it('summarises a verified solution in the CodeLens', () => {
    const lens = (verdicts: VerifiedStep['verdict'][], stale: number) => codeLensTitle(summariseSteps(verdicts.map((v, index) => step({ index, verdict: v, score: v === 'ok' ? 0.9 : 0.2 })), META), stale);
    expect(lens(['ok', 'wrong', 'ok', 'ok', 'ok'], 0)).toBe('Stepwise: 5 steps · 1 wrong · verify again');
    expect(lens(['doubtful'], 1)).toBe('Stepwise: 1 step · 0 wrong · 1 doubtful · 1 edited · verify again');
  });

  it('says how many steps got no verdict and why, and never shows a score for them', () => {
    const unchecked = step({ index: 2, score: null, verdict: 'unscored', unscoredReason: 'nothing to check' });
    const overflow = step({ index: 3, score: null, verdict: 'unscored', unscoredReason: 'The prompt (about 9000 tokens) does not fit the 8192-token context window available for m; …' });
    const mixed = summariseSteps([step({ index: 0, score: 0.9, verdict: 'ok' }), step({ index: 1, score: 0.9, verdict: 'ok' }), unchecked, overflow], META);
    expect(codeLensTitle(mixed, 0)).toBe("Stepwise: 4 steps · 0 wrong · 2 no verdict (nothing to check: 1; too long for the model's context: 1) · verify again");
    const none = summariseSteps([{ ...unchecked, index: 0 }, { ...unchecked, index: 1 }], META);
    expect(codeLensTitle(none, 0)).toBe('Stepwise: unverified, no step of 2 got a verdict (nothing to check: 2) · verify again');
    expect(stepHoverMarkdown(unchecked, { threshold: 0.5 })).toContain('unchecked, no verdict');
    expect(stepHoverMarkdown(unchecked, { threshold: 0.5 })).toContain('it counts neither as a pass nor as a fail');
  });
});

describe('hover markdown', () => {
  it('escapes model text so it cannot become a link, HTML or a command', () => {
    const md = stepHoverMarkdown(
      step({ evidence: { text: '<img src=x onerror=alert(1)> [click](command:stepwise.cancel)', note: '*bold*' } }),
      { threshold: 0.5 },
    );
    expect(md).not.toContain('<img');
    expect(md).not.toContain('](command:');
    expect(md).toContain('&lt;img');
    expect(md).toContain('\\*bold\\*');
  });

  it('shows the evidence: top tokens as probabilities, and arithmetic claims', () => {
    const md = stepHoverMarkdown(
      step({
        evidence: {
          top: [
            { token: 'No', logprob: Math.log(0.8) },
            { token: 'Yes', logprob: Math.log(0.1) },
          ],
          claims: [{ expression: '12 + 6 = 18', computed: 18, stated: 18, ok: true, start: 0, end: 11 }],
        },
      }),
      { threshold: 0.5, stale: true },
    );
    expect(md).toContain('**Stepwise · step 2: wrong** (0.12, threshold 0.50)');
    expect(md).toContain('`"No"` 0.800, `"Yes"` 0.100');
    expect(md).toContain('✓ `12 + 6 = 18`: computed 18, stated 18');
    expect(md).toContain('edited after it was verified');
  });

  it('escapeMarkdown leaves plain words alone', () => {
    expect(escapeMarkdown('Sue has 12 flamingos')).toBe('Sue has 12 flamingos');
  });
});

const score = (s: number): StepScore => ({ score: s, scorer: 'judge', method: 'm', evidence: {} });
const node = (id: string, parentId: string | null, over: Partial<SearchNode> = {}): SearchNode => ({
  id,
  parentId,
  depth: parentId ? Number(id.slice(1)) : 0,
  text: `text of ${id}`,
  status: 'open',
  tokens: 0,
  ms: 0,
  ...over,
});

describe('search tree (one reducer shared with the panel)', () => {
  const events: SearchEvent[] = [
    { type: 'started', strategy: 'beam', problem: 'P' },
    { type: 'node-added', node: node('n0', null, { text: 'How many flamingos?' }) },
    { type: 'node-added', node: node('n1', 'n0') },
    { type: 'node-added', node: node('n2', 'n0') },
    { type: 'node-scored', id: 'n1', score: score(0.9), pathScore: 0.9 },
    { type: 'node-scored', id: 'n2', score: score(0.2), pathScore: 0.2 },
    { type: 'node-pruned', id: 'n2', reason: 'below threshold 0.3' },
    { type: 'node-added', node: node('n3', 'n1', { depth: 2 }) },
    { type: 'node-scored', id: 'n3', score: score(0.4), pathScore: 0.4 },
    { type: 'best-path', ids: ['n0', 'n1'], score: 0.9 },
  ];

  it('builds parents and children from live events and marks pruned, wrong and best-path nodes', () => {
    const state = new SearchReducer('P', 'beam');
    const changed = events.map((e) => state.apply(e));
    expect(changed[0]).toBe(false);
    expect(state.roots().map((n) => n.id)).toEqual(['n0']);
    expect(state.childrenOf('n0').map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(state.parentOf('n3')?.id).toBe('n1');
    expect(state.parentOf('n0')).toBeUndefined();

    const kinds = ['n0', 'n1', 'n2', 'n3'].map((id) => describeNode(state.node(id)!, state.isOnBestPath(id), 0.5).kind);
    expect(kinds).toEqual(['root', 'selected', 'pruned', 'wrong']);
    expect(describeNode(state.node('n0')!, true, 0.5).label).toBe('Problem · How many flamingos?');
  });

  it('leads each label with score and verdict and puts why a node was pruned in the description', () => {
    const state = new SearchReducer('P', 'beam');
    state.apply(events);
    const pruned = describeNode(state.node('n2')!, false, 0.5);
    expect(pruned.label).toMatch(/^0\.20 wrong · /);
    expect(pruned.description).toBe('pruned: below threshold 0.3 · path 0.20');
    expect(pruned.tooltip).toContain('Pruned: below threshold 0\\.3');
    expect(describeNode(state.node('n1')!, true, 0.5).label).toMatch(/^0\.90 ok · /);
  });

  it('shows a node the scorer abstained on as "no verdict" with its reason, never as a pass', () => {
    const abstained = node('n4', 'n0', { score: { score: 0.5, scorer: 'arithmetic', method: 'check', abstained: true, evidence: { note: 'nothing to check' } } });
    const d = describeNode(abstained, true, 0.5);
    expect(d.kind).toBe('unscored');
    expect(d.label).toMatch(/^no verdict · /);
    expect(d.label).not.toMatch(/0\.50|ok/);
    expect(d.tooltip).toContain('nothing to check');
  });

  it('counts nodes in the message while a search runs, before any stats arrive', () => {
    const state = new SearchReducer('P', 'beam');
    state.apply(events.slice(0, 9));
    expect(searchMessage(state)).toBe('Searching: 4 nodes');
    state.apply(events.slice(9));
    expect(searchMessage(state)).toBe('Searching: 4 nodes · best so far 0.90');
    state.fail('cancelled');
    expect(searchMessage(state)).toMatch(/^Search stopped \(cancelled\) after 4 nodes/);
  });
});
