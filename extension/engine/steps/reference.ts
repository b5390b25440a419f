// What a document may carry for its verifiers besides the problem and the solution:
//  - a reference answer: an `Answer: 42` line between the problem and the solution, before a `## Solution` /
//    `Solution:` marker or the first step heading; a `Reference answer:` (also `Expected answer:`, `Correct answer:`)
//    line there too, or, in a document without markers, right after the problem paragraph. Bold or not. Without a
//    solution marker after it, a bare `Answer:` opens the solution (the `Question:` … `Answer:` layout), and one at
//    the end of a solution is the solution's own answer: neither is a reference;
//  - a reference solution: a `## Reference` (or `## Reference solution`) section, up to the next heading of its
//    level or above that is not a step heading.
// Both are blanked out (same length, newlines kept) so the problem/solution reader never sees them and every
// offset stays that of the original text.
import { parseDocument } from './document';
import { isHeading, stepLabelNumber } from './markers';
import { scanLines, type ScannedLine } from './sections';
import { segmentSteps } from './segment';
import type { Span } from './types';

export interface VerifierParts {
  /** The reference answer from an `Answer:` line, and the line's span. */
  answer?: { text: string } & Span;
  /** The reference solution's text (without its heading), and the whole section's span. */
  reference?: { text: string } & Span;
  /** The document with those parts blanked out: read the problem and solution from this. */
  masked: string;
}

const ANSWER_LINE = /^[ \t]*(?:\*\*|__)?(?:reference answer|expected answer|correct answer|answer)[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*(.*?)[ \t]*(?:\*\*|__)?[ \t]*$/i;
const REFERENCE_HEADING = /^ {0,3}(#{1,6})[ \t]+(?:\*\*|__)?reference(?:[ \t]+solution)?(?:\*\*|__)?[ \t]*:?[ \t]*#*[ \t]*$/i;

export function readVerifierParts(text: string): VerifierParts {
  const lines = scanLines(text, 0, text.length);
  const reference = referenceSection(text, lines);
  const outside = reference ? lines.filter((l) => l.end <= reference.start || l.start >= reference.end) : lines;
  const answer = answerLine(outside);
  let masked = text;
  for (const span of [answer, reference]) if (span) masked = blank(masked, span);
  return { ...(answer ? { answer } : {}), ...(reference ? { reference } : {}), masked };
}

/** A reference solution's steps: the steps of its solution part when it has a problem marker, else all its paragraphs. */
export function referenceSteps(reference: string): string[] {
  const doc = parseDocument(reference);
  if ((doc.layout === 'markdown-headings' || doc.layout === 'labels') && doc.steps.length) return doc.steps.map((s) => s.text);
  return segmentSteps(reference).map((s) => s.text);
}

function referenceSection(text: string, lines: ScannedLine[]): ({ text: string } & Span) | undefined {
  const at = lines.findIndex((l) => !l.inRegion && REFERENCE_HEADING.test(l.text));
  if (at < 0) return undefined;
  const level = REFERENCE_HEADING.exec(lines[at]!.text)![1]!.length;
  const next = lines.slice(at + 1).find((l) => !l.inRegion && isHeading(l.text) && stepLabelNumber(l.text) === null && (headingLevel(l.text) <= level || l.marker !== null));
  const end = next ? next.start : text.length;
  const body = text.slice(lines[at]!.end, end).trim();
  return body ? { text: body, start: lines[at]!.start, end } : undefined;
}

function answerLine(lines: ScannedLine[]): ({ text: string } & Span) | undefined {
  const solutionAt = lines.findIndex((l) => (l.marker?.kind === 'solution' && !l.marker.answerOnly) || l.stepMarker);
  const problemAt = lines.findIndex((l) => l.marker?.kind === 'problem');
  const firstText = lines.findIndex((l) => !l.blank);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.inRegion || line.blank) continue;
    const m = ANSWER_LINE.exec(line.text);
    if (!m?.[1]) continue;
    // A bare `Answer:` without a solution marker after it opens the solution (`Question:` … `Answer:` layout).
    const bare = !/reference|expected|correct/i.test(line.text.slice(0, line.text.indexOf(m[1])));
    if (bare && (solutionAt < 0 || m[1].length > 40)) continue;
    const beforeSolution = solutionAt >= 0 ? i < solutionAt && i > Math.max(problemAt, firstText) : afterProblemParagraph(lines, firstText, i);
    if (!beforeSolution) continue;
    return { text: m[1].replace(/^\$(.*)\$$/, '$1').trim(), start: line.start, end: line.end };
  }
  return undefined;
}

/** In a document without markers: the line ends the first paragraph or is the whole second one, and text follows. */
function afterProblemParagraph(lines: ScannedLine[], firstText: number, i: number): boolean {
  if (i <= firstText) return false;
  let gaps = 0;
  for (let j = firstText; j < i; j++) if (lines[j]!.blank && !lines[j + 1]?.blank) gaps++;
  const followedByText = lines.slice(i + 1).some((l) => !l.blank);
  return gaps <= 1 && followedByText && (gaps === 0 || lines[i + 1]?.blank !== false);
}

function headingLevel(line: string): number {
  return /^ {0,3}(#{1,6})/.exec(line)?.[1]?.length ?? 7;
}

/** Spaces in place of every character of the span except line breaks. */
function blank(text: string, span: Span): string {
  return text.slice(0, span.start) + text.slice(span.start, span.end).replace(/[^\r\n]/g, ' ') + text.slice(span.end);
}
