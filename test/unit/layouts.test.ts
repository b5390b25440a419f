// Chat-model answers in every common layout split where a person would split them, and the arithmetic
// checker's first error lands on the step holding the slip. Boundaries: test/fixtures/layouts/expected.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../extension/engine/steps/document';
import { createArithmeticScorer } from '../../extension/engine/scorers/arithmetic';
import { verifySteps } from '../../extension/engine/verify';

interface Expected {
  family: string;
  problem: string;
  steps: [string, string][];
  firstError: number;
}

const DIR = path.join(__dirname, '../fixtures/layouts');
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;

describe.each(Object.entries(expected))('layout %s', (name, want) => {
  const text = readFileSync(path.join(DIR, `${name}.md`), 'utf8');
  const doc = parseDocument(text);

  it(`${want.family}: reads the problem and splits the steps at the expected boundaries`, () => {
    expect(doc.problem?.text.startsWith(want.problem)).toBe(true);
    expect(doc.steps.map((s) => [s.text.slice(0, 24), s.text.slice(-16)])).toEqual(want.steps);
    for (const s of doc.steps) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it(`${want.family}: the arithmetic checker's first error is step ${want.firstError}`, async () => {
    const result = await verifySteps({ problem: doc.problem!.text, steps: doc.steps, scorer: createArithmeticScorer(), threshold: 0.5, aggregation: 'min' });
    expect(result.firstError).toBe(want.firstError);
  });
});

describe('layouts: the rules behind the fixtures', () => {
  const steps = (source: string) => parseDocument(source).steps.map((s) => s.text);

  it('a bullet list further down a solution, after a lead-in, stays one step (as ProcessBench keeps it)', () => {
    const source = 'Find x.\n\nWe expand the product first.\n\nVieta gives:\n\n- x1 + x2 = 3\n- x1 x2 = 2\n\nSo x = 1 or 2.';
    expect(steps(source)).toEqual(['We expand the product first.', 'Vieta gives:', '- x1 + x2 = 3\n- x1 x2 = 2', 'So x = 1 or 2.']);
  });

  it('cuts an answer line written right under the last numbered item', () => {
    expect(steps('Problem: Q\n\n1. 2 + 2 = 4.\n2. 4 × 3 = 12.\nSo the answer is 12.')).toEqual(['1. 2 + 2 = 4.', '2. 4 × 3 = 12.', 'So the answer is 12.']);
  });

  it('keeps (i), (ii), (iii) items apart and a horizontal rule out of the bullets', () => {
    expect(steps('Problem: Q\n\n(i) a = 1\n(ii) b = 2\n(iii) c = 3')).toEqual(['(i) a = 1', '(ii) b = 2', '(iii) c = 3']);
    expect(steps('Problem: Q\n\n- a = 1\n- b = 2\n\n---\n\nDone.')).toEqual(['- a = 1', '- b = 2', '---', 'Done.']);
  });

  it('does not read a lowercase "a:" as an assistant turn', () => {
    const doc = parseDocument('Let a and b be reals with a + b = 3.\n\na: the first number is 1\nb: the second is 2');
    expect(doc.layout).toBe('first-paragraph');
  });
});
