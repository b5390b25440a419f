import { describe, expect, it } from 'vitest';
import { segmentSteps } from '../../extension/engine/steps/segment';

/** Segments `source`, checks every range against it, and returns the step texts. */
function stepTexts(source: string): string[] {
  const steps = segmentSteps(source);
  steps.forEach((step, k) => {
    expect(step.index).toBe(k);
    expect(source.slice(step.start, step.end)).toBe(step.text);
    expect(step.text).toBe(step.text.trim());
  });
  return steps.map((s) => s.text);
}

describe('segmentSteps: paragraphs', () => {
  it('splits at blank lines, including lines of spaces and tabs, with exact ranges', () => {
    const source = '  First we add 2 + 3 = 5.\n \t \nThen 5 * 2 = 10.\n\n\nThe answer is 10.\n';
    const steps = segmentSteps(source);
    expect(steps.map((s) => [s.start, s.end])).toEqual([
      [2, 25],
      [30, 46],
      [49, 66],
    ]);
    expect(steps.map((s) => s.text)).toEqual(['First we add 2 + 3 = 5.', 'Then 5 * 2 = 10.', 'The answer is 10.']);
  });

  it('handles CRLF files without keeping a carriage return in any step', () => {
    const source = 'One line\r\nstill one step.\r\n\r\nSecond step.\r\n  \r\nThe answer is 42.\r\n';
    expect(stepTexts(source)).toEqual(['One line\r\nstill one step.', 'Second step.', 'The answer is 42.']);
  });

  it('shifts ranges by the offset of the slice it was given', () => {
    const doc = 'PROBLEM TEXT\n\nStep one.\n\nStep two.';
    const offset = doc.indexOf('Step one');
    const steps = segmentSteps(doc.slice(offset), offset);
    expect(steps.map((s) => doc.slice(s.start, s.end))).toEqual(['Step one.', 'Step two.']);
  });

  it('returns no steps for empty or blank text', () => {
    expect(segmentSteps('')).toEqual([]);
    expect(segmentSteps(' \n\t\n \r\n')).toEqual([]);
  });

  it('keeps a bare final answer paragraph as its own step', () => {
    expect(stepTexts('x = 6 * 7 = 42.\n\nThe answer is 42.')).toEqual(['x = 6 * 7 = 42.', 'The answer is 42.']);
  });
});

describe('segmentSteps: step labels and headings', () => {
  it('cuts a paragraph of consecutive `Step k:` lines into one step per label', () => {
    const source = 'Step 1: 3 × 12 = 36.\nStep 2: 36 - 15 = 21.\n**Step 3.** The answer is 21.';
    expect(stepTexts(source)).toEqual(['Step 1: 3 × 12 = 36.', 'Step 2: 36 - 15 = 21.', '**Step 3.** The answer is 21.']);
  });

  it('does not cut at a step label that continues a prose paragraph', () => {
    const source = 'We reuse the sum found in\nStep 2: it was 15, so the total is 30.\n\nThe answer is 30.';
    expect(stepTexts(source)).toEqual(['We reuse the sum found in\nStep 2: it was 15, so the total is 30.', 'The answer is 30.']);
  });

  it('does not cut at a label whose number does not follow on', () => {
    const source = 'Step 1: combine the terms as in\nStep 4: of the textbook, giving 2x = 8.\nStep 2: x = 4.';
    expect(stepTexts(source)).toEqual(['Step 1: combine the terms as in\nStep 4: of the textbook, giving 2x = 8.', 'Step 2: x = 4.']);
  });

  it('keeps a `## Step k` heading and its body as one step across blank lines', () => {
    const source = [
      '## Step 1',
      '',
      'Muffins cost 4 × 3 = 12.',
      '',
      'Cookies cost 6 × 1.5 = 9.',
      '',
      '### Step 2: add',
      '',
      'Total 12 + 9 = 21.',
    ].join('\n');
    expect(stepTexts(source)).toEqual([
      '## Step 1\n\nMuffins cost 4 × 3 = 12.\n\nCookies cost 6 × 1.5 = 9.',
      '### Step 2: add\n\nTotal 12 + 9 = 21.',
    ]);
  });

  it('runs every heading to the next one when the text opens with a step heading', () => {
    const source = '## Step 1: muffins\nThey cost 12.\n\nThat is 4 × 3.\n## Step 2: change\n50 - 12 = 38.';
    expect(stepTexts(source)).toEqual(['## Step 1: muffins\nThey cost 12.\n\nThat is 4 × 3.', '## Step 2: change\n50 - 12 = 38.']);
  });

  it('ends a heading run at a final answer paragraph', () => {
    const source = '## Step 1\n\n2 + 2 = 4.\n\nThe answer is 4.';
    expect(stepTexts(source)).toEqual(['## Step 1\n\n2 + 2 = 4.', 'The answer is 4.']);
  });

  it('keeps a **Final Answer** title with the answer below it, apart from the last step', () => {
    const source = '## Step 1: add\n12 + 9 = 21.\n\n**Final Answer**\n\n\\boxed{21}';
    expect(stepTexts(source)).toEqual(['## Step 1: add\n12 + 9 = 21.', '**Final Answer**\n\n\\boxed{21}']);
  });

  it('lets a bold step title standing alone run over its body', () => {
    const source = '**Step 1: Add the costs**\n\n12 + 9 = 21.\n\n**Step 2: Change**\n\n50 - 21 = 29.';
    expect(stepTexts(source)).toEqual(['**Step 1: Add the costs**\n\n12 + 9 = 21.', '**Step 2: Change**\n\n50 - 21 = 29.']);
  });

  it('starts a new step at a heading line even without a blank line before it', () => {
    expect(stepTexts('Intro text.\n## Step 1\nWork.')).toEqual(['Intro text.', '## Step 1\nWork.']);
  });

  it('keeps prose-led headings as paragraph steps (a heading with body does not swallow later paragraphs)', () => {
    const source = 'Plan first.\n\n### Step 1: compress\nx becomes 2x.\n\nAfter compressing, y = f(2x).';
    expect(stepTexts(source)).toEqual(['Plan first.', '### Step 1: compress\nx becomes 2x.', 'After compressing, y = f(2x).']);
  });
});

describe('segmentSteps: numbered lists', () => {
  it('makes each item a step, with indented continuation lines and sub-bullets', () => {
    const source = [
      '1. Count the pens:',
      '   there are 3 boxes of 12,',
      '   - so 36 pens.',
      '2) Give away 15:',
      '   36 - 15 = 21.',
      '3. The answer is 21.',
    ].join('\n');
    expect(stepTexts(source)).toEqual([
      '1. Count the pens:\n   there are 3 boxes of 12,\n   - so 36 pens.',
      '2) Give away 15:\n   36 - 15 = 21.',
      '3. The answer is 21.',
    ]);
  });

  it('keeps a list introduced by prose in the same paragraph as one step', () => {
    const source = 'Rewrite each equation:\n1. 4^a = 5\n2. 5^b = 6\n\nSo a = log_4 5.';
    expect(stepTexts(source)).toEqual(['Rewrite each equation:\n1. 4^a = 5\n2. 5^b = 6', 'So a = log_4 5.']);
  });

  it('does not cut at a number that merely starts a wrapped line', () => {
    const source = '1. The club was founded in\n2007. It had 12 members.\n2. Then 12 + 3 = 15.';
    expect(stepTexts(source)).toEqual(['1. The club was founded in\n2007. It had 12 members.', '2. Then 12 + 3 = 15.']);
  });

  it('keeps an indented paragraph after an item with that item (loose list)', () => {
    const source = '1. Add:\n\n   3 + 4 = 7.\n\n2. Double: 14.';
    expect(stepTexts(source)).toEqual(['1. Add:\n\n   3 + 4 = 7.', '2. Double: 14.']);
  });
});

describe('segmentSteps: display math and code', () => {
  it('keeps an align environment with a blank line inside whole', () => {
    const source = 'Expand:\n\\begin{align}\nx &= 2 + 3 \\\\\n\n&= 5\n\\end{align}\n\nSo x = 5.';
    expect(stepTexts(source)).toEqual(['Expand:\n\\begin{align}\nx &= 2 + 3 \\\\\n\n&= 5\n\\end{align}', 'So x = 5.']);
  });

  it('joins a display block standing alone to a step ending with a colon', () => {
    const source = 'Subtract the white ones:\n\n$$\n36 - 6\n\n= 30\n$$\n\nThe answer is 30.';
    expect(stepTexts(source)).toEqual(['Subtract the white ones:\n\n$$\n36 - 6\n\n= 30\n$$', 'The answer is 30.']);
  });

  it('keeps a display block after a step without a colon as its own step', () => {
    const source = 'Then we have that\n\n\\[\n1 = 5 - 2 \\cdot 2\n\\]\n\nDone.';
    expect(stepTexts(source)).toEqual(['Then we have that', '\\[\n1 = 5 - 2 \\cdot 2\n\\]', 'Done.']);
  });

  it('keeps a fenced code block whole and ignores markers inside it', () => {
    const source = 'Line up the digits:\n```\n  313.9\n\n1. not a step\n## not a heading\n```\n\nThe sum is 326.5.';
    expect(stepTexts(source)).toEqual(['Line up the digits:\n```\n  313.9\n\n1. not a step\n## not a heading\n```', 'The sum is 326.5.']);
  });

  it('treats an unclosed $$ or \\[ as text instead of swallowing the rest', () => {
    expect(stepTexts('Cost is $$5 each.\n\nTwo cost 10.')).toEqual(['Cost is $$5 each.', 'Two cost 10.']);
    const truncated = 'So:\n\\[\nx = 1\n\nNext:\n\\[\ny = 2\n\\]';
    expect(stepTexts(truncated)).toEqual(['So:\n\\[\nx = 1', 'Next:\n\\[\ny = 2\n\\]']);
  });

  it('does not read a LaTeX line break `\\\\[2pt]` as a display opener', () => {
    const source = 'Rows:\n\\begin{array}{c} a \\\\[2pt] b \\end{array}\n\nNext step.';
    expect(stepTexts(source)).toEqual(['Rows:\n\\begin{array}{c} a \\\\[2pt] b \\end{array}', 'Next step.']);
  });
});

describe('segmentSteps: speed', () => {
  it('segments a 2,000-step document in milliseconds', () => {
    const parts: string[] = [];
    for (let k = 1; k <= 2000; k++) {
      parts.push(k % 3 === 0 ? `We get:\n\n$$\n${k} + 1 = ${k + 1}\n$$` : `Step ${k}: ${k} * 2 = ${k * 2}, see \\(x_${k}\\).`);
    }
    const source = parts.join('\n\n');
    // Best of several runs: one run can land on a GC pause or a cold JIT.
    let fastest = Infinity;
    let steps = segmentSteps(source);
    for (let run = 0; run < 8; run++) {
      const began = performance.now();
      steps = segmentSteps(source);
      fastest = Math.min(fastest, performance.now() - began);
    }
    // Each `We get:` paragraph and its display block join the `Step k:` section above them.
    expect(steps.length).toBe(2000 - Math.floor(2000 / 3));
    // About 5 ms on an idle machine; the margin absorbs a loaded CI box, not a quadratic scan.
    expect(fastest).toBeLessThan(250);
  });

  it('stays linear on hostile input: 20,000 unclosed \\[ openers', () => {
    const source = '\\[ a\n\n'.repeat(20_000) + '\\]';
    const began = performance.now();
    const steps = segmentSteps(source);
    expect(performance.now() - began).toBeLessThan(2_000); // a quadratic scan took 7 s here
    expect(steps).toHaveLength(20_000);
  });
});
