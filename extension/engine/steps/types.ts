/** A span of the source text. `start`/`end` are character offsets (end exclusive). */
export interface Span {
  start: number;
  end: number;
}

export interface Step extends Span {
  /** 0-based. */
  index: number;
  /** Exactly `source.slice(start, end)`. */
  text: string;
}

import type { TraceSpan } from '../trace/types';

/** A document read as a problem followed (optionally) by a worked solution. */
export interface ParsedDocument {
  problem: (Span & { text: string }) | null;
  /** Where the solution sits in the source (empty when there is none). */
  solution: Span | null;
  steps: Step[];
  /** Which layout was recognised, for messages ("markdown-headings", "labels", "first-paragraph", ...). */
  layout: string;
  /** A reasoning model's thinking before its final answer: then `solution` and `steps` are the answer's. */
  trace?: TraceSpan;
}
