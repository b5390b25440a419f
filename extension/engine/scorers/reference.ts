import pLimit from 'p-limit';
import { PromptTooLong } from '../errors';
import type { ChatMessage, ModelProvider } from '../providers/provider';
import { referenceSteps } from '../steps/reference';
import { numberedSteps } from './prompts';
import type { AlignmentEvidence, Scorer, ScoreOptions, StepScore } from './scorer';

export interface ReferenceScorerOptions {
  provider: ModelProvider;
  model: string;
  /** The reference solution's text. */
  reference: string;
  concurrency?: number;
}

export const REFERENCE_SYSTEM_PROMPT =
  "You are a careful math teacher grading a student's solution against a reference solution. Use the reference to " +
  'see where a solution should go, but judge every student step on its own mathematics. A step that takes a different ' +
  'route from the reference (other steps, another method, another order) is not wrong for differing: it is wrong only ' +
  'if it contains an error, such as a false calculation, an invalid inference, a misread of the problem, or a result ' +
  'taken from an earlier wrong step.';

/** The single pass (after SPARE): every student step aligned with a reference step and judged, in one answer. */
export function referenceMessages(problem: string, reference: readonly string[], steps: readonly string[]): ChatMessage[] {
  const ref = reference.map((s, i) => `Reference step ${i + 1}: ${s}`).join('\n\n');
  return [
    { role: 'system', content: REFERENCE_SYSTEM_PROMPT },
    {
      role: 'user',
      content:
        `Problem:\n${problem}\n\nReference solution:\n${ref}\n\nStudent solution:\n${numberedSteps(steps)}\n\n` +
        `For each student step write one line "Step i: reference j | correct" or "Step i: reference j | wrong", where j is ` +
        `the number of the reference step it corresponds to, or "none" when it corresponds to no reference step. ` +
        `Write one line per student step (${steps.length} lines) and nothing else.`,
    },
  ];
}

const LINE = /^[ \t>*_-]*step[ \t]*(\d{1,4})[ \t*_]*[:.)-][ \t*_]*(?:reference|ref\.?)[ \t]*(?:step[ \t]*)?(\d{1,4}|none|-|n\/a)[ \t*_]*[|,;:/-][ \t*_]*(correct|right|wrong|incorrect)\b[ \t*_.]*(.*)$/gim;

export interface AlignedVerdict {
  /** 1-based reference step, or null. */
  reference: number | null;
  correct: boolean;
  line: string;
}

/** The judge's lines, by 0-based student step; the first line for a step wins. */
export function parseAlignment(text: string, references: number): Map<number, AlignedVerdict> {
  const found = new Map<number, AlignedVerdict>();
  for (const m of text.matchAll(LINE)) {
    const step = Number(m[1]) - 1;
    if (found.has(step)) continue;
    const j = /^\d+$/.test(m[2]!) ? Number(m[2]) : null;
    const reference = j !== null && j >= 1 && j <= references ? j : null;
    found.set(step, { reference, correct: /^(correct|right)$/i.test(m[3]!), line: m[0].trim() });
  }
  return found;
}

/**
 * Reference-guided verification: the judge reads the reference solution and the student's steps and, in one
 * pass, aligns each student step with the reference step it corresponds to (or none) and says whether it is
 * correct. One request scores every step; a step the answer leaves out is unscored.
 */
export function createReferenceScorer(opts: ReferenceScorerOptions): Scorer {
  const reference = referenceSteps(opts.reference);
  const limit = pLimit(Math.max(1, opts.concurrency ?? 4));
  const passes = new Map<string, Promise<{ text: string; verdicts: Map<number, AlignedVerdict> } | { tooLong: string }>>();
  const method = `one reference-guided pass over the whole solution (after SPARE): alignment with the ${reference.length} reference steps and a verdict per step, read from the text`;

  function pass(problem: string, steps: readonly string[], signal?: AbortSignal) {
    const key = JSON.stringify([problem, steps]);
    let pending = passes.get(key);
    if (!pending) {
      pending = limit(async () => {
        try {
          const result = await opts.provider.generate({
            model: opts.model,
            messages: referenceMessages(problem, reference, steps),
            temperature: 0,
            maxTokens: 24 * steps.length + 64,
            signal,
          });
          return { text: result.text, verdicts: parseAlignment(result.text, reference.length) };
        } catch (err) {
          if (err instanceof PromptTooLong) return { tooLong: err.message };
          throw err;
        }
      });
      passes.set(key, pending);
      pending.catch(() => passes.delete(key));
    }
    return pending;
  }

  function toScore(verdict: AlignedVerdict | undefined, k: number, judged: string): StepScore {
    if (!verdict) {
      return { score: 0.5, scorer: 'reference', method, abstained: true, evidence: { text: judged, note: `the judge's answer has no line for step ${k + 1}` } };
    }
    const alignment: AlignmentEvidence = {
      reference: verdict.reference,
      ...(verdict.reference !== null ? { referenceText: reference[verdict.reference - 1] } : {}),
    };
    const where = verdict.reference === null ? 'matches no reference step' : `corresponds to reference step ${verdict.reference}`;
    return {
      score: verdict.correct ? 1 : 0,
      scorer: 'reference',
      method,
      evidence: { text: verdict.line, alignment, note: `${where}; judged ${verdict.correct ? 'correct' : 'wrong'}` },
    };
  }

  return {
    name: 'reference',
    key: `reference:${opts.provider.kind}:${opts.provider.baseUrl}:${opts.model}:${JSON.stringify(reference)}`,
    batched: true,
    async score(problem: string, steps: readonly string[], options: ScoreOptions = {}): Promise<StepScore[]> {
      const which = options.which ?? steps.map((_, i) => i);
      const result = await pass(problem, steps, options.signal);
      if ('tooLong' in result) return which.map(() => ({ score: 0.5, scorer: 'reference', method, abstained: true, evidence: { note: result.tooLong } }));
      return which.map((k) => toScore(result.verdicts.get(k), k, result.text));
    },
  };
}
