import { throwIfAborted } from '../errors';
import { checkStep } from './arithmetic/claims';
import { unsupportedAnswer } from './arithmetic/support';
import { checkSymbolic } from './arithmetic/symbolic';
import { abstention, NOTHING_TO_CHECK, type ArithmeticClaim, type Scorer, type ScoreOptions, type StepScore } from './scorer';

export { checkStep };

const CHECKED = 'arithmetic and symbolic check of the equalities the step states (no model)';
const NOTHING = 'no arithmetic claims found';

/**
 * A scorer with no model: 0 when a step states a false equality (numeric, an identity, or a claimed solution of an
 * equation), 1 otherwise, with no verdict ("unchecked") when it states none; a final answer that appears from nowhere is doubtful.
 */
export function createArithmeticScorer(): Scorer {
  return {
    name: 'arithmetic',
    key: 'arithmetic',
    async score(problem: string, steps: readonly string[], opts: ScoreOptions = {}): Promise<StepScore[]> {
      const which = opts.which ?? steps.map((_, i) => i);
      const scores: StepScore[] = [];
      for (const index of which) {
        throwIfAborted(opts.signal);
        scores.push(await scoreStepInContext(problem, steps, index));
      }
      return scores;
    },
  };
}

/** Step k checked with what comes before it: numeric and symbolic claims, and where its answer comes from. */
export async function scoreStepInContext(problem: string, steps: readonly string[], k: number): Promise<StepScore> {
  const text = steps[k] ?? '';
  const symbolic = await checkSymbolic(text);
  const scored = scoreClaims([...checkStep(text), ...symbolic]);
  const doubt = unsupportedAnswer(problem, steps.slice(0, k), text);
  if (!doubt || scored.score === 0) return scored;
  // Unsupported is a doubt, not an error: the verdict is doubtful whatever the threshold.
  const note = scored.evidence.note ? `${scored.evidence.note}; ${doubt}` : doubt;
  return { score: 0.5, scorer: 'arithmetic', method: CHECKED, evidence: { ...scored.evidence, note }, doubt };
}

export function scoreStepText(text: string): StepScore {
  return scoreClaims(checkStep(text));
}

function scoreClaims(claims: ArithmeticClaim[]): StepScore {
  // Nothing checked is not ok: the step gets no verdict (shown as "unchecked").
  if (claims.length === 0) return abstention('arithmetic', NOTHING, NOTHING_TO_CHECK, { claims });
  const wrong = claims.filter((c) => !c.ok);
  if (wrong.length === 0) return { score: 1, scorer: 'arithmetic', method: CHECKED, evidence: { claims } };
  return { score: 0, scorer: 'arithmetic', method: CHECKED, evidence: { claims, note: wrong.map(describeFalseClaim).join('; ') } };
}

/** "18 - 6 = 13 is false: 18 - 6 = 12" */
export function describeFalseClaim(claim: ArithmeticClaim): string {
  if (claim.note) return claim.note;
  const parts = claim.expression.split(/\s*(?:=|≈|\\approx)\s*/);
  const lhs = parts.length > 1 ? parts.slice(0, -1).join(' = ') : claim.expression;
  return `${claim.expression} is false: ${lhs} = ${formatNumber(claim.computed)}`;
}

export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(8)));
}
