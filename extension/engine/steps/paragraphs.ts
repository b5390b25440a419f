// Text → lines → paragraphs (blank-line separated blocks) → units (a paragraph cut at list
// items and step labels). Every piece keeps exact offsets into the text it was given.
import { findRegions, type Region } from './regions';
import { indentOf, isHeading, listItem, stepLabelNumber } from './markers';

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
 * A paragraph that OPENS with a list item or a step label is a list of steps: it is cut before
 * each following item numbered one more (at no deeper indent). A paragraph that opens with prose
 * keeps its list whole: the prose is a lead-in ("we get:\n1. …\n2. …") and the list is its body.
 */
export function cutParagraph(lines: Line[]): Line[][] {
  const first = lines[0];
  const firstItem = first.inRegion ? null : listItem(first.text);
  const firstLabel = first.inRegion ? null : stepLabelNumber(first.text);
  if (!firstItem && firstLabel === null) return [lines];
  const pieces: Line[][] = [];
  let current: Line[] = [first];
  let expected = (firstItem ? firstItem.number : (firstLabel as number)) + 1;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k];
    let startsNext = false;
    if (!line.inRegion) {
      if (firstItem) {
        const item = listItem(line.text);
        startsNext = item !== null && item.number === expected && item.indent <= firstItem.indent;
      } else {
        startsNext = stepLabelNumber(line.text) === expected && indentOf(line.text) <= indentOf(first.text);
      }
    }
    if (startsNext) {
      pieces.push(current);
      current = [];
      expected++;
    }
    current.push(line);
  }
  pieces.push(current);
  return pieces;
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
    listItem: listItem(lines[0].text) !== null,
    displayOnly: regionEnds.get(start) === end,
  };
}

/** Paragraphs of `text` cut into units, in order. */
export function unitsOf(text: string): Unit[] {
  const regions = findRegions(text);
  const regionEnds = new Map(regions.map((r) => [r.start, r.end]));
  const units: Unit[] = [];
  for (const paragraph of paragraphs(splitLines(text, regions))) {
    for (const piece of cutParagraph(paragraph)) units.push(toUnit(text, piece, regionEnds));
  }
  return units;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || code === 0xa0;
}
