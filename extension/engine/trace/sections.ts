// Splits a reasoning trace into sections, each one sub-task or attempt:
//  - paragraphs are cut at blank lines (never inside display math or code, as for steps);
//  - a paragraph opening with a cue (cues.ts: "Wait,", "Alternatively", "Let me double-check", "Next, let's
//    find…") starts a new section of that kind; any other paragraph goes on with the current section;
//  - a sub-task cue ("Next,", "Let me compute…") starts a section only once the current one holds
//    `minChars`: very short pieces join their neighbour;
//  - a section shorter than `minChars` joins a neighbour (a lone "Wait." belongs with what it announces), but a
//    reflection is never folded into the attempt it questions (see joinShort);
//  - no section grows past `maxChars` (so it fits the judge's context with the problem): a longer run is cut
//    at a paragraph, or for one huge paragraph at a sentence end, and goes on as a `continuation`.
// One pass over the lines and one over the paragraphs: linear in the trace length.
import { findRegions } from '../steps/regions';
import { paragraphs, splitLines } from '../steps/paragraphs';
import type { Span } from '../steps/types';
import { cueOf } from './cues';
import type { SectionKind, TraceSection } from './types';

export interface SectionOptions {
  /** Shorter sections join a neighbour (default 80 characters). */
  minChars?: number;
  /** Longer sections are cut (default 6,000 characters, about 1,500 tokens). */
  maxChars?: number;
}

export const DEFAULT_SECTION_OPTIONS: Required<SectionOptions> = { minChars: 80, maxChars: 6000 };

interface Draft extends Span {
  kind: SectionKind;
  /** Opened by a cue (so a short one announces what follows it). */
  cued: boolean;
}

/** Sections of `text.slice(span.start, span.end)`, with offsets into `text`. */
export function splitTrace(text: string, span: Span, options: SectionOptions = {}): TraceSection[] {
  const { minChars, maxChars } = { ...DEFAULT_SECTION_OPTIONS, ...options };
  const slice = text.slice(span.start, span.end);
  const drafts: Draft[] = [];
  for (const para of paragraphs(splitLines(slice, findRegions(slice)))) {
    const start = span.start + para[0].start;
    const end = span.start + para[para.length - 1].end;
    const cue = para[0].inRegion ? null : cueOf(para[0].text);
    const current = drafts[drafts.length - 1];
    const opens = !current || (cue !== null && (cue !== 'attempt' || current.end - current.start >= minChars));
    // The first section is the first attempt, whatever word it opens with.
    if (opens) drafts.push({ start, end, kind: current ? (cue ?? 'attempt') : 'attempt', cued: cue !== null });
    else current.end = end;
  }
  return joinShort(drafts, minChars)
    .flatMap((d) => cutLong(text, d, maxChars))
    .map((d, index) => {
      const s = trim(text, d.start, d.end);
      return { index, kind: d.kind, start: s.start, end: s.end, text: text.slice(s.start, s.end) };
    });
}

const REVISITS = new Set<SectionKind>(['reflection', 'verification', 'strategy-shift']);

/**
 * A section shorter than `minChars` joins a neighbour, but a reflection never disappears into the attempt it
 * questions: a short piece joins the next section when that one is a plain attempt (or both revisit the work,
 * "Wait." before "Let me double-check"), else a short attempt joins the one before; a short reflection with
 * nothing to join stays on its own.
 */
function joinShort(drafts: Draft[], minChars: number): Draft[] {
  const out: Draft[] = [];
  for (let k = 0; k < drafts.length; k++) {
    const d = { ...drafts[k] };
    const next = drafts[k + 1];
    if (d.end - d.start >= minChars) {
      out.push(d);
      continue;
    }
    const revisits = REVISITS.has(d.kind);
    if (next && (!REVISITS.has(next.kind) || revisits)) {
      drafts[k + 1] = { ...next, start: d.start, kind: d.kind, cued: d.cued };
    } else if (out.length && !revisits) {
      out[out.length - 1].end = d.end;
    } else {
      out.push(d);
    }
  }
  return out;
}

/** Cuts a section longer than `maxChars` at its last paragraph break (else sentence end, else hard) that fits. */
function cutLong(text: string, draft: Draft, maxChars: number): Draft[] {
  const pieces: Draft[] = [];
  let start = draft.start;
  let kind = draft.kind;
  while (draft.end - start > maxChars) {
    const window = text.slice(start, start + maxChars);
    let cut = window.lastIndexOf('\n\n');
    if (cut < maxChars / 4) cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('.\n')) + 1;
    if (cut < maxChars / 4) cut = maxChars;
    pieces.push({ start, end: start + cut, kind, cued: false });
    start += cut;
    kind = 'continuation';
  }
  pieces.push({ start, end: draft.end, kind, cued: false });
  return pieces;
}

function trim(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
