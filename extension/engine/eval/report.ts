/**
 * The self-contained HTML report of `eval bestofn`: inline CSS, an inline SVG plot of accuracy versus N
 * (log2 x-axis) and tables. No script, no external resource; every piece of data text is escaped.
 */
import { RULE_LABELS, SELECTION_RULES, type CurvePoint } from './curve';
import type { BestOfNEvalResults } from './summary';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const SERIES: { key: keyof Omit<CurvePoint, 'n' | 'exact'>; label: string; color: string; dashed?: boolean }[] = [
  { key: 'majority', label: RULE_LABELS.majority, color: '#1f77b4' },
  { key: 'prmBest', label: RULE_LABELS.prmBest, color: '#d62728' },
  { key: 'weighted', label: RULE_LABELS.weighted, color: '#2ca02c' },
  { key: 'coverage', label: 'any sample correct', color: '#888888', dashed: true },
];

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1000px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: right; vertical-align: top; }
th { background: #f4f4f4; } td.text, th.text { text-align: left; }
td.problem { max-width: 380px; white-space: pre-wrap; word-break: break-word; }
.ok { color: #1a7f37; } .bad { color: #c0392b; }
.note { color: #555; font-size: .9em; } .partial { color: #c0392b; font-weight: bold; }
svg text { font: 12px system-ui, sans-serif; fill: #333; }
@media (prefers-color-scheme: dark) {
  body { background: #1e1e1e; color: #ddd; } th { background: #2d2d2d; } th, td { border-color: #444; }
  svg text { fill: #ccc; } .note { color: #aaa; }
}`;

const pct = (v: number) => v.toFixed(1);

/** Accuracy (percent) versus N on a log2 x-axis, one polyline per rule. */
export function renderPlot(curve: readonly CurvePoint[]): string {
  const W = 640, H = 340, left = 52, right = 190, top = 16, bottom = 44;
  const plotW = W - left - right, plotH = H - top - bottom;
  const maxLog = Math.max(1, Math.log2(Math.max(1, ...curve.map((p) => p.n))));
  const x = (n: number) => left + (curve.length > 1 || n > 1 ? (Math.log2(n) / maxLog) * plotW : plotW / 2);
  const y = (v: number) => top + plotH - (v / 100) * plotH;
  const parts: string[] = [];
  for (const v of [0, 25, 50, 75, 100]) {
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#8884" />`);
    parts.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${v}%</text>`);
  }
  for (const p of curve) {
    parts.push(`<line x1="${x(p.n)}" x2="${x(p.n)}" y1="${top + plotH}" y2="${top + plotH + 5}" stroke="#888" />`);
    parts.push(`<text x="${x(p.n)}" y="${top + plotH + 18}" text-anchor="middle">${p.n}</text>`);
  }
  parts.push(`<text x="${left + plotW / 2}" y="${H - 6}" text-anchor="middle">N (solutions per problem, log scale)</text>`);
  parts.push(`<text transform="translate(14 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">accuracy</text>`);
  const dashOf = (s: (typeof SERIES)[number]) => (s.dashed ? ' stroke-dasharray="5 4"' : '');
  // The ceiling first, so the three rules are drawn over it where they meet.
  for (const s of [...SERIES].reverse()) {
    const points = curve.map((p) => `${x(p.n).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join(' ');
    parts.push(`<polyline class="series-${s.key}" fill="none" stroke="${s.color}" stroke-width="2"${dashOf(s)} points="${points}" />`);
    for (const p of curve) {
      parts.push(`<circle cx="${x(p.n).toFixed(1)}" cy="${y(p[s.key]).toFixed(1)}" r="3" fill="${s.color}"><title>${escapeHtml(`${s.label}, N = ${p.n}: ${pct(p[s.key])}%`)}</title></circle>`);
    }
  }
  SERIES.forEach((s, i) => {
    const dash = dashOf(s);
    const ly = top + 10 + i * 20;
    parts.push(`<line x1="${left + plotW + 16}" x2="${left + plotW + 40}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash} />`);
    parts.push(`<text x="${left + plotW + 46}" y="${ly + 4}">${escapeHtml(s.label)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Accuracy versus N">\n<title>Accuracy versus N</title>\n${parts.join('\n')}\n</svg>`;
}

function curveTable(curve: readonly CurvePoint[]): string {
  const head = `<tr><th>N</th>${SERIES.map((s) => `<th>${escapeHtml(s.label)}</th>`).join('')}<th class="text">subsets</th></tr>`;
  const rows = curve.map((p) => `<tr><td>${p.n}</td>${SERIES.map((s) => `<td>${pct(p[s.key])}</td>`).join('')}<td class="text">${p.exact ? 'all' : 'sampled'}</td></tr>`);
  return `<table class="curve">${head}${rows.join('')}</table>`;
}

function pick(p: { answer?: string; correct: boolean }): string {
  const mark = p.correct ? '<span class="ok">✓</span>' : '<span class="bad">✗</span>';
  return `${p.answer === undefined ? '<em>none</em>' : escapeHtml(p.answer)} ${mark}`;
}

function problemsTable(results: BestOfNEvalResults): string {
  const head =
    '<tr><th class="text">id</th><th class="text">problem</th><th class="text">reference</th>' +
    SELECTION_RULES.map((r) => `<th class="text">${escapeHtml(RULE_LABELS[r])} @${results.settings.n}</th>`).join('') +
    '<th>samples right</th><th>requests</th><th>tokens</th></tr>';
  const rows = results.perProblem.map(
    (p) =>
      `<tr><td class="text">${escapeHtml(p.id)}</td><td class="text problem">${escapeHtml(truncate(p.problem, 400))}</td>` +
      `<td class="text">${escapeHtml(p.reference)}</td>` +
      SELECTION_RULES.map((r) => `<td class="text">${pick(p.picks[r])}</td>`).join('') +
      `<td>${pct(p.sampleAccuracy)}%</td><td>${p.requests}</td><td>${p.tokens}</td></tr>`,
  );
  return `<table class="problems">${head}${rows.join('')}</table>`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export function renderBestOfNReport(results: BestOfNEvalResults): string {
  const s = results.settings;
  const c = results.costPerProblem;
  const title = `Best-of-N: ${results.name}`;
  const settings = [
    ['problems', String(results.problems)],
    ['N', String(s.n)],
    ['policy model', s.policyModel],
    ['scorer', `${s.scorer} (${s.verifierModel})`],
    ['aggregation', s.aggregation],
    ['temperature', String(s.temperature)],
    ['seed', String(s.seed)],
    ['max steps', String(s.maxDepth)],
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="note">${escapeHtml(results.file)}</p>
${results.complete ? '' : '<p class="partial">Partial run: only the problems finished so far are counted.</p>'}
<table class="settings">${settings.map(([k, v]) => `<tr><th class="text">${escapeHtml(k)}</th><td class="text">${escapeHtml(v)}</td></tr>`).join('')}</table>
<h2>Accuracy versus N</h2>
${renderPlot(results.curve)}
${curveTable(results.curve)}
<p class="note">${escapeHtml(results.subsampling)} Majority vote counts answers; PRM-best takes the highest-scored solution; PRM-weighted vote sums the scores of the solutions with each answer. Solutions without a final answer never win.</p>
<h2>Cost per problem (all ${s.n} solutions)</h2>
<table class="cost">
<tr><th class="text">requests</th><td>${c.requests.toFixed(1)}</td><td class="text">${c.generationRequests.toFixed(1)} generation + ${c.scoringRequests.toFixed(1)} scoring</td></tr>
<tr><th class="text">policy tokens</th><td>${(c.promptTokens + c.completionTokens).toFixed(0)}</td><td class="text">${c.promptTokens.toFixed(0)} prompt + ${c.completionTokens.toFixed(0)} completion</td></tr>
<tr><th class="text">time</th><td>${c.seconds.toFixed(1)} s</td><td class="text">wall time per problem, with other problems running at once</td></tr>
</table>
<h2>Problems</h2>
${problemsTable(results)}
</body>
</html>
`;
}
