// What Stepwise knows about one document's last verification, in document offsets that follow edits.
// No `vscode`: the host feeds it text changes and reads spans back.
import { correctedStep, summariseSteps, type VerifiedStep, type VerifyResult } from '../engine/index';
import type { Correction } from './engineApi';
import { mapSpanThrough, mapSpanThroughLog, type MappedSpan, type Span, type TextChange } from './ranges';

export interface TrackedStep {
  step: VerifiedStep;
  span: MappedSpan;
}

export class DocAnnotations {
  readonly corrections: Record<number, Correction> = {};

  private constructor(
    readonly uri: string,
    readonly problem: string,
    readonly result: VerifyResult,
    readonly steps: TrackedStep[],
    /** The part of the document that was verified (a selection, or the whole document). */
    public verifiedRange: MappedSpan | undefined,
  ) {}

  /**
   * Places a result computed on older text onto the current text: each step is mapped through the edits made
   * since the run started, and a step whose text no longer matches is marked stale rather than misplaced.
   */
  static place(args: {
    uri: string;
    problem: string;
    result: VerifyResult;
    currentText: string;
    editsSinceStart: readonly (readonly TextChange[])[];
    range?: Span;
  }): DocAnnotations {
    const steps = args.result.steps.map((step): TrackedStep => {
      const span = mapSpanThroughLog(step, args.editsSinceStart);
      const stale = span.stale || args.currentText.slice(span.start, span.end) !== step.text;
      return { step, span: { ...span, stale } };
    });
    const range = args.range ? mapSpanThroughLog(args.range, args.editsSinceStart) : undefined;
    return new DocAnnotations(args.uri, args.problem, args.result, steps, range);
  }

  /** Follows one edit event; returns whether any step moved or went stale. */
  applyChanges(changes: readonly TextChange[]): boolean {
    let changed = false;
    for (const tracked of this.steps) {
      const next = mapSpanThrough(tracked.span, changes);
      if (next.start !== tracked.span.start || next.end !== tracked.span.end || next.stale !== tracked.span.stale) {
        tracked.span = next;
        changed = true;
      }
    }
    if (this.verifiedRange) this.verifiedRange = mapSpanThrough(this.verifiedRange, changes);
    return changed;
  }

  get staleCount(): number {
    return this.steps.filter((s) => s.span.stale).length;
  }

  /** Steps that are still worth a diagnostic: wrong or doubtful and not edited since (a step with no verdict is neither). */
  weakSteps(): TrackedStep[] {
    return this.steps.filter((s) => !s.span.stale && (s.step.verdict === 'wrong' || s.step.verdict === 'doubtful'));
  }

  /** Index of the earliest step judged wrong (after corrections), or -1: the engine's, never recomputed here. */
  firstErrorIndex(): number {
    return this.currentResult().firstError;
  }

  /** The earliest wrong step if it has not been edited: the one a correction aims at. */
  firstWeakIndex(): number {
    const first = this.firstErrorIndex();
    return first >= 0 && !this.steps[first].span.stale ? first : -1;
  }

  /**
   * Records that steps `from..` were rewritten with scored text now at `start` (each text followed by `separator`),
   * e.g. after a correction was applied, so they show their new scores instead of `stale`.
   */
  replaceSteps(from: number, start: number, texts: readonly { text: string; score: number }[], separator: string, replacedCount: number): void {
    let offset = start;
    const fresh = texts.map((t, k): TrackedStep => {
      const index = from + k;
      const step = correctedStep({ index, start: offset, end: offset + t.text.length, text: t.text }, t.score, this.result);
      const tracked: TrackedStep = { step, span: { start: offset, end: step.end, stale: false } };
      offset = step.end + separator.length;
      return tracked;
    });
    const after = this.steps.slice(from + replacedCount).map((s, k) => ({ ...s, step: { ...s.step, index: from + texts.length + k } }));
    this.steps.splice(from, this.steps.length - from, ...fresh, ...after);
    for (let i = from; i < this.steps.length; i++) delete this.corrections[i];
    this.current = undefined;
  }

  private current?: VerifyResult;

  /** The verification as it stands now (replaced steps carry their correction's score), derived by the engine. */
  currentResult(): VerifyResult {
    this.current ??= summariseSteps(
      this.steps.map((s) => s.step),
      this.result,
    );
    return this.current;
  }

  /** Step texts as they were verified (the prefix the engine scores a correction against). */
  stepTexts(): string[] {
    return this.steps.map((s) => s.step.text);
  }
}
