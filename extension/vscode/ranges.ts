// Keeping results on the text they belong to while the document changes. Offsets only, no `vscode`.

export interface Span {
  start: number;
  end: number;
}

/** One text replacement, in offsets of the document before the edit. */
export interface TextChange {
  start: number;
  /** End of the replaced text (exclusive), before the edit. */
  end: number;
  /** Length of the inserted text. */
  insertedLength: number;
  /** Whether the inserted text starts with a line break (an insertion right after a step then leaves it alone). */
  startsWithNewline?: boolean;
}

export interface MappedSpan extends Span {
  /** The edit touched the text inside the span: results computed on the old text no longer hold. */
  stale: boolean;
}

/**
 * Maps a span through one edit. Edits wholly before the span shift it; edits after it leave it;
 * anything that changes its text marks it stale (the span then covers the changed text).
 */
export function mapSpan(span: MappedSpan, change: TextChange): MappedSpan {
  const delta = change.insertedLength - (change.end - change.start);
  const isInsertion = change.end === change.start;
  if (change.end < span.start || (change.end === span.start && (isInsertion || change.start < span.start))) {
    return { start: span.start + delta, end: span.end + delta, stale: span.stale };
  }
  if (change.start > span.end || (change.start === span.end && (!isInsertion || change.startsWithNewline))) {
    return span;
  }
  const start = Math.min(span.start, change.start);
  const end = Math.max(span.end + delta, change.start + change.insertedLength);
  return { start, end, stale: true };
}

/**
 * Maps a span through the changes of one document event. VS Code reports them against the text before the
 * event and sorted so that applying them in order works: apply from the last offset to the first.
 */
export function mapSpanThrough(span: MappedSpan, changes: readonly TextChange[]): MappedSpan {
  const ordered = [...changes].sort((a, b) => b.start - a.start);
  return ordered.reduce(mapSpan, span);
}

/** Maps a span through a log of events recorded while a run was in flight. */
export function mapSpanThroughLog(span: Span, log: readonly (readonly TextChange[])[]): MappedSpan {
  return log.reduce<MappedSpan>((s, changes) => mapSpanThrough(s, changes), { ...span, stale: false });
}

/** Shortens text for inline display without cutting a word in half when it can help it. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * Where each text lies in `document`, in order, starting the search at `from`: the spans of steps just written,
 * read back from the document itself rather than computed, so every step gets its label wherever the editor put it.
 * A text not found keeps `fallback[i]`.
 */
export function locateSteps(document: string, from: number, texts: readonly string[], fallback: readonly Span[]): Span[] {
  let at = from;
  return texts.map((text, i) => {
    const found = text ? document.indexOf(text, at) : -1;
    if (found < 0) return fallback[i];
    at = found + text.length;
    return { start: found, end: at };
  });
}
