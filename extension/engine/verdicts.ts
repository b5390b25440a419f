// What a set of scored steps says, in one place: each step's verdict, the first error, the solution score, how many
// steps got no verdict and why, and the one sentence every view prints.
import { aggregate, type Aggregation } from './scorers/aggregate';
import { NOTHING_TO_CHECK, verdictFor, type ScorerName, type StepScore, type Verdict } from './scorers/scorer';
import type { Step } from './steps/types';

export interface VerifiedStep extends Step {
  /** null when the scorer abstained (`verdict: 'unscored'`). */
  score: number | null;
  verdict: Verdict;
  scorer: ScorerName;
  method: string;
  evidence: StepScore['evidence'];
  /** Why the step got no verdict; set exactly when `verdict` is `unscored`. */
  unscoredReason?: string;
}

/**
 * - `no-wrong-step`: every step was judged and none is wrong.
 * - `wrong-step`: a judged step is wrong (`firstError`).
 * - `incomplete`: no judged step is wrong, but some steps got no verdict.
 * - `unverified`: no step got a verdict at all.
 */
export type VerifyOutcome = 'no-wrong-step' | 'wrong-step' | 'incomplete' | 'unverified';

export interface VerifyResult {
  steps: VerifiedStep[];
  /** 0-based index of the earliest step judged wrong, or -1. Unscored steps are never the first error. */
  firstError: number;
  /** Aggregate of the judged steps' scores; null when no step was judged. */
  solutionScore: number | null;
  scorer: ScorerName;
  aggregation: Aggregation;
  threshold: number;
  /** Things the user should know (fallbacks taken, estimates made). */
  notes: string[];
  /** Steps with a verdict. */
  judged: number;
  /** Steps without one. */
  unscored: number;
  outcome: VerifyOutcome;
  /** The one sentence every view prints. */
  summary: string;
}

/** One step's verdict from its score: an abstention is `unscored` with its reason, never a pass or a fail. */
export function verifiedStep(step: Step, s: StepScore, threshold: number): VerifiedStep {
  const common = { ...step, scorer: s.scorer, method: s.method, evidence: s.evidence };
  if (s.abstained) return { ...common, score: null, verdict: 'unscored', unscoredReason: s.evidence.note || 'the scorer gave no verdict' };
  // A scorer's doubt (an answer from nowhere) is its verdict, whatever the threshold.
  return { ...common, score: s.score, verdict: s.doubt ? 'doubtful' : verdictFor(s.score, { threshold }) };
}

/** The word a view shows for a step's verdict: "unchecked" when the arithmetic checker found nothing to check. */
export function verdictLabel(step: Pick<VerifiedStep, 'verdict' | 'unscoredReason'>): string {
  if (step.verdict !== 'unscored') return step.verdict;
  return step.unscoredReason === NOTHING_TO_CHECK ? 'unchecked' : 'unscored';
}

export interface ResultMeta {
  scorer: ScorerName;
  aggregation: Aggregation;
  threshold: number;
  notes?: string[];
}

/** Every derived part of a verification, from its steps. Views call this rather than recompute any of it. */
export function summariseSteps(steps: VerifiedStep[], meta: ResultMeta): VerifyResult {
  const judgedSteps = steps.filter((s) => s.verdict !== 'unscored');
  const judged = judgedSteps.length;
  const unscored = steps.length - judged;
  const firstError = steps.findIndex((s) => s.verdict === 'wrong');
  const outcome: VerifyOutcome = judged === 0 ? 'unverified' : firstError >= 0 ? 'wrong-step' : unscored > 0 ? 'incomplete' : 'no-wrong-step';
  const solutionScore = judged ? aggregate(judgedSteps.map((s) => s.score as number), meta.aggregation) : null;
  const result = { steps, firstError, solutionScore, scorer: meta.scorer, aggregation: meta.aggregation, threshold: meta.threshold, notes: meta.notes ?? [], judged, unscored, outcome };
  return { ...result, summary: summarySentence(result) };
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** "2 of 5 steps got no verdict (nothing to check: 2)". */
export function unscoredSentence(steps: readonly VerifiedStep[]): string {
  const missing = steps.filter((s) => s.verdict === 'unscored');
  if (!missing.length) return '';
  return `${missing.length.toLocaleString('en-US')} of ${plural(steps.length, 'step')} got no verdict (${unscoredReasons(missing)})`;
}

/** The reasons steps got no verdict, most frequent first, each with its count and cut to one short clause. */
export function unscoredReasons(missing: readonly Pick<VerifiedStep, 'unscoredReason'>[], most = 2): string {
  const counts = new Map<string, number>();
  for (const s of missing) {
    const why = shortReason(s.unscoredReason ?? '');
    counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, most).map(([why, n]) => `${why}: ${n.toLocaleString('en-US')}`);
  if (sorted.length > most) shown.push(`${sorted.length - most} other reason${sorted.length - most === 1 ? '' : 's'}`);
  return shown.join('; ');
}

/** A reason in a few words, for counts ("too long for the model's context"); the full reason stays on the step. */
export function shortReason(reason: string): string {
  if (/did not fit the context|does not fit the .*context window/i.test(reason)) return "too long for the model's context";
  if (reason === NOTHING_TO_CHECK) return NOTHING_TO_CHECK;
  if (/no (?:sampled )?verdict|no yes\/no|neither \+ nor -|was yes or no/i.test(reason)) return 'the judge gave no yes/no verdict';
  const first = reason.split(/(?<=[.;:])\s/)[0].replace(/[.;:]$/, '');
  return first.length > 80 ? `${first.slice(0, 79)}…` : first || 'no reason given';
}

function summarySentence(r: Omit<VerifyResult, 'summary'>): string {
  const n = r.steps.length;
  const missing = unscoredSentence(r.steps);
  switch (r.outcome) {
    case 'unverified':
      return `Unverified: none of the ${plural(n, 'step')} got a verdict (${unscoredReasons(r.steps)}).`;
    case 'wrong-step': {
      const before = r.steps.slice(0, r.firstError).filter((s) => s.verdict === 'unscored').length;
      const caveat = before ? ` ${plural(before, 'earlier step')} got no verdict, so an earlier error is possible.` : missing ? ` ${missing}.` : '';
      return `Earliest wrong step: ${r.firstError + 1} of ${n} (threshold ${r.threshold}).${caveat}`;
    }
    case 'incomplete':
      return `No wrong step among the ${plural(r.judged, 'judged step')}, but ${missing}: not verified as a whole.`;
    case 'no-wrong-step':
      return `No wrong step: all ${plural(n, 'step')} judged (threshold ${r.threshold}).`;
  }
}
