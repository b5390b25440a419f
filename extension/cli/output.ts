// How the CLI lays text out: full step text wrapped to the terminal width, cut only when the user asks.
import { InvalidOptions } from '../engine';

export const outputOptions = { truncate: { type: 'string' } } as const;

export const OUTPUT_OPTIONS_HELP = `  --truncate N                 cut each step's text to N characters (default: the full text,
                               wrapped to the terminal width)`;

export interface TextLayout {
  /** Columns available on the terminal (or 100 when output is not a terminal). */
  columns: number;
  /** Cut text to this many characters (undefined: never cut). */
  truncate?: number;
}

export function layoutFrom(values: { truncate?: string }, columns = process.stdout.columns): TextLayout {
  const raw = values.truncate;
  let truncate: number | undefined;
  if (raw !== undefined) {
    truncate = Number(raw);
    if (!Number.isInteger(truncate) || truncate < 1) throw new InvalidOptions(`--truncate ${raw}: expected a whole number above 0.`);
  }
  return { columns: columns && columns >= 40 ? columns : 100, truncate };
}

/** Flattens whitespace and cuts to `max` characters when given. */
export function flatText(text: string, max?: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return max !== undefined && flat.length > max ? `${flat.slice(0, Math.max(1, max - 1))}…` : flat;
}

/** Words of `text` in lines of at most `width` characters (a word longer than the width is split). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      if (line) lines.push(line), (line = '');
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else lines.push(line), (line = word);
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/** `lead` then the text, wrapped so that continuation lines start under the text's first column. */
export function hangingRows(lead: string, text: string, layout: TextLayout): string[] {
  const width = Math.max(20, layout.columns - lead.length - 1);
  const [first, ...rest] = wrapWords(flatText(text, layout.truncate), width);
  return [`${lead}${first}`, ...rest.map((l) => `${' '.repeat(lead.length)}${l}`)];
}
