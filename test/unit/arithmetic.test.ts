import { describe, expect, it } from 'vitest';
import { Cancelled } from '../../extension/engine/errors';
import { checkStep, createArithmeticScorer } from '../../extension/engine/scorers/arithmetic';

/** The verdicts a step's claims get: true for each correct claim, false for each false one. */
const verdicts = (text: string) => checkStep(text).map((c) => c.ok);

describe('checkStep: claims it reads and checks', () => {
  // [notation, a true claim, the same claim made false]
  const cases: [string, string, string][] = [
    ['plain subtraction', '18 - 6 = 12', '18 - 6 = 13'],
    ['letter x as times', '5 x 3 = 15', '5 x 3 = 16'],
    ['dollar amounts', 'So 12 * $3 = $36 in all.', 'So 12 * $3 = $38 in all.'],
    ['thousands separators', '4,000 + 1,500 = 5,500', '4,000 + 1,500 = 6,500'],
    ['percent of', '2.5% of 80 = 2', '2.5% of 80 = 3'],
    ['fraction times ×', '1/3 × 18 = 6', '1/3 × 18 = 9'],
    ['÷ and unicode minus', '20 ÷ 4 − 1 = 4', '20 ÷ 4 − 1 = 3'],
    ['inline LaTeX \\( \\)', 'They take \\(1/3 \\times 18 = 6\\) back.', 'They take \\(1/3 \\times 18 = 5\\) back.'],
    ['\\frac and \\cdot in $ $', '$\\frac{3}{4} \\cdot 8 = 6$', '$\\frac{3}{4} \\cdot 8 = 7$'],
    ['\\dfrac', '\\(\\dfrac{10}{4} = 2.5\\)', '\\(\\dfrac{10}{4} = 2.4\\)'],
    ['\\sqrt', '\\(\\sqrt{16} = 4\\)', '\\(\\sqrt{16} = 8\\)'],
    ['powers', '\\(2^{10} = 1024\\)', '\\(2^{10} = 1000\\)'],
    ['\\% and \\times', '\\(50\\% \\times 8 = 4\\)', '\\(50\\% \\times 8 = 5\\)'],
    ['\\left( \\right)', '\\[\\left(3 + 4\\right) \\times 2 = 14\\]', '\\[\\left(3 + 4\\right) \\times 2 = 12\\]'],
    ['\\text units', '\\(12 \\text{ dollars} \\times 3 = 36 \\text{ dollars}\\)', '\\(12 \\text{ dollars} \\times 3 = 39 \\text{ dollars}\\)'],
    ['escaped \\$', '\\(5 \\times \\$30 = \\$150\\)', '\\(5 \\times \\$30 = \\$180\\)'],
    ['unit words', '18 flamingos - 6 flamingos = 12 flamingos', '18 flamingos - 6 flamingos = 14 flamingos'],
    ['rates', '495 students * $15/student = $7425', '495 students * $15/student = $7455'],
    ['labels in parentheses', '7995 (total cookies) - 2595 (rainbow cookies) = 5400', '7995 (total cookies) - 2595 (rainbow cookies) = 4500'],
    ['rounded to the decimals written', '10/3 = 3.33', '10/3 = 3.35'],
    ['≈ with a loose tolerance', '22/7 ≈ 3.14', '22/7 ≈ 3.5'],
    ['\\approx', '\\(\\sqrt{2} \\approx 1.41\\)', '\\(\\sqrt{2} \\approx 1.5\\)'],
    ['a truncated decimal', '10/3 = 3.333...', '10/3 = 3.444...'],
    ['≈ an integer', '\\(\\frac{100}{7} \\approx 14\\)', '\\(\\frac{100}{7} \\approx 15\\)'],
    ['percent result', '1/3 × 100 = 33.33%', '1/3 × 100 = 30.33%'],
    ['percent as a fraction', '20/80 = 25%', '20/80 = 20%'],
    ['factorial', '\\(5! = 120\\)', '\\(5! = 100\\)'],
    ['\\boxed', '\\boxed{150 \\div 3 = 50}', '\\boxed{150 \\div 3 = 40}'],
    ['a bare number restated as a computation', 'It can be written as: 194 = 11 × 17 + 7', 'It can be written as: 194 = 11 × 17 + 9'],
  ];
  for (const [name, right, wrong] of cases) {
    it(`${name}: ${right} holds, ${wrong} does not`, () => {
      expect(verdicts(right)).toEqual([true]);
      expect(verdicts(wrong)).toEqual([false]);
    });
  }

  it('checks every link of a chain', () => {
    expect(verdicts('\\[ 2000 \\times (1 - 0.75) = 2000 \\times 0.25 = 500 \\]')).toEqual([true, true]);
    expect(verdicts('\\[ 2000 \\times (1 - 0.75) = 2000 \\times 0.25 = 600 \\]')).toEqual([true, false]);
  });

  it('reads a run-on chain as successive results', () => {
    expect(verdicts('3 + 4 = 7 * 2 = 14')).toEqual([true]);
    expect(verdicts('3 + 4 = 7 * 2 = 15')).toEqual([false]);
  });

  it('follows display lines that continue with "=" or repeat the same label', () => {
    expect(verdicts('\\[ a = 28 \\times 2 \\]\n\\[ = 57 \\]')).toEqual([false]);
    const repeated = (last: number) =>
      `\\[ \\text{Students who game} = 50 - (10 + 5) \\] \\[ \\text{Students who game} = 50 - 15 \\] \\[ \\text{Students who game} = ${last} \\]`;
    expect(verdicts(repeated(35))).toEqual([true, true]);
    expect(verdicts(repeated(36))).toEqual([true, false]);
  });

  it('reports where the claim is and what it computed', () => {
    const text = 'So, they have 18 - 6 = 13 left.';
    const [claim] = checkStep(text);
    expect(claim).toMatchObject({ expression: '18 - 6 = 13', computed: 12, stated: 13, ok: false });
    expect(text.slice(claim!.start, claim!.end)).toBe('18 - 6 = 13');
  });
});

describe('checkStep: what it must leave alone', () => {
  const nonClaims: [string, string][] = [
    ['variables', 'x + 2 = 5'],
    ['a variable before a minus', 'x - 3 = 5'],
    ['implicit products with variables', '2x + 3 = 7'],
    ['equations to solve', 'Solving 3x = 12 gives x = 4.'],
    ['function definitions', 'f(2) = 7'],
    ['inequalities', '3 + 4 <= 8 and 3 + 4 \\le 9 and 5 > 2 + 1'],
    ['congruences', '\\(2^{10} \\equiv 1 \\pmod{11}\\)'],
    ['mod after the result', '7 × 8 = 1 (mod 11)'],
    ['remainders', '194 ÷ 11 = 17 remainder 7'],
    ['quotients', '\\[ 2863 \\div 1344 = 2 \\quad \\text{(quotient)} \\]'],
    ['sets', '\\(A = \\{1, 2, 3\\}\\)'],
    ['ratios', 'The ratio 3:4 = 6:8'],
    ['times of day', 'from 3:30 + 1 = 4:30'],
    ['dates', 'On 2023-01-05 they met.'],
    ['ranges', 'Pick 5-10 apples.'],
    ['phone numbers', 'Call 555-123-4567.'],
    ['list numbering', '1. First we read the problem.\n2. Then we plan.'],
    ['unit conversions', '1 dozen = 12 and 5 hours = 5 * 60 minutes'],
    ['mixed numbers', '3 1/2 = 3.5 and \\(3\\frac{1}{2} = 7\\)'],
    ['fractions with implicit multiplication', '1/2(10) = 5'],
    ['half of a quantity', 'half of 80 = 80/2'],
    ['ellipses in sums', '\\(1 + 2 + \\cdots + 10 = 55\\)'],
    ['repeating decimals', '\\(\\frac{2}{3} = 0.\\overline{6}\\)'],
    ['subscripts', '\\(a_1 = 3\\)'],
    ['logarithms', '\\(\\log 100 = 2\\) and log 1000 = 3'],
    ['a markdown bullet is not a minus', '- 3 + 4 = 1 is not what we write'],
    ['an aside after the result', 'two nickels are worth 2 x $0.10 = $0.20 (20 cents)'],
    ['an exclamation mark after the result', 'Then 6 + 4 = 10!'],
    ['binomials', '\\(\\binom{5}{2} = 10\\)'],
    ['pi', '\\(2\\pi = 6.28\\)'],
  ];
  for (const [name, text] of nonClaims) {
    it(`does not flag ${name}: ${text}`, () => {
      expect(checkStep(text).filter((c) => !c.ok)).toEqual([]);
    });
  }
});

describe('createArithmeticScorer', () => {
  const scorer = createArithmeticScorer();
  const steps = ['We read the problem carefully.', 'So, 18 - 6 = 12 remain.', 'Then 12 + 6 = 19 in all.'];

  it('abstains on a step with no claims: nothing checked is never a score of 1', async () => {
    const [score] = await scorer.score('p', steps, { which: [0] });
    expect(score).toMatchObject({ score: 0.5, abstained: true, scorer: 'arithmetic', method: 'no arithmetic claims found', evidence: { note: 'nothing to check' } });
  });

  it('scores 1 when every claim holds and lists them', async () => {
    const [score] = await scorer.score('p', steps, { which: [1] });
    expect(score!.score).toBe(1);
    expect(score!.abstained).toBeUndefined();
    expect(score!.evidence.claims).toHaveLength(1);
  });

  it('scores 0 on a false claim and says what the value is', async () => {
    const [score] = await scorer.score('p', steps, { which: [2] });
    expect(score!.score).toBe(0);
    expect(score!.evidence.note).toBe('12 + 6 = 19 is false: 12 + 6 = 18');
  });

  it('scores every step in order by default', async () => {
    const scores = await scorer.score('p', steps);
    expect(scores.map((s) => [s.score, s.abstained ?? false])).toEqual([[0.5, true], [1, false], [0, false]]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(scorer.score('p', steps, { signal: controller.signal })).rejects.toBeInstanceOf(Cancelled);
  });
});
