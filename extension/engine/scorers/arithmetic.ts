import { throwIfAborted } from '../errors';
import { checkStep } from './arithmetic/claims';
import { abstention, NOTHING_TO_CHECK, type ArithmeticClaim, type Scorer, type ScoreOptions, type StepScore } from './scorer';

export { checkStep };

const CHECKED = 'arithmetic check of the equalities the step states (no model)';
const NOTHING = 'no arithmetic claims found';

/** A scorer with no model: 0 when a step states a false equality, 1 when every one it states holds; no verdict when it states none. */
export function createArithmeticScorer(): Scorer {
  return {
    name: 'arithmetic',
    key: 'arithmetic',
    async score(_problem: string, steps: readonly string[], opts: ScoreOptions = {}): Promise<StepScore[]> {
      const which = opts.which ?? steps.map((_, i) => i);
      return which.map((index) => {
        throwIfAborted(opts.signal);
        return scoreStepText(steps[index] ?? '');
      });
    },
  };
}

export function scoreStepText(text: string): StepScore {
  const claims = checkStep(text);
  // Nothing checked is not ok: the step gets no verdict (shown as "unchecked").
  if (claims.length === 0) return abstention('arithmetic', NOTHING, NOTHING_TO_CHECK, { claims });
  const wrong = claims.filter((c) => !c.ok);
  if (wrong.length === 0) return { score: 1, scorer: 'arithmetic', method: CHECKED, evidence: { claims } };
  return { score: 0, scorer: 'arithmetic', method: CHECKED, evidence: { claims, note: wrong.map(describeFalseClaim).join('; ') } };
}

/** "18 - 6 = 13 is false: 18 - 6 = 12" */
export function describeFalseClaim(claim: ArithmeticClaim): string {
  const parts = claim.expression.split(/\s*(?:=|≈|\\approx)\s*/);
  const lhs = parts.length > 1 ? parts.slice(0, -1).join(' = ') : claim.expression;
  return `${claim.expression} is false: ${lhs} = ${formatNumber(claim.computed)}`;
}

export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(8)));
}
