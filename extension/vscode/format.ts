// Text the editor surfaces show (inline scores, hovers, CodeLens, tree labels). Pure functions, no `vscode`.
import { unscoredReasons, verdictLabel, type Evidence, type SearchNode, type Verdict, type VerifiedStep, type VerifyResult } from '../engine/index';
import { truncate } from './ranges';

const VERDICT_MARK: Record<Verdict, string> = { ok: '✓', doubtful: '?', wrong: '✗', unscored: '–' };

type ShownStep = Pick<VerifiedStep, 'index' | 'score' | 'verdict' | 'unscoredReason'>;

export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '–';
}

/** The inline text after a step, e.g. `Stepwise ✗ step 2 · 0.12 wrong ⟵ first error` or `Stepwise – step 3 · unchecked`. */
export function inlineScoreText(step: ShownStep, opts: { firstError?: boolean; stale?: boolean } = {}): string {
  const n = step.index + 1;
  if (opts.stale) return `Stepwise · step ${n} · stale (edited since verified)`;
  if (step.verdict === 'unscored') return `Stepwise ${VERDICT_MARK.unscored} step ${n} · ${verdictLabel(step)} (no verdict)`;
  return `Stepwise ${VERDICT_MARK[step.verdict]} step ${n} · ${formatScore(step.score)} ${step.verdict}${opts.firstError ? ' ⟵ first error' : ''}`;
}

/** Escapes text so Markdown renders it literally (model output must never become links, HTML or formatting). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~$])/g, '\\$1');
}

function inlineCode(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const fence = flat.includes('`') ? '`` ' : '`';
  return `${fence}${flat}${fence === '`` ' ? ' ``' : '`'}`;
}

function evidenceLines(e: Evidence): string[] {
  const lines: string[] = [];
  if (e.top?.length) {
    const top = e.top
      .slice(0, 6)
      .map((t) => `${inlineCode(JSON.stringify(t.token))} ${Math.exp(t.logprob).toFixed(3)}`)
      .join(', ');
    lines.push(`Top tokens: ${top}`);
  }
  if (e.yesMass !== undefined || e.noMass !== undefined) {
    lines.push(`Mass: yes ${formatScore(e.yesMass ?? 0)} · no ${formatScore(e.noMass ?? 0)}`);
  }
  if (e.samples?.length) lines.push(`Sampled verdicts: ${e.samples.map((s) => escapeMarkdown(truncate(s, 20))).join(', ')}`);
  if (e.probs?.length) lines.push(`Class probabilities: ${e.probs.map(formatScore).join(' / ')}`);
  for (const c of e.claims ?? []) {
    lines.push(`${c.ok ? '✓' : '✗'} ${inlineCode(c.expression)}: ${c.note ? escapeMarkdown(c.note) : `computed ${c.computed}, stated ${c.stated}`}`);
  }
  if (e.text) lines.push(`Model said: ${escapeMarkdown(truncate(e.text, 300))}`);
  if (e.note) lines.push(`Note: ${escapeMarkdown(e.note)}`);
  return lines;
}

/** The hover over a verified step: verdict, score, how it was read and the evidence. Markdown, model text escaped. */
export function stepHoverMarkdown(step: VerifiedStep, opts: { threshold: number; stale?: boolean }): string {
  const score = step.verdict === 'unscored' ? 'no verdict' : formatScore(step.score);
  const head = `**Stepwise · step ${step.index + 1}: ${verdictLabel(step)}** (${score}, threshold ${formatScore(opts.threshold)})`;
  const lines = [head, '', `Scorer: ${escapeMarkdown(step.scorer)} · ${escapeMarkdown(step.method)}`];
  if (step.verdict === 'unscored') {
    const why = step.unscoredReason === 'nothing to check' ? 'the checker found no claim it could check in this step' : step.unscoredReason ?? 'the scorer gave no verdict';
    lines.push('', `No verdict: ${escapeMarkdown(why)}. This step is neither passed nor failed.`);
  }
  const evidence = evidenceLines(step.evidence ?? {});
  if (evidence.length) lines.push('', ...evidence.map((l) => `- ${l}`));
  if (opts.stale) lines.push('', '_The step was edited after it was verified: run Verify Steps again._');
  return lines.join('\n');
}

export function diagnosticMessage(step: ShownStep, firstError: boolean): string {
  if (step.verdict === 'unscored') return `Step ${step.index + 1} got no verdict (${verdictLabel(step)}): ${step.unscoredReason ?? 'the scorer gave no verdict'}.`;
  const kind = step.verdict === 'wrong' ? 'is likely wrong' : 'is doubtful';
  return `Step ${step.index + 1} ${kind} (score ${formatScore(step.score)})${firstError ? ': the earliest error in this solution' : ''}.`;
}

/**
 * The CodeLens above a verified solution, e.g. `Stepwise: 5 steps · 1 wrong · 2 no verdict (nothing to check: 2) ·
 * verify again`, or `Stepwise: unverified, no step got a verdict (…) · verify again`.
 */
export function codeLensTitle(result: Pick<VerifyResult, 'steps' | 'outcome'>, staleCount: number): string {
  const steps = result.steps;
  const missing = steps.filter((s) => s.verdict === 'unscored');
  const parts: string[] = [];
  if (result.outcome === 'unverified') {
    parts.push(`unverified, no step of ${steps.length} got a verdict (${unscoredReasons(missing)})`);
  } else {
    const wrong = steps.filter((s) => s.verdict === 'wrong').length;
    const doubtful = steps.filter((s) => s.verdict === 'doubtful').length;
    parts.push(`${steps.length} step${steps.length === 1 ? '' : 's'}`, `${wrong} wrong`);
    if (doubtful) parts.push(`${doubtful} doubtful`);
    if (missing.length) parts.push(`${missing.length} no verdict (${unscoredReasons(missing)})`);
  }
  if (staleCount) parts.push(`${staleCount} edited`);
  parts.push('verify again');
  return `Stepwise: ${parts.join(' · ')}`;
}

export type NodeKind = 'root' | 'selected' | 'pruned' | 'terminal' | 'wrong' | 'open';

/** How a search node is drawn in the tree: what kind, its label, description and tooltip (Markdown). */
export function describeNode(node: SearchNode, onBestPath: boolean, threshold: number): { kind: NodeKind; label: string; description: string; tooltip: string } {
  const score = node.score?.score;
  let kind: NodeKind;
  if (node.depth === 0) kind = 'root';
  else if (node.status === 'pruned') kind = 'pruned';
  else if (score !== undefined && score < threshold) kind = 'wrong';
  else if (node.status === 'selected' || onBestPath) kind = 'selected';
  else if (node.status === 'terminal') kind = 'terminal';
  else kind = 'open';
  const label = node.depth === 0 ? `Problem: ${truncate(node.text, 48)}` : truncate(node.text, 48) || '(empty step)';
  const parts: string[] = [];
  if (score !== undefined) parts.push(formatScore(score));
  if (node.pathScore !== undefined && node.depth > 0) parts.push(`path ${formatScore(node.pathScore)}`);
  if (node.answer) parts.push(`→ ${truncate(node.answer, 16)}`);
  if (node.visits !== undefined) parts.push(`${node.visits} visits`);
  const tip = [`**${node.depth === 0 ? 'Problem' : `Step at depth ${node.depth}`}** · ${node.id} · ${node.status}`, '', escapeMarkdown(node.text)];
  const facts: string[] = [];
  if (score !== undefined) facts.push(`Step score: ${formatScore(score)} (${escapeMarkdown(node.score!.method)})`);
  if (node.pathScore !== undefined) facts.push(`Path score: ${formatScore(node.pathScore)}`);
  if (node.answer) facts.push(`Answer: ${escapeMarkdown(node.answer)}`);
  if (node.pruneReason) facts.push(`Pruned: ${escapeMarkdown(node.pruneReason)}`);
  if (node.note) facts.push(`Note: ${escapeMarkdown(node.note)}`);
  if (node.rollouts) facts.push(`Rollouts: ${node.rollouts.count}, answers ${escapeMarkdown(node.rollouts.answers.join(', ') || 'none')}`);
  if (node.visits !== undefined) facts.push(`Visits: ${node.visits}, value ${formatScore(node.value ?? NaN)}`);
  if (node.tokens || node.ms) facts.push(`${node.tokens} tokens · ${node.ms} ms`);
  if (facts.length) tip.push('', ...facts.map((f) => `- ${f}`));
  return { kind, label, description: parts.join(' · '), tooltip: tip.join('\n') };
}
