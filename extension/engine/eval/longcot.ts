// Error detection in long chains of thought, on DeltaBench-layout items: `question`, `long_cot`, `sections` as a
// list of `{start, end, description, content}` and `reason_error_section_numbers` (counted from 1).
//
// Each human section is judged in itself given the problem and the human sections before it (as DeltaBench's
// annotators judged them); a section predicted wrong is one scored under the threshold (a section without a
// verdict is never a prediction, and is counted). Reported: section-level precision, recall and F1 over all items
// (micro), the mean of per-item F1 (macro), and how well the automatic sections (trace/sections.ts) agree with
// the human ones: boundary precision/recall/F1, a boundary counting as found within `tolerance` characters.
//
// Human sections are located in `long_cot` by their `content` (searched from where the previous one ended);
// when a content cannot be found, `start`/`end` are read as paragraph numbers (from 1, inclusive) of `long_cot`
// split at blank lines.
import { readFile } from 'node:fs/promises';
import { InvalidOptions } from '../errors';
import type { Scorer } from '../scorers/scorer';
import type { Span } from '../steps/types';
import { splitTrace } from '../trace/sections';
import type { TraceSection } from '../trace/types';
import { verifyTraceSections } from '../trace/verify';

export interface LongcotItem {
  id: string;
  question: string;
  long_cot: string;
  sections: { start: number; end: number; description?: string; content: string }[];
  /** 1-based. */
  reason_error_section_numbers: number[];
}

export interface LongcotItemResult {
  id: string;
  /** 1-based, as the benchmark counts. */
  predicted: number[];
  gold: number[];
  scores: (number | null)[];
  unscored: number;
  /** Starts (characters into long_cot) of the human and the automatic sections after the first. */
  humanBoundaries: number[];
  autoBoundaries: number[];
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export interface LongcotMetrics extends PRF {
  items: number;
  sections: number;
  errorSections: number;
  unscoredSections: number;
  macroF1: number;
  segmentation: PRF & { tolerance: number; humanSections: number; autoSections: number };
}

export function parseLongcotItems(text: string, source = 'the file'): LongcotItem[] {
  const trimmed = text.trim();
  let raw: unknown[];
  try {
    raw = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : trimmed.split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  } catch (err) {
    throw new InvalidOptions(`${source} is neither a JSON array nor JSON lines: ${(err as Error).message}`);
  }
  return raw.map((r, k) => {
    const item = r as Partial<LongcotItem> & { id?: unknown };
    if (typeof item.question !== 'string' || typeof item.long_cot !== 'string' || !Array.isArray(item.sections) || !Array.isArray(item.reason_error_section_numbers)) {
      throw new InvalidOptions(`Item ${k + 1} of ${source} needs question, long_cot, sections and reason_error_section_numbers (DeltaBench layout).`);
    }
    return { ...(item as LongcotItem), id: item.id !== undefined ? String(item.id) : String(k + 1) };
  });
}

export async function loadLongcotItems(file: string): Promise<LongcotItem[]> {
  return parseLongcotItems(await readFile(file, 'utf8'), file);
}

/** The human sections as spans of long_cot. */
export function humanSections(item: LongcotItem): TraceSection[] {
  const paragraphs = paragraphSpans(item.long_cot);
  let from = 0;
  return item.sections.map((s, index) => {
    const content = s.content.trim();
    const at = content ? item.long_cot.indexOf(content, from) : -1;
    let span: Span;
    if (at >= 0) span = { start: at, end: at + content.length };
    else {
      const first = paragraphs[Math.max(0, Math.min(paragraphs.length - 1, s.start - 1))];
      const last = paragraphs[Math.max(0, Math.min(paragraphs.length - 1, s.end - 1))];
      span = { start: first?.start ?? from, end: last?.end ?? from };
    }
    from = Math.max(from, span.end);
    return { index, kind: 'attempt' as const, ...span, text: item.long_cot.slice(span.start, span.end) };
  });
}

export interface RunLongcotOptions {
  scorer: Scorer;
  threshold: number;
  tolerance?: number;
  signal?: AbortSignal;
  onItem?: (result: LongcotItemResult, done: number, total: number) => void;
}

export async function runLongcotEval(items: readonly LongcotItem[], opts: RunLongcotOptions): Promise<{ results: LongcotItemResult[]; metrics: LongcotMetrics }> {
  const results: LongcotItemResult[] = [];
  for (const item of items) {
    const human = humanSections(item);
    const whole = { start: 0, end: item.long_cot.length, form: 'long_cot', answer: null };
    const trace = await verifyTraceSections({ problem: item.question, span: whole, sections: human, scorer: opts.scorer, threshold: opts.threshold, signal: opts.signal });
    const auto = splitTrace(item.long_cot, whole);
    const result: LongcotItemResult = {
      id: item.id,
      predicted: trace.sections.filter((s) => s.verdict === 'wrong').map((s) => s.index + 1),
      gold: [...item.reason_error_section_numbers].sort((a, b) => a - b),
      scores: trace.sections.map((s) => s.score),
      unscored: trace.unscored,
      humanBoundaries: human.slice(1).map((s) => s.start),
      autoBoundaries: auto.slice(1).map((s) => s.start),
    };
    results.push(result);
    opts.onItem?.(result, results.length, items.length);
  }
  return { results, metrics: longcotMetrics(results, opts.tolerance ?? 100) };
}

export function longcotMetrics(results: readonly LongcotItemResult[], tolerance: number): LongcotMetrics {
  let tp = 0, fp = 0, fn = 0, sections = 0, errorSections = 0, unscored = 0, macro = 0;
  let bTp = 0, humanB = 0, autoB = 0, humanSections = 0, autoSections = 0;
  for (const r of results) {
    const gold = new Set(r.gold);
    const hits = r.predicted.filter((p) => gold.has(p)).length;
    tp += hits;
    fp += r.predicted.length - hits;
    fn += gold.size - hits;
    sections += r.scores.length;
    errorSections += gold.size;
    unscored += r.unscored;
    macro += prf(hits, r.predicted.length - hits, gold.size - hits).f1;
    bTp += matchedBoundaries(r.humanBoundaries, r.autoBoundaries, tolerance);
    humanB += r.humanBoundaries.length;
    autoB += r.autoBoundaries.length;
    humanSections += r.humanBoundaries.length + 1;
    autoSections += r.autoBoundaries.length + 1;
  }
  const seg = prf(bTp, autoB - bTp, humanB - bTp);
  return {
    items: results.length,
    sections,
    errorSections,
    unscoredSections: unscored,
    ...prf(tp, fp, fn),
    macroF1: results.length ? macro / results.length : 0,
    segmentation: { ...seg, tolerance, humanSections, autoSections },
  };
}

/** Precision, recall, F1 in [0, 1]; an empty side counts as perfect only when the other is empty too. */
export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** One-to-one matches between sorted boundary lists within `tolerance` (two pointers: linear). */
export function matchedBoundaries(human: readonly number[], auto: readonly number[], tolerance: number): number {
  let i = 0, j = 0, matched = 0;
  while (i < human.length && j < auto.length) {
    const d = auto[j] - human[i];
    if (Math.abs(d) <= tolerance) {
      matched++;
      i++;
      j++;
    } else if (d < 0) j++;
    else i++;
  }
  return matched;
}

function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /\n[ \t]*\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    spans.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  spans.push({ start, end: text.length });
  return spans;
}
