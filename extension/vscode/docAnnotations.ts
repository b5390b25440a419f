// What Stepwise knows about one document's last verification, in document offsets that follow edits.
// No `vscode`: the host feeds it text changes and reads spans back.
import type { VerifiedStep, VerifyResult } from '../engine/index';
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

  /** Steps that are still worth a diagnostic: wrong or doubtful and not edited since. */
  weakSteps(): TrackedStep[] {
    return this.steps.filter((s) => !s.span.stale && s.step.verdict !== 'ok' && !s.step.abstained);
  }

  /** The first step that has not been edited and is judged wrong, the one a correction aims at. */
  firstWeakIndex(): number {
    const first = this.result.firstError;
    return first >= 0 && !this.steps[first]?.span.stale ? first : -1;
  }

  /** Step texts as they were verified (the prefix the engine scores a correction against). */
  stepTexts(): string[] {
    return this.steps.map((s) => s.step.text);
  }
}
