// Pure view models: what each section shows, computed from protocol data without touching the DOM.
import type { Correction, SearchResult, SearchStats, VerifiedStep, VerifyResult } from '../extension/protocol';

/** `unscored`: the scorer could not judge the step (contract 1); shown grey with its reason, never as a pass. */
export type Verdict = 'ok' | 'doubtful' | 'wrong' | 'unscored';

/** The word shown for a verdict. The arithmetic checker's "nothing to check" reads "unchecked". */
export function verdictWord(verdict: Verdict, reason?: string): string {
  if (verdict !== 'unscored') return verdict;
  return reason === 'nothing to check' ? 'unchecked' : 'no verdict';
}

export interface PathStepView {
  index: number;
  text: string;
  score: number;
  /** The score as shown, e.g. "0.93". */
  scoreLabel: string;
  verdict: Verdict;
  /** What the verdict reads as ("ok", "wrong", "unchecked", "no verdict"). */
  verdictLabel: string;
  /** Why a step has no verdict. */
  unscoredReason?: string;
  isFirstError: boolean;
  nodeId?: string;
  /** Lines shown when the step is expanded: how the score was read and what the scorer saw. */
  evidence: { label: string; value: string }[];
}

/** The engine's rule (scorers/scorer.ts `verdictFor`), repeated because the webview imports no engine code. */
export function verdictFor(score: number, threshold: number): Exclude<Verdict, 'unscored'> {
  if (score < threshold) return 'wrong';
  return score < Math.min(0.9, threshold + 0.25) ? 'doubtful' : 'ok';
}

export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '–';
}

export function verificationSteps(result: VerifyResult): PathStepView[] {
  return result.steps.map((s) => {
    // Until every engine build carries contract 1's fields, read them loosely.
    const step = s as unknown as { verdict: string; score: number | null; abstained?: boolean; unscoredReason?: string; evidence?: { note?: string } };
    const unscored = step.verdict === 'unscored' || !!step.abstained || step.score === null;
    const reason = unscored ? (step.unscoredReason ?? step.evidence?.note ?? 'the scorer could not judge this step') : undefined;
    const verdict: Verdict = unscored ? 'unscored' : (step.verdict as Verdict);
    const score = unscored ? NaN : (step.score as number);
    return {
      index: s.index,
      text: s.text,
      score,
      scoreLabel: formatScore(score),
      verdict,
      verdictLabel: verdictWord(verdict, reason),
      unscoredReason: reason,
      isFirstError: s.index === result.firstError,
      evidence: evidenceLines(s),
    };
  });
}

/** Steps of a search path: the finished result's, or the live best path from the node table. */
export function searchPathSteps(
  path: { nodeId: string; text: string; score: number | undefined; abstained?: boolean; note?: string }[],
  threshold: number,
): PathStepView[] {
  let firstError = -1;
  return path.map((p, index) => {
    const score = p.abstained ? NaN : (p.score ?? NaN);
    const verdict: Verdict = Number.isFinite(score) ? verdictFor(score, threshold) : 'unscored';
    const reason = verdict === 'unscored' ? (p.abstained ? (p.note ?? 'the scorer could not judge this step') : 'not scored yet') : undefined;
    const isFirstError = verdict === 'wrong' && firstError < 0;
    if (isFirstError) firstError = index;
    return { index, text: p.text, score, scoreLabel: formatScore(score), verdict, verdictLabel: verdictWord(verdict, reason), unscoredReason: reason, isFirstError, nodeId: p.nodeId, evidence: [] };
  });
}

export function resultPath(result: SearchResult): { nodeId: string; text: string; score: number | undefined; abstained?: boolean }[] {
  return result.steps.map((s) => {
    const unscored = s.verdict === 'unscored' || s.score === null;
    return { nodeId: s.nodeId, text: s.text, score: unscored ? undefined : (s.score ?? undefined), abstained: unscored };
  });
}

export function evidenceLines(step: Pick<VerifiedStep, 'scorer' | 'method' | 'evidence'>): { label: string; value: string }[] {
  const e = step.evidence ?? {};
  const lines = [{ label: 'Scorer', value: `${step.scorer}: ${step.method}` }];
  if (e.note) lines.push({ label: 'Note', value: e.note });
  if (e.text) lines.push({ label: 'Model wrote', value: e.text });
  if (e.yesMass !== undefined || e.noMass !== undefined) {
    lines.push({ label: 'Mass', value: `yes ${fmt(e.yesMass)} · no ${fmt(e.noMass)}` });
  }
  if (e.top?.length) {
    const top = e.top.slice(0, 8).map((t) => `${JSON.stringify(t.token)} ${Math.exp(t.logprob).toFixed(3)}`);
    lines.push({ label: 'Top tokens', value: top.join(', ') });
  }
  if (e.samples?.length) lines.push({ label: `Samples (${e.samples.length})`, value: e.samples.join(' · ') });
  if (e.probs?.length) lines.push({ label: 'Class probabilities', value: e.probs.map((p) => p.toFixed(3)).join(' / ') });
  for (const c of e.claims ?? []) {
    lines.push({ label: c.ok ? 'Claim ✓' : 'Claim ✗', value: c.note ?? `${c.expression} (computed ${c.computed}, stated ${c.stated})` });
  }
  return lines;
}

const fmt = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(3));

export interface ChartGeometry {
  width: number;
  height: number;
  points: { x: number; y: number; verdict: Verdict; index: number; score: number }[];
  thresholdY: number;
  /** SVG polyline `points` attribute. */
  line: string;
}

/** Scores along the path as chart coordinates: x by step, y = 1 at the top, 0 at the bottom. */
export function chartGeometry(steps: PathStepView[], threshold: number, width = 600, height = 120, pad = 8): ChartGeometry {
  const scored = steps.filter((s) => Number.isFinite(s.score));
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const y = (v: number) => pad + (1 - Math.min(1, Math.max(0, v))) * innerH;
  const n = Math.max(1, steps.length - 1);
  const points = scored.map((s) => ({
    x: round(pad + (steps.length === 1 ? innerW / 2 : (s.index / n) * innerW)),
    y: round(y(s.score)),
    verdict: s.verdict,
    index: s.index,
    score: s.score,
  }));
  return { width, height, points, thresholdY: round(y(threshold)), line: points.map((p) => `${p.x},${p.y}`).join(' ') };
}

const round = (v: number) => Math.round(v * 10) / 10;

export function verificationStats(result: VerifyResult): { label: string; value: string }[] {
  const wrong = result.steps.filter((s) => s.verdict === 'wrong').length;
  const unscored = verificationSteps(result).filter((s) => s.verdict === 'unscored').length;
  const summary = (result as VerifyResult & { summary?: string }).summary;
  return [
    ...(summary ? [{ label: 'Outcome', value: summary }] : []),
    { label: 'Solution score', value: `${formatScore(result.solutionScore)} (${result.aggregation})` },
    { label: 'Scorer', value: result.scorer },
    { label: 'Threshold', value: formatScore(result.threshold) },
    { label: 'Steps', value: `${result.steps.length} (${wrong} below threshold${unscored ? `, ${unscored} without a verdict` : ''})` },
    { label: 'First error', value: result.firstError < 0 ? 'none' : `step ${result.firstError + 1}` },
  ];
}

export function searchStats(strategy: string, stats: SearchStats | undefined, nodeCount: number, stoppedBy?: string): { label: string; value: string }[] {
  const lines = [
    { label: 'Strategy', value: strategy },
    { label: 'Nodes', value: String(nodeCount) },
  ];
  if (stats) {
    lines.push(
      { label: 'Calls', value: `${stats.calls} (${stats.generationCalls} generate, ${stats.scoringCalls} score)` },
      { label: 'Tokens', value: `${stats.promptTokens + stats.completionTokens} (${stats.promptTokens} prompt, ${stats.completionTokens} completion)` },
      { label: 'Time', value: formatMs(stats.wallMs) },
      { label: 'Cache hits', value: String(stats.cacheHits) },
    );
  }
  if (stoppedBy) lines.push({ label: 'Stopped by', value: stoppedBy });
  return lines;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export interface CorrectionView {
  stepIndex: number;
  original: { text: string; scoreLabel: string };
  replacement: { text: string; scoreLabel: string };
  tail: { text: string; scoreLabel: string }[];
  reason: string;
  answer?: string;
  improved: boolean;
}

export function correctionViews(corrections: Record<number, Correction>): CorrectionView[] {
  return Object.values(corrections)
    .sort((a, b) => a.weakIndex - b.weakIndex)
    .map((c) => ({
      stepIndex: c.weakIndex,
      original: { text: c.original.text, scoreLabel: formatScore(c.original.score) },
      replacement: { text: c.replacement.text, scoreLabel: formatScore(c.replacement.score) },
      tail: c.tail.map((t) => ({ text: t.text, scoreLabel: formatScore(t.score) })),
      reason: c.reason,
      answer: c.answer,
      improved: c.improved,
    }));
}
