// Search benchmark: scripted policy and judge that each take a fixed delay per request (a stand-in for the
// loopback server), so the search's own overhead shows against the critical-path lower bound.
import type { Scorer, StepScore } from '../../extension/engine/scorers/scorer';
import type { Proposal, StepProposer } from '../../extension/engine/search/propose';
import { runSearch } from '../../extension/engine/search/run';
import { loadAnswerEquivalence } from '../../extension/engine/steps/answers';
import { seededRandom } from '../../extension/engine/search/random';
import type { SearchResult, StrategyName } from '../../extension/engine/search/types';

const DELAY_MS = 50;
const DEPTH = 4;
const PROBLEMS = 5;
const TOKENS_PER_STEP = 24;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function request(): Promise<void> {
  await sleep(DELAY_MS);
}

/** A policy that errs on a step with probability 0.35 (seeded); once wrong, it stays wrong. */
function policy(): { proposer: StepProposer; expansions: () => number } {
  let expansions = 0;
  const proposer: StepProposer = {
    async propose(problem, steps, n, o) {
      expansions++;
      const one = async (i: number): Promise<Proposal> => {
        await o.schedule!(request);
        const seed = o.seedBase + i;
        const wrong = steps.some((s) => s.includes('wrong')) || seededRandom(seed)() < 0.35;
        const d = steps.length + 1;
        const last = d === DEPTH;
        const text = `## Step ${d}: ${wrong ? 'wrong' : 'right'} move ${seed % 1000}${last ? ` \\boxed{${wrong ? 'bad' : `${problem}-ok`}}` : ''}`;
        return { text, finished: last, ...(last ? { answer: wrong ? 'bad' : `${problem}-ok` } : {}), usage: { promptTokens: 50, completionTokens: TOKENS_PER_STEP } };
      };
      return Promise.all(Array.from({ length: n }, (_, i) => one(i)));
    },
  };
  return { proposer, expansions: () => expansions };
}

function judge(): { scorer: Scorer; requests: () => number } {
  let requests = 0;
  const scorer: Scorer = {
    name: 'judge',
    key: 'bench-judge',
    async score(_problem, steps, o = {}) {
      requests++;
      await request();
      return (o.which ?? steps.map((_, i) => i)).map((k): StepScore => ({
        score: steps.slice(0, k + 1).some((s) => s.includes('wrong')) ? 0.1 : 0.9,
        scorer: 'judge',
        method: 'bench',
        evidence: {},
      }));
    },
  };
  return { scorer, requests: () => requests };
}

interface Config {
  strategy: StrategyName;
  label: string;
  n: number;
  beamWidth: number;
  mctsIterations?: number;
  callBudget?: number;
}

const CONFIGS: Config[] = [
  { strategy: 'best-of-n', label: 'N=4', n: 4, beamWidth: 1 },
  { strategy: 'beam', label: 'N=8, M=2', n: 8, beamWidth: 2 },
  { strategy: 'dvts', label: 'N=8, M=2', n: 8, beamWidth: 2 },
  { strategy: 'mcts', label: 'M=2, 64-call budget', n: 4, beamWidth: 2, callBudget: 64 },
];

/**
 * The critical path with enough concurrency for a whole level: every level is one generation and one scoring
 * round. Levels run in lockstep for beam search; best-of-N chains and DVTS subtrees run side by side, so their
 * deepest path counts; MCTS expands one leaf per iteration, so every expansion counts.
 */
function lowerBoundMs(config: Config, result: SearchResult, expansions: number, requestMs = DELAY_MS): number {
  const deepest = Math.max(...result.nodes.map((n) => n.depth));
  const levels = config.strategy === 'mcts' ? expansions : deepest;
  return levels * 2 * requestMs;
}

export async function benchSearch(): Promise<string> {
  await loadAnswerEquivalence(); // loaded once per process; not part of any search's wall time
  const rows = [
    `Scripted policy and judge in process, ${DELAY_MS} ms per request (the bound uses that fixed latency), ` +
      `${DEPTH}-step solutions, ${PROBLEMS} problems per strategy, concurrency = N.`,
    '',
    '| strategy | config | solved | wall / bound | requests per solved | tokens per solved | cache hit rate | scoring requests per new node |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const config of CONFIGS) {
    let wall = 0;
    let bound = 0;
    let solved = 0;
    let calls = 0;
    let tokens = 0;
    let hits = 0;
    let scoringRequests = 0;
    let newNodes = 0;
    for (let p = 0; p < PROBLEMS; p++) {
      const { proposer, expansions } = policy();
      const { scorer, requests } = judge();
      const problem = `problem${p}`;
      const result = await runSearch({
        problem,
        strategy: config.strategy,
        proposer,
        scorer,
        aggregation: 'last',
        options: { n: config.n, beamWidth: config.beamWidth, maxDepth: DEPTH + 2, temperature: 0.8, seed: 100 + p, concurrency: config.n, budget: config.callBudget ? { calls: config.callBudget } : {}, ...(config.mctsIterations ? { mctsIterations: config.mctsIterations } : {}) },
      });
      wall += result.stats.wallMs;
      bound += lowerBoundMs(config, result, expansions());
      if (result.answer === `${problem}-ok`) solved++;
      calls += result.stats.calls;
      tokens += result.stats.promptTokens + result.stats.completionTokens;
      hits += result.stats.cacheHits;
      scoringRequests += requests();
      newNodes += result.nodes.filter((n) => n.parentId !== null && !n.pruneReason?.startsWith('duplicate of')).length;
    }
    const per = (x: number) => (solved ? (x / solved).toFixed(1) : '—');
    rows.push(
      `| ${config.strategy} | ${config.label} | ${solved}/${PROBLEMS} | ${(wall / bound).toFixed(3)} (${wall} / ${Math.round(bound)} ms) | ${per(calls)} | ${per(tokens)} | ` +
        `${(hits / Math.max(1, hits + scoringRequests)).toFixed(2)} | ${(scoringRequests / Math.max(1, newNodes)).toFixed(2)} |`,
    );
  }
  return rows.join('\n') + '\n';
}
