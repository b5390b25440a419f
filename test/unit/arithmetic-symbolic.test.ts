import { describe, expect, it } from 'vitest';
import { verifySteps } from '../../extension/engine/verify';
import { createArithmeticScorer } from '../../extension/engine/scorers/arithmetic';
import { unsupportedAnswer } from '../../extension/engine/scorers/arithmetic/support';
import { checkSymbolic } from '../../extension/engine/scorers/arithmetic/symbolic';
import { segmentSteps } from '../../extension/engine/steps/segment';

const verdicts = async (text: string) => (await checkSymbolic(text)).map((c) => c.ok);

describe('symbolic checks: identities and claimed solutions', () => {
  it('checks a simplification chain side by side, naming the false link', async () => {
    expect(await verdicts('Expanding, $(x+2)^2 - 4 = x^2 + 4x + 4 - 4 = x^2 + 4x$.')).toEqual([true, true]);
    const claims = await checkSymbolic('Expanding, $(x+2)^2 - 4 = x^2 + 2x + 4 - 4 = x^2 + 2x$.');
    expect(claims.map((c) => c.ok)).toEqual([false, true]);
    expect(claims[0]!.note).toMatch(/^\(x\+2\)\^2 - 4 = x\^2 \+ 2x \+ 4 - 4 is not an identity: at x = 0\.5383/);
  });

  it('reads align environments, where "&=" lines go on from the line before', async () => {
    const good = '\\[\\begin{aligned} (a+b)^2 - (a-b)^2 &= a^2 + 2ab + b^2 - (a^2 - 2ab + b^2) \\\\ &= 4ab \\end{aligned}\\]';
    expect(await verdicts(good)).toEqual([true, true]);
    expect(await verdicts(good.replace('&= 4ab', '&= 2ab'))).toEqual([true, false]);
  });

  it('factorisations stated before "= 0"', async () => {
    expect(await verdicts('$x^2 - 5x + 6 = (x - 2)(x - 3) = 0$')).toEqual([true]);
    expect(await verdicts('$x^2 - 5x + 6 = (x - 1)(x - 6) = 0$')).toEqual([false]);
  });

  it('a claimed solution is substituted into the equation before it', async () => {
    expect(await verdicts('Subtract 1 from both sides of $2x + 1 = 7$, so $x = 3$.')).toEqual([true]);
    const [claim] = await checkSymbolic('Subtract 1 from both sides of $2x + 1 = 7$, so $x = 4$.');
    expect(claim).toMatchObject({ ok: false, note: 'x = 4 does not solve 2x + 1 = 7: the two sides differ by 2 there' });
    expect(await verdicts('We solve \\(3x - 5 = 2x + 1\\), which gives \\(x = \\frac{13}{2}\\).')).toEqual([false]);
    expect(await verdicts('$x^2 = 9$ so $x = 3$ or $x = -3$.')).toEqual([true, true]);
  });

  it('stays silent where the claim is not plainly stated', async () => {
    for (const text of [
      // trying values, not solving
      'If $x = 2$, then $2x + 1 = 5$; for $x = 4$ we get $2x + 1 = 9$.',
      'Check $x = 5$: $2x + 1 = 11 \\neq 7$.',
      // an equation, not an identity (two sides, different variables)
      '$y = 2x + 1 = 7$',
      '$3x + 2 = x + 10$',
      // functions, subscripts, names, constants, decimals
      '$f(x) = x^2 + 1 = f(x)$',
      '$a_1 + a_2 = a_3 = 5$',
      '$AB = BC = 2AB$',
      '$e^{i\\pi} + 1 = 0 = i^2 + 1$',
      '$0.33x = x/3 = 0.333x$',
      // facts of the problem substituted into a chain
      'Substituting $a + b = 7$: $a^2 - ab + b^2 = 7^2 - 3ab = 49 - 3ab$.',
      // prose
      'The area is 12 and the perimeter is x = 14 = 2 + 12.',
    ]) {
      expect(await verdicts(text), text).toEqual([]);
    }
  });
});

describe('answers that appear from nowhere', () => {
  const problem = 'A shop sells 12 apples a day for 5 days. How many apples does it sell?';

  it('an answer no earlier step computes is unsupported; one written or computed before is not', () => {
    expect(unsupportedAnswer(problem, ['It sells 12 apples each day.'], 'So the answer is \\boxed{72}.')).toMatch(/^unsupported: the answer 72 appears from nowhere/);
    expect(unsupportedAnswer(problem, ['In 5 days: $12 \\times 5 = 60$ apples.'], 'So the answer is \\boxed{60}.')).toBeUndefined();
    // computed in the step itself
    expect(unsupportedAnswer(problem, [], 'It sells $12 \\times 5 = \\boxed{60}$ apples.')).toBeUndefined();
    // written with digit groups, as a fraction, or rounded from an earlier value
    expect(unsupportedAnswer('…', ['That is 1,250 in all.'], 'The answer is $\\boxed{1250}$.')).toBeUndefined();
    expect(unsupportedAnswer('…', ['The chance is $\\frac{3}{4}$.'], 'The answer is \\boxed{0.75}.')).toBeUndefined();
    expect(unsupportedAnswer('…', ['It takes $10000 / 550 \\approx 18.18$ years.'], 'So 19 whole years: \\boxed{19}.')).toBeUndefined();
  });

  it('is silent about answers that are not plain numbers', () => {
    expect(unsupportedAnswer('…', [], 'The answer is \\boxed{x^2 + 1}.')).toBeUndefined();
    expect(unsupportedAnswer('…', [], 'The roots are \\boxed{(1, 2)}.')).toBeUndefined();
  });

  it('makes the verdict doubtful, with the reason, whatever the threshold', async () => {
    const text = 'It sells 12 apples each day.\n\nSo the answer is \\boxed{72}.';
    for (const threshold of [0.5, 0.9]) {
      const result = await verifySteps({ problem, steps: segmentSteps(text), scorer: createArithmeticScorer(), threshold, aggregation: 'min' });
      expect(result.steps[1]).toMatchObject({ verdict: 'doubtful' });
      expect(result.steps[1]!.evidence.note).toMatch(/unsupported: the answer 72/);
      expect(result.firstError).toBe(-1);
    }
  });

  it('a false symbolic claim makes the step wrong through the arithmetic scorer', async () => {
    const steps = segmentSteps('We have $2x + 1 = 7$, so $x = 4$.\n\nThe answer is $\\boxed{4}$.');
    const result = await verifySteps({ problem: 'Solve $2x + 1 = 7$.', steps, scorer: createArithmeticScorer(), threshold: 0.5, aggregation: 'min' });
    expect(result.firstError).toBe(0);
    expect(result.steps[0]!.evidence.note).toContain('x = 4 does not solve 2x + 1 = 7');
  });
});
