// Scores a trace's sections causally and works out which errors were corrected and which one survives.
//
// Each section is judged given the problem and the sections before it, as a step is given the steps before it:
// one scorer request per section (the scorer's own concurrency limit applies). The sections before it are
// given newest first up to `contextChars`; older ones are replaced by one line saying how many were left out,
// so every prompt fits the judge's context and all prompts together are linear in the trace length.
//
// Recovery: a wrong section is recovered by the first later section that is judged ok and re-examines or
// restarts the work (a reflection such as "Wait, that's wrong", a verification such as "Let me double-check",
// or a strategy shift such as "Alternatively"). The error still counts; the correction is linked both ways.
// The first wrong section that nothing recovers is the surviving error: the one that reaches the answer.
import { throwIfAborted } from '../errors';
import { verdictFor, type Scorer, type StepScore } from '../scorers/scorer';
import type { TraceResult, TraceSection, TraceSpan, VerifiedSection } from './types';

export interface VerifyTraceRequest {
  problem: string;
  span: TraceSpan;
  sections: readonly TraceSection[];
  scorer: Scorer;
  threshold: number;
  /** Characters of earlier sections given with each one (default 12,000, about 3,000 tokens). */
  contextChars?: number;
  signal?: AbortSignal;
  onSection?: (section: VerifiedSection) => void;
}

export const DEFAULT_TRACE_CONTEXT_CHARS = 12000;

const CORRECTING_KINDS = new Set(['reflection', 'verification', 'strategy-shift']);

export async function verifyTraceSections(req: VerifyTraceRequest): Promise<TraceResult> {
  throwIfAborted(req.signal);
  const windows = contextWindows(req.sections, req.contextChars ?? DEFAULT_TRACE_CONTEXT_CHARS);
  const sections = await Promise.all(
    req.sections.map(async (section, k) => {
      const texts = windows[k];
      const [score] = await req.scorer.score(req.problem, texts, { which: [texts.length - 1], signal: req.signal });
      const verified = toVerified(section, score, req.threshold);
      req.onSection?.(verified);
      return verified;
    }),
  );
  return summarise(req.span, linkRecoveries(sections));
}

/**
 * For each section k: the texts to send (earlier sections that fit in `budget`, newest kept, then section k),
 * found with one window that only moves forward, so the whole is linear in the number of sections.
 */
export function contextWindows(sections: readonly TraceSection[], budget: number): string[][] {
  const windows: string[][] = [];
  let first = 0;
  let used = 0; // characters of sections first..k-1
  for (let k = 0; k < sections.length; k++) {
    while (used > budget && first < k) used -= sections[first++].text.length;
    const earlier = sections.slice(first, k).map((s) => s.text);
    const omitted = first > 0 ? [`(${first} earlier section${first === 1 ? '' : 's'} of the reasoning left out for length)`] : [];
    windows.push([...omitted, ...earlier, sections[k].text]);
    used += sections[k].text.length;
  }
  return windows;
}

function toVerified(section: TraceSection, score: StepScore, threshold: number): VerifiedSection {
  const base = { ...section, scorer: score.scorer, method: score.method, evidence: score.evidence };
  if (score.abstained) {
    return { ...base, score: null, verdict: 'unscored', unscoredReason: score.evidence.note ?? 'The scorer could not judge this section.' };
  }
  return { ...base, score: score.score, verdict: verdictFor(score.score, { threshold }) };
}

/** Links each wrong section to the first later ok section that re-examines or restarts the work. */
export function linkRecoveries(sections: VerifiedSection[]): VerifiedSection[] {
  let pending: number[] = [];
  for (const section of sections) {
    if (section.verdict === 'wrong') {
      pending.push(section.index);
    } else if (section.verdict === 'ok' && CORRECTING_KINDS.has(section.kind) && pending.length) {
      for (const i of pending) sections[i].recoveredBy = section.index;
      section.recovers = pending;
      pending = [];
    }
  }
  return sections;
}

function summarise(span: TraceSpan, sections: VerifiedSection[]): TraceResult {
  const wrong = sections.filter((s) => s.verdict === 'wrong');
  const recovered = wrong.filter((s) => s.recoveredBy !== undefined).length;
  const unscored = sections.filter((s) => s.verdict === 'unscored').length;
  const survivingError = wrong.find((s) => s.recoveredBy === undefined)?.index ?? -1;
  return { span, sections, survivingError, wrong: wrong.length, recovered, unscored, summary: traceSummary(sections.length, wrong.length, recovered, unscored, survivingError) };
}

export function traceSummary(total: number, wrong: number, recovered: number, unscored: number, survivingError: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [`Reasoning trace: ${plural(total, 'section')}`];
  if (unscored) parts.push(`${unscored} without a verdict`);
  if (wrong === 0) {
    return `${parts.join(', ')}; ${unscored === total ? 'none could be judged' : 'no wrong section'}.`;
  }
  const tail =
    survivingError >= 0
      ? `the error in section ${survivingError + 1} is never corrected and reaches the answer`
      : wrong === 1
        ? 'it was corrected later in the trace'
        : 'each was corrected later in the trace';
  return `${parts.join(', ')}; ${plural(wrong, 'wrong section')} (${recovered} recovered): ${tail}.`;
}
