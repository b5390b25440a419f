// What the editor shows for one verified step: the end-of-step label, the gutter icon and the diagnostic, decided in
// one place so that gutter and Problems always agree. Pure (no `vscode`), unit-tested.
import type { Verdict } from '../engine/index';
import { formatScore } from './format';

/** Gutter icon = severity: wrong → Error, doubtful → Warning, follows (a weak step after the first error) → Information. */
export type GutterMark = 'ok' | 'doubtful' | 'wrong' | 'follows' | 'unscored';
export type Severity = 'error' | 'warning' | 'information';
/** Theme colour of the label (contributed as `stepwise.<tone>Foreground`). */
export type Tone = 'ok' | 'doubtful' | 'wrong' | 'unscored' | 'stale';

export interface MarkedStep {
  index: number;
  score: number | null;
  verdict: Verdict | 'unscored';
  abstained?: boolean;
  unscoredReason?: string;
  evidence?: { note?: string };
}

export interface StepMarks {
  /** Short text after the step, verdict first; undefined when nothing is worth a label (an ok step by default). */
  label?: string;
  tone: Tone;
  gutter?: GutterMark;
  diagnostic?: { severity: Severity; message: string };
}

export interface MarkContext {
  /** Index of the earliest wrong step, or -1. */
  firstError: number;
  stale?: boolean;
  /** `stepwise.annotations.showOk`: label ok steps too (default false: an all-correct solution stays quiet). */
  showOk?: boolean;
}

/** A step the scorer could not judge (contract 1): no verdict, never a pass, never a fail. */
export function isUnscored(step: MarkedStep): boolean {
  return step.verdict === 'unscored' || !!step.abstained || step.score === null || !Number.isFinite(step.score);
}

export function unscoredReason(step: MarkedStep): string {
  return step.unscoredReason ?? step.evidence?.note ?? 'the scorer could not judge this step';
}

export function marksFor(step: MarkedStep, ctx: MarkContext): StepMarks {
  const n = step.index + 1;
  if (ctx.stale) return { label: `… step ${n} edited, verify again`, tone: 'stale' };
  if (isUnscored(step)) {
    const reason = unscoredReason(step);
    return { label: reason === 'nothing to check' ? '○ unchecked' : '○ no verdict', tone: 'unscored', gutter: 'unscored' };
  }
  const score = formatScore(step.score as number);
  const k = ctx.firstError + 1;
  const follows = ctx.firstError >= 0 && step.index > ctx.firstError;
  if (step.verdict === 'ok') return { label: ctx.showOk ? `✓ ${score}` : undefined, tone: 'ok', gutter: 'ok' };
  if (follows) {
    const mark = step.verdict === 'wrong' ? '✗' : '?';
    return {
      label: `${mark} ${score} follows step ${k}`,
      tone: step.verdict,
      gutter: 'follows',
      diagnostic: {
        severity: 'information',
        message: `Step ${n} follows the error at step ${k} (its own score ${score}). Fix step ${k} first, then verify again.`,
      },
    };
  }
  if (step.verdict === 'wrong') {
    return {
      label: `✗ ${score} first error`,
      tone: 'wrong',
      gutter: 'wrong',
      diagnostic: {
        severity: 'error',
        message: `Step ${n} is likely wrong (score ${score}), the earliest error in this solution. Apply the suggested correction (Quick Fix) or rewrite the step, then verify again.`,
      },
    };
  }
  return {
    label: `? ${score} doubtful`,
    tone: 'doubtful',
    gutter: 'doubtful',
    diagnostic: {
      severity: 'warning',
      message: `Step ${n} is doubtful (score ${score}). Check that it follows from the steps before it; rewrite it if not, then verify again.`,
    },
  };
}

/** The end of the first line of a step (squiggles cover that line only, never a whole wrapped paragraph). */
export function firstLineEnd(text: string, start: number, end: number): number {
  const nl = text.slice(start, end).search(/\r?\n/);
  return nl < 0 ? end : start + nl;
}
