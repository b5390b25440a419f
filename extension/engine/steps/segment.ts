// Splits a worked solution into steps with exact source ranges.
//
// Rules, in the order they apply (checked on ProcessBench: 1,400 solutions joined by blank
// lines split back exactly, see test/unit/processbench-segment.test.ts):
//  1. A blank line (spaces/tabs only, LF or CRLF) ends a paragraph; a paragraph is a step.
//     Blank lines inside $$…$$, \[…\], \begin{env}…\end{env} or a ``` / ~~~ fence do not count,
//     and nothing inside those regions is read as a marker. An opener that is never closed is text.
//  2. A Markdown heading line (`#`…`######`) always starts a new step, even without a blank line.
//  3. A paragraph that OPENS with `1.`/`1)` or `Step 1:` is cut before each next item numbered one
//     more at no deeper indent (so continuation lines and sub-bullets stay with their item). A list
//     or a `Step 2:` line after prose in the same paragraph stays in that paragraph: the prose is a
//     lead-in, or the label is mid-sentence. Numbering must be consecutive, so a wrapped line that
//     happens to start with `2007.` does not cut.
//  4. A heading or step label standing ALONE as a paragraph (`## Step 2`, `**Step 2: Add**`) is a
//     title: its step runs across blank lines up to the next heading or step label. When the text
//     itself starts with a heading or step label (a document organised in sections), every heading
//     and step label runs like that, body or not. A final-answer paragraph ("The answer is 42.")
//     after some body ends the run and is a step of its own; a `**Final Answer**` title alone runs
//     over what follows it (`\boxed{42}`) the same way.
//  5. A paragraph that is only a display-math block or a fence joins the step before it when that
//     step ends with a colon ("we get:"), the one punctuation that announces what follows; any other
//     lead-in ("we have that") is too ambiguous, and ProcessBench keeps such blocks apart.
//  6. A Markdown table (a paragraph of `|` rows) is kept whole and joins the step before it: chat models
//     lay out the numbers of the step that introduces the table ("Let me lay out the costs first.").
//  7. An indented paragraph right after a numbered item (not itself an item or marker) continues
//     that item, as in a Markdown loose list.
import type { Step } from './types';
import { endsWithLeadIn, indentOf, isAnswerTitle, isFinalAnswer, isHeading, isTitleOnly, stepLabelNumber } from './markers';
import { unitsOf, type Unit } from './paragraphs';

interface Group {
  start: number;
  end: number;
  listItem: boolean;
}

/**
 * Steps of `text`, each with `text === source.slice(start, end)` where `source.slice(offset)`
 * begins with `text` (pass the slice's offset to segment part of a document).
 */
export function segmentSteps(text: string, offset = 0): Step[] {
  const units = unitsOf(text);
  const groups = groupUnits(text, units);
  return groups.map((g, index) => ({ index, text: text.slice(g.start, g.end), start: g.start + offset, end: g.end + offset }));
}

function isMarker(unit: Unit): boolean {
  return isHeading(unit.firstLine) || stepLabelNumber(unit.firstLine) !== null;
}

function groupUnits(text: string, units: Unit[]): Group[] {
  const groups: Group[] = [];
  const sectioned = units.length > 0 && isMarker(units[0]);
  let inRun = false;
  let runHasBody = false;
  for (const unit of units) {
    const marker = isMarker(unit);
    const finalAnswer = !marker && isFinalAnswer(text.slice(unit.start, unit.end));
    const prev = groups[groups.length - 1];
    if (prev && inRun && !marker && !(runHasBody && finalAnswer)) {
      prev.end = unit.end;
      runHasBody = true;
      continue;
    }
    inRun = false;
    if (prev && unit.displayOnly && endsWithLeadIn(text.slice(Math.max(prev.start, prev.end - 16), prev.end))) {
      prev.end = unit.end;
      continue;
    }
    if (prev && unit.table) {
      prev.end = unit.end;
      continue;
    }
    if (prev && prev.listItem && !marker && !unit.listItem && indentOf(unit.firstLine) >= 2) {
      prev.end = unit.end;
      continue;
    }
    groups.push({ start: unit.start, end: unit.end, listItem: unit.listItem });
    const title = unit.lineCount === 1 && (marker ? isTitleOnly(unit.firstLine) : finalAnswer && isAnswerTitle(unit.firstLine));
    if ((marker && sectioned) || title) {
      inRun = true;
      runHasBody = unit.lineCount > 1;
    }
  }
  return groups;
}
