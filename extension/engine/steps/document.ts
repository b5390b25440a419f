// Reads a whole document (editor buffer or CLI file) as a problem and an optional solution,
// without asking the user to reformat. Every range is an offset into the ORIGINAL text.
//
// Layouts, tried in order (after dropping a leading YAML front matter block):
//  - "markdown-headings" / "labels": a `## Problem` heading or `Problem:` label (or Question, Task,
//    Exercise), then a `## Solution` heading or `Solution:` label (or Answer, Steps, Proof). Headings
//    and labels may be mixed; the layout is named after the problem marker. Without a solution marker
//    the solution starts at the first step heading/label; failing that, a heading-marked problem runs
//    to the next heading, a label-marked one is its first paragraph (the rest is the solution).
//    A solution marker without any problem marker makes everything above it the problem (for a bare
//    `Answer:` only when that is a single paragraph, since "Answer: 42" often ends a solution).
//  - "steps-only": no markers and the text opens with a step heading/label: no problem.
//  - "reasoning-trace": a `<think>` block (or `<thinking>`, `<reasoning>`, a lone `</think>`, a
//    "Thinking…"/"Answer" pair; see trace/detect.ts): the prompt before it is the problem (its Problem or
//    User turn when marked), the text after it the final answer, whose steps are the solution's.
//  - "first-paragraph": no markers: the first paragraph is the problem, the rest the solution
//    (a leading title heading such as `# Homework 3` is skipped).
// An empty solution is `solution: null, steps: []`.
import type { ParsedDocument, Span } from './types';
import { segmentSteps } from './segment';
import { scanLines, type ScannedLine, type SectionMarker } from './sections';
import { findTrace, type FoundTrace } from '../trace/detect';

export function parseDocument(text: string): ParsedDocument {
  return parseRange(text, frontMatterEnd(text), text.length);
}

/**
 * The part of a document the user selected (offsets into `text`; an empty selection reads the
 * whole document):
 *  - entirely after the document's problem (only steps selected): the problem is the document's,
 *    the selection is the solution ("selection-steps");
 *  - entirely inside the problem: the selection is the problem, with no solution, so a search can
 *    write one ("selection-problem");
 *  - anything else (problem and solution both selected, or no problem found): the selection is read
 *    as a document of its own ("selection-" + its layout).
 */
export function parseSelection(text: string, selectionStart: number, selectionEnd: number): ParsedDocument {
  const from = Math.max(0, Math.min(selectionStart, selectionEnd));
  const to = Math.min(text.length, Math.max(selectionStart, selectionEnd));
  const whole = parseDocument(text);
  const selected = trimSpan(text, from, to);
  if (selected.start === selected.end) return whole;
  const problem = whole.problem;
  if (problem && selected.start >= problem.end) {
    // A selection that starts on the `## Solution` line itself begins where the solution does.
    const start = whole.solution && selected.start < whole.solution.start ? whole.solution.start : selected.start;
    const solution = trimSpan(text, start, selected.end);
    const trace = solution.start < solution.end ? findTrace(text, solution.start, solution.end) : null;
    if (trace) return withTrace(text, problem, trace, 'selection-steps');
    if (solution.start < solution.end) {
      return { problem, solution, steps: segmentSteps(text.slice(solution.start, solution.end), solution.start), layout: 'selection-steps' };
    }
  }
  if (problem && selected.start >= problem.start && selected.end <= problem.end) {
    return { problem: { ...selected, text: text.slice(selected.start, selected.end) }, solution: null, steps: [], layout: 'selection-problem' };
  }
  const inner = parseRange(text, Math.max(from, frontMatterEnd(text)), to);
  return { ...inner, layout: `selection-${inner.layout}` };
}

function parseRange(text: string, from: number, to: number): ParsedDocument {
  const trace = findTrace(text, from, to);
  if (trace) return parseTraceDocument(text, from, trace);
  const lines = scanLines(text, from, to);
  const problemMarker = lines.find((l) => l.marker?.kind === 'problem')?.marker ?? null;
  if (problemMarker) return withProblemMarker(text, lines, problemMarker, to);

  const solutionMarker = lines.find((l) => l.marker?.kind === 'solution')?.marker ?? null;
  if (solutionMarker && acceptsBareSolution(text, from, solutionMarker)) {
    const layout = solutionMarker.form === 'heading' ? 'markdown-headings' : 'labels';
    return build(text, from, solutionMarker.lineStart, solutionMarker.contentStart, to, layout);
  }

  const first = lines.find((l) => !l.blank);
  if (!first) return { problem: null, solution: null, steps: [], layout: 'empty' };
  if (first.stepMarker) return build(text, from, from, from, to, 'steps-only');
  // A title heading above the problem is not part of it.
  const bodyStart = first.otherHeading ? first.end : from;
  const steps = segmentSteps(text.slice(bodyStart, to), bodyStart);
  if (steps.length === 0) return { problem: null, solution: null, steps: [], layout: 'empty' };
  const rest = steps.length > 1 ? steps[1].start : to;
  return build(text, steps[0].start, steps[0].end, rest, to, 'first-paragraph');
}

function withProblemMarker(text: string, lines: ScannedLine[], marker: SectionMarker, to: number): ParsedDocument {
  const layout = marker.form === 'heading' ? 'markdown-headings' : 'labels';
  const after = lines.filter((l) => l.start >= marker.contentStart);
  const solution = after.find((l) => l.marker?.kind === 'solution')?.marker;
  if (solution) return build(text, marker.contentStart, solution.lineStart, solution.contentStart, to, layout);
  const firstStep = after.find((l) => l.stepMarker);
  if (firstStep) return build(text, marker.contentStart, firstStep.start, firstStep.start, to, layout);
  if (marker.form === 'heading') {
    const nextHeading = after.find((l) => l.otherHeading);
    const end = nextHeading ? nextHeading.start : to;
    return build(text, marker.contentStart, end, nextHeading ? nextHeading.end : to, to, layout);
  }
  const steps = segmentSteps(text.slice(marker.contentStart, to), marker.contentStart);
  if (steps.length === 0) return { problem: null, solution: null, steps: [], layout };
  return build(text, marker.contentStart, steps[0].end, steps.length > 1 ? steps[1].start : to, to, layout);
}

/** The prompt before a reasoning trace is the problem; a lone `</think>` trace starts where the head's solution does. */
function parseTraceDocument(text: string, from: number, found: FoundTrace): ParsedDocument {
  if (found.form.startsWith('</')) {
    const head = parseRange(text, from, found.end);
    const start = head.solution?.start ?? head.problem?.start ?? found.start;
    return withTrace(text, head.problem, { ...found, start: Math.min(start, found.end) }, 'reasoning-trace');
  }
  const head = parseRange(text, from, found.openerStart);
  const marked = head.layout === 'markdown-headings' || head.layout === 'labels';
  const whole = trimSpan(text, from, found.openerStart);
  const problem = marked ? head.problem : whole.start < whole.end ? { ...whole, text: text.slice(whole.start, whole.end) } : null;
  return withTrace(text, problem, found, 'reasoning-trace');
}

function withTrace(text: string, problem: ParsedDocument['problem'], found: FoundTrace, layout: string): ParsedDocument {
  const { openerStart: _opener, ...trace } = found;
  const answer = found.answer;
  return { problem, solution: answer, steps: answer ? segmentSteps(text.slice(answer.start, answer.end), answer.start) : [], layout, trace };
}

/** A solution given without its problem (CLI `--problem`): its steps, or a trace and its answer's steps. */
export function parseSolution(text: string, problem: string): ParsedDocument {
  const found = findTrace(text);
  if (found) return withTrace(text, { text: problem, start: 0, end: 0 }, { ...found, start: found.form.startsWith('</') ? trimSpan(text, 0, found.end).start : found.start }, 'problem-given');
  return { problem: { text: problem, start: 0, end: 0 }, solution: { start: 0, end: text.length }, steps: segmentSteps(text), layout: 'problem-given' };
}

/** A bare `Answer:` often ends a solution; it splits problem from solution only below one paragraph. */
function acceptsBareSolution(text: string, from: number, marker: SectionMarker): boolean {
  if (!marker.answerOnly) return true;
  return segmentSteps(text.slice(from, marker.lineStart)).length <= 1;
}

/** Problem = [problemStart, problemEnd), solution = [solutionStart, to), both trimmed. */
function build(text: string, problemStart: number, problemEnd: number, solutionStart: number, to: number, layout: string): ParsedDocument {
  const p = trimSpan(text, problemStart, problemEnd);
  const s = trimSpan(text, solutionStart, to);
  const hasSolution = s.start < s.end;
  return {
    problem: p.start < p.end ? { ...p, text: text.slice(p.start, p.end) } : null,
    solution: hasSolution ? s : null,
    steps: hasSolution ? segmentSteps(text.slice(s.start, s.end), s.start) : [],
    layout,
  };
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** Offset just past a YAML front matter block (`---` … `---` or `...` at the very top), else 0. */
export function frontMatterEnd(text: string): number {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /^---[ \t]*\r?\n/.exec(text.slice(bom, bom + 8));
  if (!open) return 0;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  const rest = text.slice(bom + open[0].length);
  const m = close.exec(rest);
  return m ? bom + open[0].length + m.index + m[0].length : 0;
}
