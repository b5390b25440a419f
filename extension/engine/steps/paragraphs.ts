// Text → lines → paragraphs (blank-line separated blocks) → units (a paragraph cut at list
// items and step labels). Every piece keeps exact offsets into the text it was given.
import { findRegions, type Region } from './regions';
import { bulletItem, endsWithLeadIn, indentOf, isAnswerLine, isHeading, isTableRow, letterItem, listItem, stepLabelNumber } from './markers';

export interface Line {
  start: number;
  /** Offset of the line's end, before `\r\n` or `\n`. */
  end: number;
  text: string;
  blank: boolean;
  /** Starts inside display math or a code fence opened on an earlier line: never a marker or a break. */
  inRegion: boolean;
}

/** A run of lines that becomes a step or a piece of one. `start`/`end` exclude surrounding whitespace. */
export interface Unit {
  start: number;
  end: number;
  firstLine: string;
  /** How many lines the unit spans. */
  lineCount: number;
  /** The unit opens with `N.`/`N)` (so an indented paragraph after it is its continuation). */
  listItem: boolean;
  /** The unit is exactly one display-math or fence region. */
  displayOnly: boolean;
  /** The unit is a Markdown table (every line a `|` row). */
  table: boolean;
}

export function splitLines(text: string, regions: Region[]): Line[] {
  const lines: Line[] = [];
  let regionIndex = 0;
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline < 0 ? text.length : newline;
    const end = lineEnd > start && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    while (regionIndex < regions.length && regions[regionIndex].end <= start) regionIndex++;
    const region = regions[regionIndex];
    const lineText = text.slice(start, end);
    lines.push({
      start,
      end,
      text: lineText,
      blank: lineText.trim() === '',
      inRegion: region !== undefined && region.start < start && start < region.end,
    });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

/** Blank lines end a paragraph unless they sit inside a region; a heading line always starts one. */
export function paragraphs(lines: Line[]): Line[][] {
  const result: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    const breaksHere = !line.inRegion && (line.blank || isHeading(line.text));
    if (breaksHere && current.length > 0) {
      result.push(current);
      current = [];
    }
    if (!line.blank || line.inRegion) current.push(line);
  }
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * A paragraph that OPENS with a list item (`1.`, `1)`, `(a)`, `a)`, `(i)`) or a step label is a list of
 * steps: it is cut before each following item numbered one more (at no deeper indent). When `cutBullets`
 * is set, a paragraph opening with a bullet (`-`, `*`, `+`, `•`) is cut before each bullet at no deeper
 * indent, so nested bullets stay with their parent. A line at the left margin that gives the answer
 * ends the list and starts a piece of its own. A paragraph that opens with prose keeps its list whole:
 * the prose is a lead-in ("we get:\n1. …\n2. …") and the list is its body.
 */
export function cutParagraph(lines: Line[], cutBullets = false): Line[][] {
  const first = lines[0];
  const next = first.inRegion ? null : listStart(first.text, cutBullets);
  if (!next) return [lines];
  const pieces: Line[][] = [];
  let current: Line[] = [first];
  let ended = false;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k];
    let startsNext = false;
    if (!line.inRegion && !ended) {
      if (isAnswerLine(line.text) && !next(line.text)) {
        startsNext = true;
        ended = true;
      } else startsNext = next(line.text);
    }
    if (startsNext) {
      pieces.push(current);
      current = [];
    }
    current.push(line);
  }
  pieces.push(current);
  return pieces;
}

/** For a list's first line, a test that says whether a later line starts the list's next item. */
function listStart(text: string, cutBullets: boolean): ((line: string) => boolean) | null {
  const item = listItem(text);
  if (item) return counter(item.number, (line) => listItem(line), item.indent);
  const label = stepLabelNumber(text);
  if (label !== null) return counter(label, (line) => { const n = stepLabelNumber(line); return n === null ? null : { number: n, indent: indentOf(line) }; }, indentOf(text));
  const roman = /^[ \t]*\(?i\)/.test(text);
  const letter = letterItem(text, roman);
  if (letter && letter.number === 1) return counter(1, (line) => letterItem(line, roman), letter.indent);
  const bullet = cutBullets ? bulletItem(text) : null;
  if (bullet) return (line) => { const b = bulletItem(line); return b !== null && b.indent <= bullet.indent; };
  return null;
}

/** Items must count up by one at no deeper indent, so a wrapped line that happens to start with `2007.` does not cut. */
function counter(first: number, read: (line: string) => { number: number; indent: number } | null, indent: number): (line: string) => boolean {
  let expected = first + 1;
  return (line) => {
    const item = read(line);
    if (!item || item.number !== expected || item.indent > indent) return false;
    expected++;
    return true;
  };
}

export function toUnit(text: string, lines: Line[], regionEnds: Map<number, number>): Unit {
  let start = lines[0].start;
  let end = lines[lines.length - 1].end;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return {
    start,
    end,
    firstLine: lines[0].text,
    lineCount: lines.length,
    listItem: listItem(lines[0].text) !== null || letterItem(lines[0].text, false) !== null || bulletItem(lines[0].text) !== null,
    displayOnly: regionEnds.get(start) === end,
    table: lines.every((l) => isTableRow(l.text)),
  };
}

/**
 * Paragraphs of `text` cut into units, in order. Bullets are steps only where they carry the
 * solution: a bullet list that opens the text, follows a one-paragraph lead-in ending with a colon, or
 * follows such a list. A bullet list further down (facts listed after "Vieta's formulas give:") is one
 * step, as ProcessBench's annotators keep it.
 */
export function unitsOf(text: string): Unit[] {
  const regions = findRegions(text);
  const regionEnds = new Map(regions.map((r) => [r.start, r.end]));
  const units: Unit[] = [];
  let backbone = true;
  paragraphs(splitLines(text, regions)).forEach((paragraph, p) => {
    const bullets = !paragraph[0].inRegion && bulletItem(paragraph[0].text) !== null;
    const leadIn = p === 0 && !bullets && endsWithLeadIn(paragraph[paragraph.length - 1].text);
    const cutBullets = bullets && backbone;
    for (const piece of cutParagraph(paragraph, cutBullets)) units.push(toUnit(text, piece, regionEnds));
    backbone = cutBullets || leadIn;
  });
  return units;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || code === 0xa0;
}
