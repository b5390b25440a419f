// Reasoning traces: find the thinking, split it into sections, score them and link the corrections.
import type { Scorer } from '../scorers/scorer';
import type { ParsedDocument } from '../steps/types';
import { splitTrace, type SectionOptions } from './sections';
import type { TraceResult, VerifiedSection } from './types';
import { verifyTraceSections } from './verify';

export * from './types';
export { findTrace } from './detect';
export { splitTrace, DEFAULT_SECTION_OPTIONS, type SectionOptions } from './sections';
export { verifyTraceSections, contextWindows, linkRecoveries, traceSummary, DEFAULT_TRACE_CONTEXT_CHARS } from './verify';
export { cueOf } from './cues';

export interface TraceOptions extends SectionOptions {
  contextChars?: number;
  signal?: AbortSignal;
  onSection?: (section: VerifiedSection) => void;
}

/** Scores the sections of a parsed document's trace (undefined when it has none). */
export async function verifyDocumentTrace(text: string, document: ParsedDocument, scorer: Scorer, threshold: number, opts: TraceOptions = {}): Promise<TraceResult | undefined> {
  if (!document.trace) return undefined;
  const sections = splitTrace(text, document.trace, opts);
  if (sections.length === 0) return undefined;
  return verifyTraceSections({
    problem: document.problem?.text ?? '',
    span: document.trace,
    sections,
    scorer,
    threshold,
    contextChars: opts.contextChars,
    signal: opts.signal,
    onSection: opts.onSection,
  });
}
