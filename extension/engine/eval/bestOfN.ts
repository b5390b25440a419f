/**
 * Best-of-N evaluation: N full solutions per problem, each written one step at a time by the policy and
 * scored per step by the PRM. Every sample is kept (with its step scores), so accuracy at every N' <= N and
 * every selection rule can be computed afterwards from the same run (see curve.ts).
 */
import pLimit from 'p-limit';
import { isCancellation, throwIfAborted } from '../errors';
import type { Scorer, StepScore } from '../scorers/scorer';
import { ScoreCache } from '../search/cache';
import type { StepProposer } from '../search/propose';
import { seedFor } from '../search/random';
import { answersEqual, extractAnswer, loadAnswerEquivalence } from '../steps/answers';
import type { EvalProblem } from './problems';

export interface SampledSolution {
  /** The final answer it states, if any. */
  answer?: string;
  correct: boolean;
  /** One PRM score per step; aggregated later, so the aggregation can change without sampling again. */
  /** One score per step; null where the scorer could not judge the step (left out of the sample's score). */
  stepScores: (number | null)[];
  /** False when it ran into the step limit without an answer. */
  finished: boolean;
  /** Why some steps have no score (the scorer abstained, e.g. the path is too long for the PRM); their entries are neutral. */
  unscored?: string;
  completionTokens: number;
}

/** One problem's samples and what they cost: one line of the checkpoint. */
export interface BestOfNProblemResult {
  id: string;
  problem: string;
  reference: string;
  samples: SampledSolution[];
  requests: { generation: number; scoring: number };
  tokens: { prompt: number; completion: number };
  ms: number;
}

export interface SampleSettings {
  proposer: StepProposer;
  scorer: Scorer;
  n: number;
  seed: number;
  temperature: number;
  /** Most steps in one solution. */
  maxDepth: number;
}

export interface RunBestOfNOptions extends SampleSettings {
  problems: readonly EvalProblem[];
  /** Parallel model requests over the whole run. */
  concurrency: number;
  /** Problems already sampled (resume): not sampled again. */
  done?: ReadonlyMap<string, BestOfNProblemResult>;
  signal?: AbortSignal;
  onResult?: (result: BestOfNProblemResult, finished: number, total: number) => void;
}

type Schedule = <T>(request: () => Promise<T>) => Promise<T>;

/** N solutions for one problem. Scores of a prefix shared by several samples are asked for once. */
export async function sampleProblem(problem: EvalProblem, settings: SampleSettings, schedule: Schedule, signal?: AbortSignal): Promise<BestOfNProblemResult> {
  const started = Date.now();
  await loadAnswerEquivalence(); // answers are checked against the reference by canonical form
  const cache = new ScoreCache(settings.scorer);
  const cost = { generation: 0, batchedScoring: 0, prompt: 0, completion: 0 };

  const sampleOne = async (i: number): Promise<SampledSolution> => {
    const steps: string[] = [];
    let answer: string | undefined;
    let finished = false;
    let completionTokens = 0;
    while (steps.length < settings.maxDepth) {
      throwIfAborted(signal);
      // Sample i continues with its own seed at every step, so samples sharing a prefix still diverge.
      const seedBase = seedFor(settings.seed, problem.problem, steps, i);
      const [step] = await settings.proposer.propose(problem.problem, steps, 1, { signal, seedBase, schedule, temperature: settings.temperature });
      cost.generation++;
      cost.prompt += step.usage.promptTokens;
      cost.completion += step.usage.completionTokens;
      completionTokens += step.usage.completionTokens;
      if (!step.text.trim()) {
        finished = steps.length > 0;
        break;
      }
      steps.push(step.text);
      if (step.finished) {
        answer = step.answer;
        finished = true;
        break;
      }
    }
    // Phrases only read the answer of a finished solution; one cut at the step limit has none.
    if (finished) answer ??= extractAnswer(steps.join('\n\n'));
    const scores = await scoreSteps(problem.problem, steps);
    const unscored = scores.find((s) => s.abstained)?.evidence.note;
    return {
      ...(answer !== undefined ? { answer } : {}),
      correct: answersEqual(answer, problem.reference),
      stepScores: scores.map((s) => (s.abstained ? null : s.score)),
      finished,
      completionTokens,
      ...(unscored !== undefined ? { unscored } : {}),
    };
  };

  const scoreSteps = async (text: string, steps: string[]): Promise<StepScore[]> => {
    if (steps.length === 0) return [];
    if (settings.scorer.batched && !cache.has(text, steps)) {
      // One request scores every step (vLLM /pooling); later samples reuse its prefixes.
      cost.batchedScoring++;
      const scores = await schedule(() => settings.scorer.score(text, steps, { signal }));
      // An abstention (path too long) is not primed: shorter prefixes may still fit, and are asked for one by one.
      if (!scores.some((s) => s.abstained)) cache.prime(text, steps, scores);
    }
    return Promise.all(steps.map((_, k) => cache.scoreLast(text, steps.slice(0, k + 1), { signal, run: schedule })));
  };

  const samples = await Promise.all(Array.from({ length: settings.n }, (_, i) => sampleOne(i)));
  return {
    id: problem.id,
    problem: problem.problem,
    reference: problem.reference,
    samples,
    requests: { generation: cost.generation, scoring: cost.batchedScoring + cache.requests },
    tokens: { prompt: cost.prompt, completion: cost.completion },
    ms: Date.now() - started,
  };
}

/**
 * Samples every problem not done yet. A few problems run at once (enough to keep `concurrency` requests busy),
 * so they finish one after another and each is saved as it finishes. On cancellation it returns what finished,
 * in the problems' order; a real failure stops the other requests and is thrown.
 */
export async function runBestOfNEval(opts: RunBestOfNOptions): Promise<{ results: BestOfNProblemResult[]; complete: boolean }> {
  await loadAnswerEquivalence(); // the curves computed from these results group answers by canonical form
  const requests = pLimit(Math.max(1, opts.concurrency));
  const schedule: Schedule = (fn) => requests(fn);
  const problemsAtOnce = pLimit(Math.ceil(opts.concurrency / opts.n) + 1);
  const controller = new AbortController();
  const stop = () => controller.abort(opts.signal?.reason);
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener('abort', stop, { once: true });
  const byId = new Map(opts.done ?? []);
  let finished = byId.size;
  let failure: unknown;
  const todo = opts.problems.filter((p) => !byId.has(p.id));
  try {
    await Promise.all(
      todo.map((problem) =>
        problemsAtOnce(async () => {
          if (controller.signal.aborted) return;
          try {
            const result = await sampleProblem(problem, opts, schedule, controller.signal);
            byId.set(problem.id, result);
            opts.onResult?.(result, ++finished, opts.problems.length);
          } catch (err) {
            if (isCancellation(err, controller.signal) || controller.signal.aborted) return;
            failure ??= err;
            controller.abort(err);
          }
        }),
      ),
    );
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
  if (failure !== undefined) throw failure;
  const results = opts.problems.flatMap((p) => byId.get(p.id) ?? []);
  return { results, complete: !opts.signal?.aborted && results.length === opts.problems.length };
}
