import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, parseSolution } from '../../extension/engine/steps/document';
import { createArithmeticScorer } from '../../extension/engine/scorers/arithmetic';
import { verifySteps } from '../../extension/engine/verify';
import { contextWindows, cueOf, findTrace, splitTrace, verifyDocumentTrace, type TraceSection } from '../../extension/engine/trace';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/traces', name), 'utf8');

describe('reasoning traces: where the thinking and the answer are', () => {
  it('reads a <think> block as trace + final answer, the text above it as the problem', () => {
    const text = fixture('r1-bakery.md');
    const doc = parseDocument(text);
    expect(doc.layout).toBe('reasoning-trace');
    expect(doc.problem?.text).toMatch(/^A bakery sells muffins.*How much change does she get\?$/);
    expect(text.slice(doc.trace!.start, doc.trace!.end)).toMatch(/^Okay, so Maya.*So Maya gets \$25 back in change\.$/s);
    expect(doc.steps.map((s) => s.text)).toEqual([
      'Maya pays 4 × 3 = 12 dollars for the muffins and 6 × 2 = 12 dollars for the cookies.',
      'After the muffins she has 50 - 12 = 38 dollars left, and after the cookies 38 - 12 = 25 dollars.',
      '**Answer:** $25',
    ]);
    for (const s of doc.steps) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it.each([
    ['<thinking>', 'Q?\n\n<thinking>\nLet me add 2 + 2 = 4.\n</thinking>\n\nThe answer is 4.'],
    ['<reasoning>', 'Q?\n\n<reasoning>\nLet me add 2 + 2 = 4.\n</reasoning>\n\nThe answer is 4.'],
    ['</think>', 'Problem: Q?\n\nSolution:\nLet me add 2 + 2 = 4.\n</think>\n\nThe answer is 4.'],
    ['thinking-answer', 'Q?\n\nThinking…\nLet me add 2 + 2 = 4.\n\n**Answer**\nThe answer is 4.'],
  ])('reads the %s form', (form, text) => {
    const doc = parseDocument(text);
    expect(doc.trace?.form).toBe(form);
    expect(doc.problem?.text).toBe('Q?');
    expect(text.slice(doc.trace!.start, doc.trace!.end)).toBe('Let me add 2 + 2 = 4.');
    expect(doc.steps.at(-1)?.text).toBe('The answer is 4.');
  });

  it('keeps a trace cut off before its answer, with no answer steps', () => {
    const doc = parseDocument('What is 6 × 7?\n\n<think>\nSix sevens are 42, so');
    expect(doc.trace?.answer).toBeNull();
    expect(doc.steps).toEqual([]);
  });

  it('reads the user and assistant turns of a pasted chat around the trace', () => {
    const text = 'User: What is 6 × 7?\n\nAssistant: <think>\n6 × 7 = 42.\n</think>\n\nThe answer is 42.';
    const doc = parseDocument(text);
    expect(doc.problem?.text).toBe('What is 6 × 7?');
    expect(doc.steps.map((s) => s.text)).toEqual(['The answer is 42.']);
  });

  it('finds the trace in a solution given without its problem (CLI --problem)', () => {
    const doc = parseSolution('<think>\n6 × 7 = 42.\n</think>\nThe answer is 42.', 'What is 6 × 7?');
    expect(doc.trace).toBeDefined();
    expect(doc.steps.map((s) => s.text)).toEqual(['The answer is 42.']);
  });

  it('leaves a text without thinking alone, and a "Reasoning:" solution label too', () => {
    expect(findTrace('Think about 2 + 2 = 4.\n\nThe answer is 4.')).toBeNull();
    const doc = parseDocument('Problem: What is 2 + 2?\n\nReasoning:\n2 + 2 = 4.\n\nAnswer: 4');
    expect(doc.trace).toBeUndefined();
    expect(doc.steps.map((s) => s.text)).toEqual(['2 + 2 = 4.', 'Answer: 4']);
  });
});

describe('reasoning traces: sections', () => {
  it('starts a section at "Wait", "Alternatively" and a new sub-task, and marks their kinds', () => {
    const text = fixture('r1-bakery.md');
    const doc = parseDocument(text);
    const sections = splitTrace(text, doc.trace!);
    expect(sections.map((s) => [s.kind, s.text.slice(0, 12)])).toEqual([
      ['attempt', 'Okay, so May'],
      ['attempt', 'First, the m'],
      ['attempt', 'Next, let me'],
      ['reflection', 'Wait, let me'],
      ['strategy-shift', 'Alternativel'],
    ]);
    for (const s of sections) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('joins a very short paragraph to the section it announces', () => {
    const body = 'I compute the area of the rectangle as length times width, which is 7 × 8 = 54 square units, and I keep going with it for the rest.';
    const text = `${body}\n\nWait.\n\n${body.replace('54', '56').replace('I compute', 'Recomputing')}`;
    const sections = splitTrace(text, { start: 0, end: text.length }, { minChars: 100 });
    expect(sections.map((s) => s.kind)).toEqual(['attempt', 'reflection']);
    expect(sections[1].text.startsWith('Wait.\n\nRecomputing')).toBe(true);
  });

  it('never folds a "Wait" into the short attempt it questions', () => {
    const text = 'First, the garden: 7 × 8 = 54 square metres.\n\nWait, 7 × 8 is not 54. Seven eights are 56, so the garden is 56 square metres.';
    const sections = splitTrace(text, { start: 0, end: text.length });
    expect(sections.map((s) => [s.kind, s.text.slice(0, 5)])).toEqual([
      ['attempt', 'First'],
      ['reflection', 'Wait,'],
    ]);
  });

  it('cuts a section that outgrows the judge context at a paragraph, as a continuation', () => {
    const para = 'We keep expanding the product term by term and collecting the coefficients carefully. '.repeat(6).trim();
    const text = Array.from({ length: 10 }, () => para).join('\n\n');
    const sections = splitTrace(text, { start: 0, end: text.length }, { maxChars: 1200 });
    expect(sections.length).toBeGreaterThan(3);
    expect(sections.every((s) => s.text.length <= 1200)).toBe(true);
    expect(sections.slice(1).every((s) => s.kind === 'continuation')).toBe(true);
    expect(sections.map((s) => s.text).join('\n\n')).toBe(text);
  });

  it('gives each section only the earlier sections that fit, newest first, saying how many were left out', () => {
    const sections: TraceSection[] = ['a'.repeat(50), 'b'.repeat(50), 'c'.repeat(50), 'd'.repeat(50)].map((t, index) => ({ index, kind: 'attempt', start: 0, end: 0, text: t }));
    const windows = contextWindows(sections, 100);
    expect(windows[0]).toEqual(['a'.repeat(50)]);
    expect(windows[2]).toEqual(['a'.repeat(50), 'b'.repeat(50), 'c'.repeat(50)]);
    expect(windows[3][0]).toBe('(1 earlier section of the reasoning left out for length)');
    expect(windows[3].slice(1)).toEqual(['b'.repeat(50), 'c'.repeat(50), 'd'.repeat(50)]);
  });
});

describe('reasoning traces: verdicts, recoveries and the surviving error (arithmetic checker)', () => {
  it('links the muffin slip to the "Wait" that fixes it, and reports the uncorrected 38 - 12 = 25', async () => {
    const text = fixture('r1-bakery.md');
    const doc = parseDocument(text);
    const scorer = createArithmeticScorer();
    const trace = (await verifyDocumentTrace(text, doc, scorer, 0.5))!;
    const byIndex = trace.sections.map((s) => [s.kind, s.verdict, s.recoveredBy ?? null]);
    expect(byIndex).toEqual([
      ['attempt', 'unscored', null],
      ['attempt', 'wrong', 3],
      ['attempt', 'ok', null],
      ['reflection', 'ok', null],
      ['strategy-shift', 'wrong', null],
    ]);
    expect(trace.sections[0].score).toBeNull();
    expect(trace.sections[3].recovers).toEqual([1]);
    expect(trace.survivingError).toBe(4);
    expect(trace.summary).toBe(
      'Reasoning trace: 5 sections, 1 without a verdict; 2 wrong sections (1 recovered): the error in section 5 is never corrected and reaches the answer.',
    );
    const answer = await verifySteps({ problem: doc.problem!.text, steps: doc.steps, scorer, threshold: 0.5, aggregation: 'min' });
    expect(answer.firstError).toBe(1);
  });

  it('says every error was corrected when the last attempt fixes them', async () => {
    const text = 'Q?\n\n<think>\nThe muffins cost 4 × 3 = 14 dollars in total for the four of them, which I will use below.\n\nWait, that is wrong: 4 × 3 = 12 dollars, so the muffins cost 12 dollars and not 14 dollars at all.\n</think>\n\nThe answer is 12.';
    const doc = parseDocument(text);
    const trace = (await verifyDocumentTrace(text, doc, createArithmeticScorer(), 0.5, { minChars: 20 }))!;
    expect(trace.sections.map((s) => s.verdict)).toEqual(['wrong', 'ok']);
    expect(trace.survivingError).toBe(-1);
    expect(trace.summary).toBe('Reasoning trace: 2 sections; 1 wrong section (1 recovered): it was corrected later in the trace.');
  });
});

describe('reasoning traces: what opens a section', () => {
  it.each([
    ['Wait, that is not right: 7 × 8 = 56.', 'reflection'],
    ['But wait, I forgot the tax.', 'reflection'],
    ['Hmm. That contradicts the second condition.', 'reflection'],
    ['Let me double-check the division.', 'verification'],
    ['Alternatively, I could use complementary counting.', 'strategy-shift'],
    ['Let me try a different approach: coordinates.', 'strategy-shift'],
    ['Next, let me compute the area of the triangle.', 'attempt'],
    ['Now let me subtract the broken ones.', 'attempt'],
    ['Okay, let me make sure I understand the problem.', null],
    ['So the total is 12.', null],
  ])('%s → %s', (line, kind) => {
    expect(cueOf(line)).toBe(kind);
  });
});
