// Line-level patterns a human uses to mark steps. All anchored at a line start and free of
// nested quantifiers, so each test is linear in the line length.

/** `# Title` … `###### Title` (CommonMark ATX heading, up to 3 spaces of indent). */
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** `Step 3:`, `**Step 3.**`, `## Step 3`, `Step 3)`: the step number is captured. */
const STEP_LABEL = /^[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*|__|\*|_)?step[ \t]*(\d{1,4})(?=[ \t]*[:.)*_]|[ \t]*$|[ \t]+-)/i;
/** `3.` or `3)` followed by text: the item number and the indent are captured. */
const LIST_ITEM = /^([ \t]{0,3})(\d{1,4})[.)][ \t]+\S/;
/** A line that is only a title: `Step 2:`, `**Step 2: Add the costs**`, `## Step 2`. */
const TITLE_ONLY = /^[ \t]*(?:step[ \t]*\d{1,4}[ \t]*[:.)]?|(?:\*\*|__)step[ \t]*\d{1,4}[^*_\n]*(?:\*\*|__)[ \t]*:?)[ \t]*$/i;
const FINAL_ANSWER =
  /^(?:\*\*|__)?(?:final answer|the final answer|the answer is|answer(?:\*\*|__)?[ \t]*:|(?:therefore|thus|so|hence),? the (?:final )?answer|(?:\$\$?|\\\[)?[ \t]*\\boxed\{)/i;
/** `- item`, `* item`, `+ item`, `• item`: the marker and its indent (a `- - -` rule is not an item). */
const BULLET = /^([ \t]*)([-*+•·])[ \t]+\S/;
const RULE = /^[ \t]*(?:[-*_][ \t]*){3,}$/;
/** `(a)`, `a)`, `(iv)`: the label and its indent. */
const LETTER_ITEM = /^([ \t]{0,3})\(?([a-z]|[ivx]{1,5})\)[ \t]+\S/;
/** A Markdown table row: `| a | b |` (up to 3 spaces of indent). */
const TABLE_ROW = /^ {0,3}\|/;

export function isHeading(line: string): boolean {
  return HEADING.test(line);
}

export function stepLabelNumber(line: string): number | null {
  const m = STEP_LABEL.exec(line);
  return m ? Number(m[1]) : null;
}

export function listItem(line: string): { indent: number; number: number } | null {
  const m = LIST_ITEM.exec(line);
  return m ? { indent: m[1].replace(/\t/g, '    ').length, number: Number(m[2]) } : null;
}

export function bulletItem(line: string): { indent: number } | null {
  const m = BULLET.exec(line);
  return m && !RULE.test(line) ? { indent: m[1].replace(/\t/g, '    ').length } : null;
}

/** `(a)` → 1, `b)` → 2, `(iii)` → 3 (roman when `roman` is set, as decided by the list's first item). */
export function letterItem(line: string, roman: boolean): { indent: number; number: number } | null {
  const m = LETTER_ITEM.exec(line);
  if (!m) return null;
  const label = m[2].toLowerCase();
  const n = roman ? romanValue(label) : label.length === 1 ? label.charCodeAt(0) - 96 : 0;
  return n > 0 ? { indent: m[1].length, number: n } : null;
}

function romanValue(label: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10 };
  let total = 0;
  for (let k = 0; k < label.length; k++) {
    const v = values[label[k]];
    const next = values[label[k + 1]] ?? 0;
    if (v === undefined) return 0;
    total += v < next ? -v : v;
  }
  return total;
}

export function isTableRow(line: string): boolean {
  return TABLE_ROW.test(line);
}

/** A line at the left margin that gives the answer (`So the answer is 16.`, `**Answer:** 16`, `\boxed{16}`). */
export function isAnswerLine(line: string): boolean {
  return indentOf(line) === 0 && FINAL_ANSWER.test(line);
}

/** A line that is a heading, or a step label with nothing after its title (`Step 2:`, `**Step 2: Add**`). */
export function isTitleOnly(line: string): boolean {
  return isHeading(line) || TITLE_ONLY.test(line);
}

/** `**Final Answer**`, `Final answer:`: a title announcing the answer below it. */
export function isAnswerTitle(line: string): boolean {
  return /^[ \t]*(?:\*\*|__|#{1,6}[ \t]+)?final answer[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*$/i.test(line);
}

export function isFinalAnswer(paragraph: string): boolean {
  return FINAL_ANSWER.test(paragraph);
}

/** Ends with a colon, ignoring closing emphasis: `we get:` or `**Then:**`. */
export function endsWithLeadIn(paragraph: string): boolean {
  let end = paragraph.length;
  while (end > 0 && /[\s*_]/.test(paragraph[end - 1])) end--;
  const last = paragraph[end - 1];
  return last === ':' || last === '：';
}

/** Leading spaces of a line, tabs counted as 4. */
export function indentOf(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width++;
    else if (ch === '\t') width += 4;
    else break;
  }
  return width;
}
