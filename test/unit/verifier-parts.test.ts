import { describe, expect, it } from 'vitest';
import { parseDocument, readVerifierParts, referenceSteps } from '../../extension/engine';
import { parseAlignment } from '../../extension/engine/scorers/reference';

const PROBLEM = 'Find $x$ if $2x + 1 = 7$.';

describe('reference answers and reference solutions in a document', () => {
  it('an "Answer:" line between the problem and the solution is the reference answer, not the solution', () => {
    const text = `## Problem\n${PROBLEM}\n\nAnswer: $3$\n\n## Solution\nSubtract 1: $2x = 6$.\n\nSo $x = 3$.\n`;
    const parts = readVerifierParts(text);
    expect(parts.answer?.text).toBe('3');
    expect(parts.masked).toHaveLength(text.length);
    const doc = parseDocument(parts.masked);
    expect(doc.problem?.text).toBe(PROBLEM);
    expect(doc.steps.map((s) => s.text)).toEqual(['Subtract 1: $2x = 6$.', 'So $x = 3$.']);
    // Offsets are the original text's.
    expect(text.slice(doc.steps[1]!.start, doc.steps[1]!.end)).toBe('So $x = 3$.');
  });

  it('labels and bold: "**Reference answer:** 42" under "Problem:"', () => {
    const text = `Problem: ${PROBLEM}\n**Reference answer:** 3\nSolution:\nStep 1: $2x = 6$.\n\nStep 2: $x = 3$.`;
    const parts = readVerifierParts(text);
    expect(parts.answer?.text).toBe('3');
    expect(parseDocument(parts.masked).steps).toHaveLength(2);
  });

  it('in a document without markers: a "Reference answer:" line right after the problem paragraph', () => {
    const text = `${PROBLEM}\nReference answer: 3\n\nSubtract 1 to get $2x = 6$.\n\nThen $x = 3$.`;
    expect(readVerifierParts(text).answer?.text).toBe('3');
  });

  it('"Question:" … "Answer:" keeps its meaning: the answer label opens the solution', () => {
    const text = `Question: ${PROBLEM}\nAnswer: Subtract 1 to get $2x = 6$.\n\nThen $x = 3$.`;
    const parts = readVerifierParts(text);
    expect(parts.answer).toBeUndefined();
    expect(parseDocument(parts.masked).steps).toHaveLength(2);
    expect(readVerifierParts(`${PROBLEM}\nAnswer: 3\n\nThen $x = 3$.`).answer).toBeUndefined();
  });

  it('"Answer: 3" ending a solution is the solution\'s own answer, never a reference', () => {
    for (const text of [
      `${PROBLEM}\n\nSubtract 1 to get $2x = 6$.\n\nThen $x = 3$.\n\nAnswer: 3`,
      `## Problem\n${PROBLEM}\n\n## Solution\nStep 1: $2x = 6$.\n\nStep 2: $x = 3$.\n\nAnswer: 3\n`,
    ]) {
      const parts = readVerifierParts(text);
      expect(parts.answer).toBeUndefined();
      expect(parts.masked).toBe(text);
    }
  });

  it('a "## Reference" section after the solution (step headings inside it) is cut out of the solution', () => {
    const text = `## Problem\n${PROBLEM}\n\n## Solution\n$2x = 6$, so $x = 3$.\n\n## Reference solution\n### Step 1\n$2x = 7 - 1 = 6$\n\n### Step 2\n$x = 6 / 2 = 3$\n`;
    const parts = readVerifierParts(text);
    expect(parts.reference?.text).toContain('### Step 2');
    expect(referenceSteps(parts.reference!.text)).toEqual(['### Step 1\n$2x = 7 - 1 = 6$', '### Step 2\n$x = 6 / 2 = 3$']);
    expect(parseDocument(parts.masked).steps.map((s) => s.text)).toEqual(['$2x = 6$, so $x = 3$.']);
  });

  it('a "## Reference" section before the solution ends at the "## Solution" heading', () => {
    const text = `## Problem\n${PROBLEM}\n\n## Reference\n$x = 3$ because $2 \\cdot 3 + 1 = 7$.\n\n## Solution\nStep 1: $2x = 6$.\n\nStep 2: $x = 3$.`;
    const parts = readVerifierParts(text);
    expect(parts.reference?.text).toBe('$x = 3$ because $2 \\cdot 3 + 1 = 7$.');
    const doc = parseDocument(parts.masked);
    expect(doc.problem?.text).toBe(PROBLEM);
    expect(doc.steps).toHaveLength(2);
  });

  it('a reference file with its own problem gives only its solution steps', () => {
    expect(referenceSteps(`Problem: ${PROBLEM}\nSolution:\n$2x = 6$\n\n$x = 3$`)).toEqual(['$2x = 6$', '$x = 3$']);
  });
});

describe("reading the reference judge's lines", () => {
  it('takes "Step i: reference j | verdict" lines in the forms chat models write them', () => {
    const text = ['**Step 1:** reference 2 | correct', 'Step 2: Reference step none | wrong — the area is not asked for', '- Step 3: ref 9 | Incorrect', 'Step 1: reference 1 | wrong'].join('\n');
    const found = parseAlignment(text, 3);
    expect(found.get(0)).toMatchObject({ reference: 2, correct: true });
    expect(found.get(1)).toMatchObject({ reference: null, correct: false });
    // A reference step that does not exist aligns with none.
    expect(found.get(2)).toMatchObject({ reference: null, correct: false });
  });
});
