// Sample panel data for the webview benchmark, screenshots and tests. Deterministic (no Math.random).
import type { Correction, SearchEvent, SearchNode, SearchResult, VerificationView, VerifiedStep } from '../../extension/protocol';

export const HOSTILE_TEXT = 'Then <script>alert(1)</script> and <img src=x onerror=alert(1)> and \u202Eevil\u202C.';

const STEP_TEXTS = [
  'Natalia sold $48$ clips in April.',
  'In May she sold half as many: $\\frac{48}{2} = 24$ clips.',
  'Altogether she sold $48 + 24 = 72$ clips.',
  'So the answer is $\\boxed{72}$.',
];

/** A verification with `count` steps; step `wrongAt` scores low and carries a correction. */
export function sampleVerification(count = 6, wrongAt = 2, hostile = false): VerificationView {
  const steps: VerifiedStep[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const text = i === wrongAt ? `Then $18 - 6 = 13$ eggs are left.${hostile ? ' ' + HOSTILE_TEXT : ''}` : STEP_TEXTS[i % STEP_TEXTS.length];
    const score = i === wrongAt ? 0.12 : i === wrongAt + 1 ? 0.62 : 0.9 + ((i * 7) % 10) / 100;
    steps.push({
      index: i,
      start: offset,
      end: offset + text.length,
      text,
      score,
      verdict: score < 0.5 ? 'wrong' : score < 0.75 ? 'doubtful' : 'ok',
      scorer: 'judge',
      method: 'P(yes) from top-20 logprobs of the first answer token',
      evidence: {
        top: [
          { token: i === wrongAt ? 'No' : 'Yes', logprob: Math.log(Math.max(score, 1 - score)) },
          { token: i === wrongAt ? 'Yes' : 'No', logprob: Math.log(Math.min(score, 1 - score)) },
        ],
        yesMass: score,
        noMass: 1 - score,
        ...(i === wrongAt ? { claims: [{ expression: '18 - 6 = 13', computed: 12, stated: 13, ok: false, start: 6, end: 17 }] } : {}),
      },
    });
    offset += text.length + 2;
  }
  const correction: Correction = {
    weakIndex: wrongAt,
    original: { text: steps[wrongAt].text, score: 0.12 },
    replacement: { text: 'Then $18 - 6 = 12$ eggs are left.', score: 0.94 },
    tail: [
      { text: 'She sells them at $\\$2$ each: $12 \\times 2 = 24$.', score: 0.91 },
      { text: 'The answer is $\\boxed{24}$.', score: 0.95 },
    ],
    reason: 'Resampled step 3 from its prefix; the best of 4 candidates scores 0.94 (was 0.12).',
    answer: '24',
    improved: true,
  };
  return {
    docUri: 'file:///work/examples/eggs.md',
    fileName: 'eggs.md',
    problem: `Janet's ducks lay $16$ eggs per day. She eats $3$ and bakes with $4$. How many dollars does she make at $\\$2$ per egg? ${hostile ? HOSTILE_TEXT : ''}\n$$\\text{eggs} = 16 - 3 - 4$$`,
    result: {
      steps,
      firstError: wrongAt,
      solutionScore: 0.12,
      scorer: 'judge',
      aggregation: 'min',
      threshold: 0.5,
      notes: ['Scores read from Ollama logprobs (qwen2.5:7b).'],
      judged: steps.length,
      unscored: 0,
      outcome: 'wrong-step',
      summary: `Earliest wrong step: ${wrongAt + 1} of ${steps.length} (threshold 0.5).`,
    },
    corrections: { [wrongAt]: correction },
  };
}

function pathTo(nodes: SearchNode[], node: SearchNode): string[] {
  const ids: string[] = [];
  for (let n: SearchNode | undefined = node; n; n = n.parentId ? nodes[Number(n.parentId.slice(1))] : undefined) ids.unshift(n.id);
  return ids;
}

/** A search tree of `count` nodes: each node has up to `branching` children; ids n0..n{count-1}. */
export function sampleSearch(count = 5000, branching = 4): { events: SearchEvent[]; result: SearchResult } {
  const nodes: SearchNode[] = [];
  const events: SearchEvent[] = [{ type: 'started', strategy: 'beam', problem: 'What is $2^{10}$?' }];
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? null : `n${Math.floor((i - 1) / branching)}`;
    const depth = i === 0 ? 0 : nodes[Math.floor((i - 1) / branching)].depth + 1;
    const score = i === 0 ? 1 : ((i * 37) % 100) / 100;
    const node: SearchNode = {
      id: `n${i}`,
      parentId: parent,
      depth,
      text: i === 0 ? 'What is $2^{10}$?' : `Step ${depth}: $2^{${depth}} = ${2 ** depth}$ (candidate ${i})`,
      status: score < 0.3 ? 'pruned' : 'expanded',
      tokens: 20,
      ms: 40,
      ...(score < 0.3 ? { pruneReason: 'below threshold 0.3' } : {}),
    };
    nodes.push(node);
    events.push({ type: 'node-added', node });
    if (i > 0 && i % 500 === 0) events.push({ type: 'best-path', ids: pathTo(nodes, node), score });
    if (i > 0) {
      const s = { score, scorer: 'judge' as const, method: 'P(yes)', evidence: {} };
      node.score = s;
      events.push({ type: 'node-scored', id: node.id, score: s, pathScore: score });
    }
  }
  // The best path follows the first child at each level.
  const bestPath = ['n0'];
  for (let id = 1; id < count; id = id * branching + 1) bestPath.push(`n${id}`);
  const stats = { calls: count * 2, generationCalls: count, scoringCalls: count, promptTokens: count * 300, completionTokens: count * 20, cacheHits: Math.floor(count / 7), wallMs: 93_400 };
  events.push({ type: 'best-path', ids: bestPath, score: 0.81 }, { type: 'stats', stats });
  const pathNodes = bestPath.slice(1).map((id) => nodes[Number(id.slice(1))]);
  const result: SearchResult = {
    strategy: 'beam',
    problem: 'What is $2^{10}$?',
    answer: '1024',
    steps: pathNodes.map((n) => ({ nodeId: n.id, text: n.text, score: n.score?.score ?? 0, verdict: (n.score?.score ?? 0) < 0.5 ? 'wrong' : 'ok' })),
    score: 0.81,
    aggregation: 'last',
    scorer: 'judge',
    bestPath,
    nodes,
    stats,
    stoppedBy: 'done',
  };
  return { events, result };
}
