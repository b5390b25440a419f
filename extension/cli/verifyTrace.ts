// The reasoning-trace part of `stepwise verify`: the sections in --json, and a table with the surviving error
// shown first, above the answer's steps.
import type { TraceResult, VerifiedSection } from '../engine';
import { oneLine } from './common';

export function traceJson(trace: TraceResult) {
  const { span, survivingError, wrong, recovered, unscored, summary } = trace;
  return {
    trace: { start: span.start, end: span.end, form: span.form, answer: span.answer, survivingError, wrong, recovered, unscored, summary },
    sections: trace.sections.map((s: VerifiedSection) => ({
      index: s.index,
      kind: s.kind,
      start: s.start,
      end: s.end,
      text: s.text,
      score: s.score,
      verdict: s.verdict,
      ...(s.unscoredReason ? { unscoredReason: s.unscoredReason } : {}),
      ...(s.recoveredBy !== undefined ? { recoveredBy: s.recoveredBy } : {}),
      ...(s.recovers ? { recovers: s.recovers } : {}),
      scorer: s.scorer,
      evidence: { method: s.method, ...s.evidence },
    })),
  };
}

const MARK: Record<string, string> = { ok: '✓', doubtful: '?', wrong: '✗', unscored: '·' };

export function formatTraceTable(trace: TraceResult, width: number): string {
  const lines: string[] = [];
  const survivor = trace.sections[trace.survivingError];
  if (survivor) {
    lines.push(`Surviving error: section ${survivor.index + 1} (${survivor.kind}), never corrected before the answer:`);
    lines.push(`  ${oneLine(survivor.text, width + 20)}`, '');
  }
  lines.push(`Reasoning trace (${trace.span.form}):`);
  lines.push(' sect  score  verdict     kind            text');
  for (const s of trace.sections) {
    const score = s.score === null ? '  —  ' : s.score.toFixed(3);
    const verdict = s.verdict === 'unscored' ? 'unscored' : s.verdict;
    lines.push(`${String(s.index + 1).padStart(5)}  ${score}  ${MARK[s.verdict]} ${verdict.padEnd(9)} ${s.kind.padEnd(15)} ${oneLine(s.text, width - 16)}`);
    const why = s.evidence.note ?? s.evidence.text;
    if (why && s.verdict === 'wrong') lines.push(`${' '.repeat(23)}↳ ${oneLine(why, width)}`);
    if (s.recoveredBy !== undefined) lines.push(`${' '.repeat(23)}↳ corrected by section ${s.recoveredBy + 1}`);
    else if (s.index === trace.survivingError) lines.push(`${' '.repeat(23)}↳ never corrected: this error reaches the answer`);
  }
  lines.push(trace.summary, '');
  return lines.join('\n') + '\n';
}
