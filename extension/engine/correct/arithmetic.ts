// Corrections without a model: a step whose stated result is false gets the computed one.
import { checkStep, describeFalseClaim, formatNumber, scoreStepText } from '../scorers/arithmetic';
import type { ArithmeticClaim } from '../scorers/scorer';
import type { CorrectionResult, ScoredText } from './types';

/** The last number in a claim: the value the step states. */
const STATED = /(-?\d[\d,]*(?:\.\d+)?)(?!.*\d)/s;

/**
 * Replaces the stated value of every false computation in a step with the computed one, keeping the step's
 * wording, units and digit grouping. Undefined when there is nothing to fix or the fix would not check out.
 */
export function fixArithmeticStep(text: string): { text: string; fixed: ArithmeticClaim[] } | undefined {
  const wrong = checkStep(text).filter((c) => !c.ok);
  if (wrong.length === 0) return undefined;
  let out = text;
  for (const claim of [...wrong].sort((a, b) => b.start - a.start)) {
    const written = out.slice(claim.start, claim.end);
    const match = STATED.exec(written);
    if (!match) return undefined;
    const value = formatNumber(claim.computed);
    const grouped = match[1].includes(',') ? Number(value).toLocaleString('en-US', { maximumFractionDigits: 10 }) : value;
    const at = claim.start + match.index;
    out = out.slice(0, at) + grouped + out.slice(at + match[1].length);
  }
  // Only a fix the checker itself accepts is offered.
  return checkStep(out).every((c) => c.ok) ? { text: out, fixed: wrong } : undefined;
}

/** The correction for the first step with a false computation (or `weakIndex`), or undefined. */
export function arithmeticCorrection(steps: readonly string[], weakIndex?: number): CorrectionResult | undefined {
  const scored: ScoredText[] = steps.map((text) => ({ text, score: scoreStepText(text).score }));
  const index = weakIndex ?? scored.findIndex((s) => s.score < 0.5);
  if (index < 0 || index >= steps.length) return undefined;
  const fix = fixArithmeticStep(steps[index]);
  if (!fix) return undefined;
  const replacement = { text: fix.text, score: scoreStepText(fix.text).score };
  const corrected = scored.map((s, i) => (i === index ? replacement : s));
  const min = (xs: ScoredText[]) => Math.min(...xs.map((s) => s.score));
  return {
    weakIndex: index,
    original: scored[index],
    replacement,
    tail: [],
    reason: `${fix.fixed.map(describeFalseClaim).join('; ')}. Later steps that used the old value need the same change: verify again after applying.`,
    improved: true,
    rounds: [],
    originalScore: min(scored),
    correctedScore: min(corrected),
    steps: corrected,
    stoppedBy: 'done',
    stats: { calls: 0, scoringCalls: 0, generationCalls: 0, completionTokens: 0, cacheHits: 0, wallMs: 0 },
  };
}
