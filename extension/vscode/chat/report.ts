// What the chat participant and the language-model tool say about a verification: per-step verdicts, the first
// wrong step and a correction. Plain data and text, no `vscode` import, so both are unit-tested on real results.
import type { CorrectionResult, VerifiedStep, VerifyResult } from '../../engine/index';

export interface StepReport {
  /** 1-based, as the user counts. */
  step: number;
  text: string;
  /** ok | doubtful | wrong | unscored: an unscored step has no verdict and no score. */
  verdict: string;
  score: number | null;
  reason: string;
}

export interface CorrectionReport {
  step: number;
  replacement: string;
  /** The rewritten steps after the replacement. */
  rest: string[];
  improved: boolean;
  reason: string;
}

export interface VerificationReport {
  summary: string;
  steps: StepReport[];
  /** 1-based number of the earliest wrong step, or null when no judged step is wrong. */
  firstWrongStep: number | null;
  correction?: CorrectionReport;
  notes: string[];
}

/** A step the scorer could not judge: no verdict, never a pass or a fail. */
export function isUnscored(step: VerifiedStep): boolean {
  return step.verdict === 'unscored';
}

export function stepReason(step: VerifiedStep): string {
  const unscored = (step as { unscoredReason?: string }).unscoredReason;
  if (unscored) return unscored;
  const evidence = step.evidence as { note?: string; yesMass?: number } | undefined;
  if (evidence?.note) return evidence.note;
  return step.method;
}

export function stepReport(step: VerifiedStep): StepReport {
  const unscored = isUnscored(step);
  return {
    step: step.index + 1,
    text: step.text,
    verdict: unscored ? 'unscored' : step.verdict,
    score: unscored ? null : step.score,
    reason: stepReason(step),
  };
}

function fallbackSummary(result: VerifyResult, steps: StepReport[]): string {
  const judged = steps.filter((s) => s.verdict !== 'unscored').length;
  const counted = `${judged} of ${steps.length} steps judged`;
  if (judged === 0) return `Unverified: no step could be judged (${counted}).`;
  if (result.firstError >= 0) return `Step ${result.firstError + 1} is the first wrong step (${counted}).`;
  if (judged < steps.length) return `No judged step is wrong, but the solution is incomplete (${counted}).`;
  return `No wrong step found (${counted}).`;
}

export function verificationReport(result: VerifyResult, correction?: CorrectionResult): VerificationReport {
  const steps = result.steps.map(stepReport);
  const summary = (result as { summary?: string }).summary ?? fallbackSummary(result, steps);
  const report: VerificationReport = { summary, steps, firstWrongStep: result.firstError >= 0 ? result.firstError + 1 : null, notes: result.notes };
  if (correction && correction.replacement.text.trim()) {
    report.correction = {
      step: correction.weakIndex + 1,
      replacement: correction.replacement.text,
      rest: correction.tail.map((t) => t.text),
      improved: correction.improved,
      reason: correction.reason,
    };
  }
  return report;
}

const MARKS: Record<string, string> = { ok: '✓', doubtful: '?', wrong: '✗', unscored: '–' };

export function formatScoreOrNone(score: number | null): string {
  return score === null ? 'no score' : score.toFixed(2);
}

/** One line per step for chat, e.g. `✗ **Step 2** wrong (0.08): 6 × 1.50 is 9, not 8.` */
export function stepLine(s: StepReport): string {
  const word = s.verdict === 'unscored' ? 'unchecked' : s.verdict;
  return `${MARKS[s.verdict] ?? '·'} **Step ${s.step}** ${word} (${formatScoreOrNone(s.score)}): ${oneLine(s.reason)}`;
}

/** The text a chat agent reads back from the tool: summary, every step, the first wrong step, the correction. */
export function reportText(r: VerificationReport): string {
  const lines = [r.summary, ''];
  for (const s of r.steps) lines.push(`Step ${s.step}: ${s.verdict}, score ${formatScoreOrNone(s.score)}. ${oneLine(s.reason)}`);
  lines.push('', r.firstWrongStep === null ? 'First wrong step: none.' : `First wrong step: step ${r.firstWrongStep}: ${oneLine(r.steps[r.firstWrongStep - 1]?.text ?? '')}`);
  if (r.correction) {
    lines.push(`Suggested correction for step ${r.correction.step}${r.correction.improved ? '' : ' (it did not score higher than the original)'}: ${r.correction.replacement}`);
    if (r.correction.rest.length) lines.push(`The rest of the solution from there: ${r.correction.rest.join(' | ')}`);
  }
  if (r.notes.length) lines.push('', ...r.notes.map((n) => `Note: ${n}`));
  return lines.join('\n');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
}
