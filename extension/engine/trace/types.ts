import type { Span } from '../steps/types';
import type { Evidence, ScorerName, Verdict } from '../scorers/scorer';

/** Where a reasoning trace sits in a document, and the final answer after it. */
export interface TraceSpan extends Span {
  /** How the trace was marked: `<think>`, `<thinking>`, `<reasoning>`, `</think>` (closing tag only), `thinking-answer`. */
  form: string;
  /** The final answer after the trace (null when the trace was cut off before one). */
  answer: Span | null;
}

/**
 * What opens a section: `attempt` (the first one, or a new sub-task), `reflection` ("Wait,", "Hmm, that's
 * wrong"), `verification` ("Let me double-check"), `strategy-shift` ("Alternatively", "Let me try another
 * approach"), `continuation` (cut only because the section outgrew the judge's context).
 */
export type SectionKind = 'attempt' | 'reflection' | 'verification' | 'strategy-shift' | 'continuation';

export interface TraceSection extends Span {
  /** 0-based. */
  index: number;
  kind: SectionKind;
  /** Exactly `source.slice(start, end)`. */
  text: string;
}

/** A section's verdict; `unscored` (the scorer abstained) is no verdict, never a pass or a fail. */
export type SectionVerdict = Verdict | 'unscored';

export interface VerifiedSection extends TraceSection {
  score: number | null;
  verdict: SectionVerdict;
  scorer: ScorerName;
  method: string;
  evidence: Evidence;
  unscoredReason?: string;
  /** For a wrong section: the later section that corrects it (see README, "Reasoning traces"). */
  recoveredBy?: number;
  /** For a section that corrects earlier wrong ones: their indices. */
  recovers?: number[];
}

export interface TraceResult {
  span: TraceSpan;
  sections: VerifiedSection[];
  /** Index of the first wrong section that no later section corrects, or -1: the error that reaches the answer. */
  survivingError: number;
  /** Wrong sections, those corrected later, and sections with no verdict. */
  wrong: number;
  recovered: number;
  unscored: number;
  /** The one sentence every view prints about the trace. */
  summary: string;
}
