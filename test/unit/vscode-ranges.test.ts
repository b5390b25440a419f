import { describe, expect, it } from 'vitest';
import { summariseSteps, type VerifiedStep, type VerifyResult } from '../../extension/engine/index';
import { DocAnnotations } from '../../extension/vscode/docAnnotations';
import { mapSpan, mapSpanThrough, mapSpanThroughLog, truncate, type TextChange } from '../../extension/vscode/ranges';

const span = { start: 10, end: 20, stale: false };
const insert = (at: number, text: string): TextChange => ({ start: at, end: at, insertedLength: text.length, startsWithNewline: /^\r?\n/.test(text) });
const replace = (start: number, end: number, text: string): TextChange => ({ start, end, insertedLength: text.length, startsWithNewline: /^\n/.test(text) });

describe('mapSpan', () => {
  it.each([
    ['typing before the step shifts it', insert(3, 'abc'), { start: 13, end: 23, stale: false }],
    ['typing right at its start shifts it', insert(10, 'xy'), { start: 12, end: 22, stale: false }],
    ['deleting text that ends at its start shifts it', replace(4, 10, ''), { start: 4, end: 14, stale: false }],
    ['typing after it leaves it', insert(25, 'zz'), span],
    ['a new line right after it leaves it', insert(20, '\nmore'), span],
    ['typing on its last line makes it stale', insert(20, 'more'), { start: 10, end: 24, stale: true }],
    ['typing inside makes it stale', insert(15, 'x'), { start: 10, end: 21, stale: true }],
    ['replacing across its start makes it stale', replace(8, 12, ''), { start: 8, end: 16, stale: true }],
    ['deleting all of it leaves an empty stale span', replace(5, 25, ''), { start: 5, end: 5, stale: true }],
  ])('%s', (_name, change, expected) => {
    expect(mapSpan(span, change)).toEqual(expected);
  });

  it('maps multi-cursor edits of one event against the text before the event', () => {
    // Two insertions of 2 chars, one before the span and one after: only the first shifts it.
    expect(mapSpanThrough(span, [insert(2, 'ab'), insert(30, 'cd')])).toEqual({ start: 12, end: 22, stale: false });
    expect(mapSpanThrough(span, [insert(30, 'cd'), insert(2, 'ab')])).toEqual({ start: 12, end: 22, stale: false });
  });

  it('maps through a log of events in order', () => {
    expect(mapSpanThroughLog({ start: 10, end: 20 }, [[insert(0, 'aaaa')], [replace(0, 2, '')]])).toEqual({ start: 12, end: 22, stale: false });
  });
});

function verifiedOn(text: string, pieces: string[], scores: number[]): VerifyResult {
  const steps = pieces.map((piece, index): VerifiedStep => {
    const start = text.indexOf(piece);
    const score = scores[index];
    return { index, start, end: start + piece.length, text: piece, score, verdict: score < 0.5 ? 'wrong' : 'ok', scorer: 'judge', method: 'test', evidence: {} };
  });
  return summariseSteps(steps, { scorer: 'judge', aggregation: 'min', threshold: 0.5 });
}

describe('DocAnnotations', () => {
  const before = 'Problem: 2+2?\n\nStep 1: 2+2 = 5.\n\nStep 2: So 5.';
  const result = verifiedOn(before, ['Step 1: 2+2 = 5.', 'Step 2: So 5.'], [0.1, 0.8]);

  it('places a result on text edited during the run: shifted steps keep their scores, edited ones go stale', () => {
    // While verifying, the user typed "(easy) " into the problem and changed "So 5" to "So 4".
    let text = before.replace('Problem: ', 'Problem: (easy) ');
    const log: TextChange[][] = [[insert(9, '(easy) ')]];
    const at = text.indexOf('So 5');
    text = text.slice(0, at) + 'So 4' + text.slice(at + 4);
    log.push([replace(at, at + 4, 'So 4')]);
    const doc = DocAnnotations.place({ uri: 'file:///a.md', problem: 'Problem', result, currentText: text, editsSinceStart: log });
    expect(doc.steps[0].span).toEqual({ start: 22, end: 38, stale: false });
    expect(text.slice(doc.steps[0].span.start, doc.steps[0].span.end)).toBe('Step 1: 2+2 = 5.');
    expect(doc.steps[1].span.stale).toBe(true);
    expect(doc.weakSteps().map((s) => s.step.index)).toEqual([0]);
  });

  it('never places a step on text that does not match what was verified', () => {
    const doc = DocAnnotations.place({ uri: 'u', problem: 'p', result, currentText: before.replace('2+2 = 5', '2+2 = 4'), editsSinceStart: [] });
    expect(doc.steps[0].span.stale).toBe(true);
    expect(doc.firstWeakIndex()).toBe(-1);
  });

  it('follows later edits, and a corrected step shows its new score instead of stale', () => {
    const doc = DocAnnotations.place({ uri: 'u', problem: 'p', result, currentText: before, editsSinceStart: [] });
    expect(doc.applyChanges([insert(0, '# Title\n')])).toBe(true);
    expect(doc.steps[0].span.start).toBe(15 + 8);
    expect(doc.applyChanges([insert(before.length + 8, '\n')])).toBe(false);
    // Replace step 1 with a longer correct step.
    const s = doc.steps[0].span;
    doc.applyChanges([replace(s.start, s.end, 'Step 1: 2+2 = 4, so far.')]);
    expect(doc.steps[0].span.stale).toBe(true);
    doc.replaceSteps(0, s.start, [{ text: 'Step 1: 2+2 = 4, so far.', score: 0.95 }], '', 1);
    expect(doc.steps[0]).toMatchObject({ span: { start: s.start, end: s.start + 24, stale: false }, step: { verdict: 'ok', score: 0.95 } });
    expect(doc.steps[1].span.start).toBe(s.start + 24 + 2);
    expect(doc.firstErrorIndex()).toBe(-1);
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text at a word', () => {
    expect(truncate('  a\n b ', 10)).toBe('a b');
    expect(truncate('Sue has eighteen pink flamingos on the lawn', 20)).toBe('Sue has eighteen…');
  });
});

describe('locateSteps', () => {
  it('reads inserted steps back from the document, in order, even when the same text repeats', async () => {
    const { locateSteps } = await import('../../extension/vscode/ranges');
    const doc = '## Problem\n\nx\n\n## Solution\n\nSo $a = 2$.\n\nSo $a = 2$.\n\nThe answer is $\\boxed{2}$.\n';
    const texts = ['So $a = 2$.', 'So $a = 2$.', 'The answer is $\\boxed{2}$.'];
    const spans = locateSteps(doc, doc.indexOf('## Solution'), texts, texts.map(() => ({ start: -1, end: -1 })));
    expect(spans.map((s) => doc.slice(s.start, s.end))).toEqual(texts);
    expect(spans[1].start).toBeGreaterThan(spans[0].end);
    expect(locateSteps(doc, 0, ['missing'], [{ start: 3, end: 4 }])).toEqual([{ start: 3, end: 4 }]);
  });
});
