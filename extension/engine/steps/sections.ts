// Recognises the lines that announce a problem or a solution: Markdown headings
// (`## Problem`, `### Solution:`) and labels (`Problem:`, `**Question:** text`).
import { findRegions } from './regions';
import { splitLines, type Line } from './paragraphs';
import { isHeading, stepLabelNumber } from './markers';

export type SectionKind = 'problem' | 'solution';

export interface SectionMarker {
  kind: SectionKind;
  form: 'heading' | 'label';
  /** `## Answer` / `Answer:` rather than `Solution`: weaker evidence that a solution follows. */
  answerOnly: boolean;
  /** Where the marker line starts and where its content starts (after the label, or the next line). */
  lineStart: number;
  contentStart: number;
}

// Chat transcripts: the user's turn is the problem, the assistant's the solution.
const PROBLEM_WORDS = /^(?:problem|question|task|exercise|user|human|you|q)\b/;
const SOLUTION_WORDS = /^(?:solution|steps|proof|reasoning|work|worked solution|response|answer|final answer|assistant|ai|model|chatgpt|claude|gemini|bot|a)\b/;
const ANSWER_WORDS = /^(?:answer|final answer)\b/;
const CHAT_WORDS = /^(?:user|human|you|q|assistant|ai|model|chatgpt|claude|gemini|bot|a)\b/;
const CHAT_TITLE = /^(?:user|human|assistant|chatgpt|claude|gemini)$/;
const LABEL =
  /^[ \t]*(?:\*\*|__)?(problem|question|task|exercise|solution|answer|steps|proof|reasoning|user|human|you said|assistant|ai|chatgpt said|chatgpt|claude|gemini|q|a)(?:[ \t]+\d{1,3})?[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*/i;

export interface ScannedLine extends Line {
  marker: SectionMarker | null;
  /** Starts with a step heading or a step label (`## Step 1`, `Step 1:`). */
  stepMarker: boolean;
  /** A heading that is neither a section nor a step marker (a document title, `## Notes`). */
  otherHeading: boolean;
}

/** Lines of `text.slice(from, to)` with offsets into `text`; lines inside math or code are never markers. */
export function scanLines(text: string, from: number, to: number): ScannedLine[] {
  const slice = text.slice(from, to);
  return splitLines(slice, findRegions(slice)).map((line) => {
    const shifted = { ...line, start: line.start + from, end: line.end + from };
    const marker = line.inRegion || line.blank ? null : sectionMarker(shifted);
    const heading = !line.inRegion && isHeading(line.text);
    const stepMarker = !line.inRegion && !marker && stepLabelNumber(line.text) !== null;
    return { ...shifted, marker, stepMarker, otherHeading: heading && !marker && !stepMarker };
  });
}

function sectionMarker(line: Line): SectionMarker | null {
  if (isHeading(line.text)) {
    const title = line.text
      .replace(/^ {0,3}#{1,6}/, '')
      .replace(/[ \t]#+[ \t]*$/, '')
      .replace(/[*_:：]/g, ' ')
      .trim()
      .toLowerCase();
    const kind: SectionKind | null = PROBLEM_WORDS.test(title) ? 'problem' : SOLUTION_WORDS.test(title) ? 'solution' : null;
    // A chat word in a heading is a turn only as the whole title (`### User`), never `## AI safety`.
    if (!kind || title.length > 40 || (CHAT_WORDS.test(title) && !CHAT_TITLE.test(title))) return null;
    return { kind, form: 'heading', answerOnly: ANSWER_WORDS.test(title), lineStart: line.start, contentStart: line.end };
  }
  const m = LABEL.exec(line.text);
  // `Q:`/`A:` only in capitals: a lowercase `a:` is more likely a variable than a turn.
  if (!m || m[1] === 'q' || m[1] === 'a') return null;
  const word = m[1].toLowerCase();
  const kind: SectionKind = PROBLEM_WORDS.test(word) ? 'problem' : 'solution';
  return { kind, form: 'label', answerOnly: word === 'answer' || word === 'a', lineStart: line.start, contentStart: line.start + m[0].length };
}
