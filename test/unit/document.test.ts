import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, parseSelection } from '../../extension/engine/steps/document';
import type { ParsedDocument } from '../../extension/engine/steps/types';

/** Checks that every range points into `source`, then returns the parts as text. */
function view(source: string, doc: ParsedDocument) {
  if (doc.problem) expect(source.slice(doc.problem.start, doc.problem.end)).toBe(doc.problem.text);
  for (const step of doc.steps) expect(source.slice(step.start, step.end)).toBe(step.text);
  return {
    layout: doc.layout,
    problem: doc.problem?.text ?? null,
    solution: doc.solution ? source.slice(doc.solution.start, doc.solution.end) : null,
    steps: doc.steps.map((s) => s.text),
  };
}

const parse = (source: string) => view(source, parseDocument(source));

describe('parseDocument: Markdown headings', () => {
  it('reads ## Problem / ## Solution with exact ranges', () => {
    const source = '## Problem\n\nWhat is 2 + 3?\n\n## Solution\n\n2 + 3 = 5.\n\nThe answer is 5.\n';
    const doc = parseDocument(source);
    expect(doc.problem).toEqual({ start: 12, end: 26, text: 'What is 2 + 3?' });
    expect(doc.solution).toEqual({ start: 41, end: 69 });
    expect(view(source, doc)).toEqual({
      layout: 'markdown-headings',
      problem: 'What is 2 + 3?',
      solution: '2 + 3 = 5.\n\nThe answer is 5.',
      steps: ['2 + 3 = 5.', 'The answer is 5.'],
    });
  });

  it('accepts any heading level and case, Question / Answer / Steps, and a multi-paragraph problem', () => {
    const source = '### QUESTION:\nA box holds 12.\n\nHow many in 3 boxes?\n# steps\nStep 1: 3 × 12 = 36.\nStep 2: The answer is 36.';
    expect(parse(source)).toEqual({
      layout: 'markdown-headings',
      problem: 'A box holds 12.\n\nHow many in 3 boxes?',
      solution: 'Step 1: 3 × 12 = 36.\nStep 2: The answer is 36.',
      steps: ['Step 1: 3 × 12 = 36.', 'Step 2: The answer is 36.'],
    });
  });

  it('starts the solution at the first step heading when there is no solution heading', () => {
    const source = '# Problem\nFind x if x + 1 = 3.\n\n## Step 1\n\nx = 3 - 1.\n\n## Step 2\n\nx = 2.';
    expect(parse(source)).toMatchObject({ problem: 'Find x if x + 1 = 3.', steps: ['## Step 1\n\nx = 3 - 1.', '## Step 2\n\nx = 2.'] });
  });

  it('gives a document with only a problem no solution and no steps', () => {
    expect(parse('## Problem\n\nWhat is 6 × 7?\n\nGive a number.\n')).toEqual({
      layout: 'markdown-headings',
      problem: 'What is 6 × 7?\n\nGive a number.',
      solution: null,
      steps: [],
    });
    expect(parse('## Problem\nWhat is 6 × 7?\n\n## Solution\n\n')).toMatchObject({ solution: null, steps: [] });
  });

  it('reads the flamingos example file', () => {
    const source = readFileSync(path.resolve(__dirname, '../../examples/flamingos.md'), 'utf8');
    const got = parse(source);
    expect(got.layout).toBe('markdown-headings');
    expect(got.problem).toMatch(/^Sue lives.*white plastic flamingos\?$/s);
    expect(got.steps).toHaveLength(4);
    expect(got.steps[3]).toMatch(/The answer is \\\(\\boxed\{30\}\\\)\.$/);
  });
});

describe('parseDocument: labels', () => {
  it('reads Problem: text on the same line and a Solution: label on its own line', () => {
    const source = readFileSync(path.resolve(__dirname, '../../examples/labels.txt'), 'utf8');
    expect(parse(source)).toEqual({
      layout: 'labels',
      problem: 'Tom has 3 boxes with 12 pencils each. He gives away 15 pencils. How many pencils does he have left?',
      solution: expect.stringMatching(/^Step 1:/),
      steps: ['Step 1: Tom starts with 3 × 12 = 36 pencils.', 'Step 2: After giving away 15, he has 36 - 15 = 21 pencils.', 'Step 3: The answer is \\boxed{21}.'],
    });
  });

  it('takes solution text on the label line, bold labels, and CRLF', () => {
    const source = '**Question:** What is 2 + 2?\r\n**Answer:** 2 + 2 = 4.\r\n\r\nThe answer is 4.\r\n';
    expect(parse(source)).toEqual({
      layout: 'labels',
      problem: 'What is 2 + 2?',
      solution: '2 + 2 = 4.\r\n\r\nThe answer is 4.',
      steps: ['2 + 2 = 4.', 'The answer is 4.'],
    });
  });

  it('reads a problem-only file as solution null', () => {
    const source = readFileSync(path.resolve(__dirname, '../../examples/problem.md'), 'utf8');
    expect(parse(source)).toMatchObject({ layout: 'labels', problem: expect.stringMatching(/^A bakery .* change does she get\?$/), solution: null, steps: [] });
  });

  it('with a Problem: label but no solution label, the first paragraph is the problem', () => {
    expect(parse('Problem: What is 3 × 4?\n\n3 × 4 = 12.\n\nThe answer is 12.')).toMatchObject({
      problem: 'What is 3 × 4?',
      steps: ['3 × 4 = 12.', 'The answer is 12.'],
    });
  });

  it('takes everything above a lone Solution: label as the problem', () => {
    expect(parse('A pen costs 2.\n\nWhat do 5 pens cost?\n\nSolution:\n5 × 2 = 10.')).toMatchObject({
      layout: 'labels',
      problem: 'A pen costs 2.\n\nWhat do 5 pens cost?',
      steps: ['5 × 2 = 10.'],
    });
  });

  it('does not treat a closing "Answer:" line as the start of the solution', () => {
    expect(parse('What is 2 + 2?\n\n2 + 2 = 4.\n\nAnswer: 4')).toEqual({
      layout: 'first-paragraph',
      problem: 'What is 2 + 2?',
      solution: '2 + 2 = 4.\n\nAnswer: 4',
      steps: ['2 + 2 = 4.', 'Answer: 4'],
    });
  });
});

describe('parseDocument: no markers', () => {
  it('takes the first paragraph as the problem and the rest as steps', () => {
    const source = 'What is 10 - 4?\n\n10 - 4 = 6.\n\nThe answer is 6.';
    const doc = parseDocument(source);
    expect(doc.problem).toEqual({ start: 0, end: 15, text: 'What is 10 - 4?' });
    expect(doc.steps.map((s) => [s.start, s.end])).toEqual([
      [17, 28],
      [30, 46],
    ]);
    expect(doc.layout).toBe('first-paragraph');
  });

  it('reads a single paragraph as a problem without a solution', () => {
    expect(parse('  What is 10 - 4?  \n')).toEqual({ layout: 'first-paragraph', problem: 'What is 10 - 4?', solution: null, steps: [] });
  });

  it('skips a title heading above the problem', () => {
    expect(parse('# Homework 3\n\nWhat is 1 + 1?\n\n1 + 1 = 2.')).toMatchObject({ problem: 'What is 1 + 1?', steps: ['1 + 1 = 2.'] });
  });

  it('reads a text that opens with a step as steps without a problem', () => {
    expect(parse('Step 1: 2 + 2 = 4.\nStep 2: The answer is 4.')).toEqual({
      layout: 'steps-only',
      problem: null,
      solution: 'Step 1: 2 + 2 = 4.\nStep 2: The answer is 4.',
      steps: ['Step 1: 2 + 2 = 4.', 'Step 2: The answer is 4.'],
    });
  });

  it('reads an empty document as empty', () => {
    expect(parse(' \n\n')).toEqual({ layout: 'empty', problem: null, solution: null, steps: [] });
  });
});

describe('parseDocument: front matter', () => {
  it('strips YAML front matter and keeps offsets in the original text', () => {
    const source = '---\ntitle: Problem: not this\nsolution: nor this\n---\nProblem: What is 5 + 5?\n\nSolution: 5 + 5 = 10.';
    const doc = parseDocument(source);
    expect(view(source, doc)).toEqual({ layout: 'labels', problem: 'What is 5 + 5?', solution: '5 + 5 = 10.', steps: ['5 + 5 = 10.'] });
    expect(doc.problem?.start).toBe(source.indexOf('What is'));
  });

  it('leaves a lone --- rule at the top alone when it is never closed', () => {
    expect(parse('---\nWhat is 1 + 2?\n\n1 + 2 = 3.')).toMatchObject({ problem: '---\nWhat is 1 + 2?' });
  });
});

describe('parseSelection', () => {
  const source = '## Problem\n\nWhat is 2 + 3 + 4?\n\n## Solution\n\n2 + 3 = 5.\n\n5 + 4 = 9.\n\nThe answer is 9.';

  it('reads selected steps against the problem above them', () => {
    const from = source.indexOf('5 + 4');
    const got = view(source, parseSelection(source, from, source.length));
    expect(got).toEqual({ layout: 'selection-steps', problem: 'What is 2 + 3 + 4?', solution: '5 + 4 = 9.\n\nThe answer is 9.', steps: ['5 + 4 = 9.', 'The answer is 9.'] });
  });

  it('starts at the solution when the selection includes the ## Solution line', () => {
    const from = source.indexOf('## Solution');
    expect(view(source, parseSelection(source, from, source.length)).steps).toEqual(['2 + 3 = 5.', '5 + 4 = 9.', 'The answer is 9.']);
  });

  it('reads a selection inside the problem as a problem to solve', () => {
    const from = source.indexOf('What');
    const got = view(source, parseSelection(source, from, from + 'What is 2 + 3 + 4?'.length));
    expect(got).toEqual({ layout: 'selection-problem', problem: 'What is 2 + 3 + 4?', solution: null, steps: [] });
  });

  it('reads a selection spanning problem and solution as a document of its own', () => {
    const doc = 'Notes above.\n\nProblem: What is 1 + 1?\nSolution: 1 + 1 = 2.\n\nMore notes.';
    const from = doc.indexOf('Problem:');
    const to = doc.indexOf('\n\nMore');
    expect(view(doc, parseSelection(doc, to, from))).toEqual({ layout: 'selection-labels', problem: 'What is 1 + 1?', solution: '1 + 1 = 2.', steps: ['1 + 1 = 2.'] });
  });

  it('reads the whole document for an empty selection', () => {
    expect(parseSelection(source, 5, 5)).toEqual(parseDocument(source));
  });
});
