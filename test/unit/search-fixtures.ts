// Scripted policy and judge for search tests: in-process, deterministic, with optional delays.
import type { Proposal, ProposeOptions, StepProposer } from '../../extension/engine/search/propose';
import type { Scorer, StepScore } from '../../extension/engine/scorers/scorer';
import { extractAnswer, hasBoxedAnswer } from '../../extension/engine/steps/answers';

export const PROBLEM = 'What is (2 + 3) * 4?';
export const RIGHT = ['## Step 1: 2 + 3 = 5.', '## Step 2: 5 * 4 = 20.', '## Step 3: The answer is \\boxed{20}.'];
/** A wrong version of each step, and how a solution goes on after it. */
export const WRONG_AT = [
  ['## Step 1: 2 + 3 = 6.', '## Step 2: 6 * 4 = 24.', '## Step 3: The answer is \\boxed{24}.'],
  [RIGHT[0], '## Step 2: 5 * 4 = 25.', '## Step 3: The answer is \\boxed{25}.'],
];
export const WRONG_STEPS = new Set(WRONG_AT.flatMap((chain, i) => chain.slice(i)));

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export interface ScriptedPolicyOptions {
  /** ms per generation request (requests of one expansion run in parallel, limited by the search's schedule). */
  delayMs?: number;
  /** Tokens reported per step. */
  tokens?: number;
  /** Sample i of an expansion proposes the wrong step when this says so (default: even i). */
  wrong?: (i: number, seed: number) => boolean;
  /** Make every sample's text unique (no merging) by tagging it with its seed. */
  distinct?: boolean;
  /** Ignore the abort signal entirely (a worst-case proposer). */
  ignoreSignal?: boolean;
}

/** A policy that sometimes writes a wrong step; once a step is wrong, it carries the error to a wrong answer. */
export function scriptedPolicy(opts: ScriptedPolicyOptions = {}) {
  const calls: { steps: string[]; n: number; seedBase: number }[] = [];
  const proposer: StepProposer = {
    async propose(_problem, steps, n, o: ProposeOptions) {
      calls.push({ steps: [...steps], n, seedBase: o.seedBase });
      const one = async (i: number): Promise<Proposal> => {
        const run = () => sleep(opts.delayMs ?? 0, opts.ignoreSignal ? undefined : o.signal);
        await (o.schedule ? o.schedule(run) : run());
        const seed = o.seedBase + i;
        const d = steps.length;
        const wrongChain = WRONG_AT.find((chain, at) => at < d && steps[at] === chain[at]);
        let text: string;
        if (wrongChain) text = wrongChain[d] ?? '';
        else if (d < WRONG_AT.length && (opts.wrong ?? ((k) => k % 2 === 0))(i, seed)) text = WRONG_AT[d][d];
        else text = RIGHT[d] ?? '';
        if (opts.distinct && text) text = `${text} (s${seed})`;
        // As the engine decides: a boxed answer or an empty step ends the solution.
        const finished = hasBoxedAnswer(text) || !text;
        const answer = finished ? extractAnswer(text) : undefined;
        return { text, finished, ...(answer ? { answer } : {}), usage: { promptTokens: 5, completionTokens: opts.tokens ?? 10 } };
      };
      return Promise.all(Array.from({ length: n }, (_, i) => one(i)));
    },
  };
  return { proposer, calls };
}

/** A judge that scores a step low when it or any earlier step is wrong; records every prefix it scored. */
export function scriptedJudge(opts: { delayMs?: number; right?: number; wrong?: number } = {}) {
  const scoredPrefixes: string[] = [];
  const scorer: Scorer = {
    name: 'judge',
    key: 'scripted-judge',
    async score(_problem, steps, o = {}) {
      const which = o.which ?? steps.map((_, i) => i);
      await sleep(opts.delayMs ?? 0, o.signal);
      return which.map((k): StepScore => {
        scoredPrefixes.push(JSON.stringify(steps.slice(0, k + 1)));
        const bad = steps.slice(0, k + 1).some((s) => WRONG_STEPS.has(s.replace(/ \(s\d+\)$/, '')));
        return { score: bad ? (opts.wrong ?? 0.1) : (opts.right ?? 0.9), scorer: 'judge', method: 'scripted', evidence: {} };
      });
    },
  };
  return { scorer, scoredPrefixes };
}

export const baseOptions = { n: 4, beamWidth: 2, maxDepth: 10, temperature: 0.8, seed: 7, concurrency: 8, budget: {} };
