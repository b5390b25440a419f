/** The results of `eval bestofn` as one JSON-ready object: the curve, the cost, and every problem's picks. */
import { aggregate, type Aggregation } from '../scorers/aggregate';
import type { BestOfNProblemResult } from './bestOfN';
import { accuracyCurve, selectCandidate, SELECTION_RULES, type Candidate, type CurvePoint, type SelectionRule } from './curve';

export interface BestOfNSettings {
  n: number;
  seed: number;
  temperature: number;
  maxDepth: number;
  aggregation: Aggregation;
  /** Subsets averaged over per problem and N' (exact when there are no more than this). */
  maxSubsets: number;
  scorer: string;
  policyModel: string;
  verifierModel: string;
}

export interface ProblemSummary {
  id: string;
  problem: string;
  reference: string;
  /** Share of the N samples (percent) with the right answer. */
  sampleAccuracy: number;
  /** The answer each rule picks from all N samples, and whether it is right. */
  picks: Record<SelectionRule, { answer?: string; correct: boolean }>;
  samples: { answer?: string; score: number; stepScores: (number | null)[]; correct: boolean; finished: boolean }[];
  requests: number;
  tokens: number;
}

/** Mean cost of one problem (all N samples). */
export interface CostPerProblem {
  requests: number;
  generationRequests: number;
  scoringRequests: number;
  promptTokens: number;
  completionTokens: number;
  seconds: number;
}

export interface BestOfNEvalResults {
  name: string;
  file: string;
  complete: boolean;
  problems: number;
  settings: BestOfNSettings;
  /** How the points of the curve were averaged, in words. */
  subsampling: string;
  curve: CurvePoint[];
  costPerProblem: CostPerProblem;
  perProblem: ProblemSummary[];
}

/** The aggregated score of a sample; a sample without steps scores 0. */
/** A sample's score from its judged steps; with none judged it ranks last (it is unverified, never preferred). */
function sampleScore(stepScores: readonly (number | null)[], how: Aggregation): number {
  const judged = stepScores.filter((s): s is number => s !== null);
  return judged.length ? aggregate(judged, how) : 0;
}

export function candidatesOf(result: BestOfNProblemResult, how: Aggregation): Candidate[] {
  return result.samples.map((s) => ({ ...(s.answer !== undefined ? { answer: s.answer } : {}), correct: s.correct, score: sampleScore(s.stepScores, how) }));
}

export function summariseBestOfN(
  results: readonly BestOfNProblemResult[],
  meta: { name: string; file: string; complete: boolean; settings: BestOfNSettings },
): BestOfNEvalResults {
  const { settings } = meta;
  const scored = results.map((r) => ({ result: r, candidates: candidatesOf(r, settings.aggregation) }));
  const curve = accuracyCurve(scored.map((s) => ({ id: s.result.id, candidates: s.candidates })), { maxSubsets: settings.maxSubsets, seed: settings.seed });
  const mean = (f: (r: BestOfNProblemResult) => number) => (results.length ? results.reduce((a, r) => a + f(r), 0) / results.length : 0);
  const perProblem = scored.map(({ result: r, candidates }): ProblemSummary => {
    const picks = Object.fromEntries(
      SELECTION_RULES.map((rule) => {
        const pick = selectCandidate(rule, candidates);
        return [rule, { ...(pick?.answer !== undefined ? { answer: pick.answer } : {}), correct: pick?.correct ?? false }];
      }),
    ) as ProblemSummary['picks'];
    return {
      id: r.id,
      problem: r.problem,
      reference: r.reference,
      sampleAccuracy: r.samples.length ? (100 * r.samples.filter((s) => s.correct).length) / r.samples.length : 0,
      picks,
      samples: r.samples.map((s, i) => ({ ...(s.answer !== undefined ? { answer: s.answer } : {}), score: candidates[i].score, stepScores: s.stepScores, correct: s.correct, finished: s.finished })),
      requests: r.requests.generation + r.requests.scoring,
      tokens: r.tokens.prompt + r.tokens.completion,
    };
  });
  return {
    name: meta.name,
    file: meta.file,
    complete: meta.complete,
    problems: results.length,
    settings,
    subsampling:
      `Accuracy at each N' is averaged over subsets of N' of the same ${settings.n} samples per problem: every subset when there are ` +
      `at most ${settings.maxSubsets}, else ${settings.maxSubsets} random subsets drawn without replacement (seed ${settings.seed}).`,
    curve,
    costPerProblem: {
      requests: mean((r) => r.requests.generation + r.requests.scoring),
      generationRequests: mean((r) => r.requests.generation),
      scoringRequests: mean((r) => r.requests.scoring),
      promptTokens: mean((r) => r.tokens.prompt),
      completionTokens: mean((r) => r.tokens.completion),
      seconds: mean((r) => r.ms / 1000),
    },
    perProblem,
  };
}
