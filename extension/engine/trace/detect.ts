// Finds a reasoning model's thinking in a text: `<think>…</think>` (DeepSeek-R1, QwQ, Qwen3), `<thinking>`,
// `<reasoning>`, a lone `</think>` (R1's chat template opens the tag in the prompt, so the output starts
// inside it), an opened tag never closed (a trace cut off before its answer), and a "Thinking…" line followed
// later by an "Answer" line (chat apps' copy of a thinking model's reply). A `Reasoning:` label is not one: it
// commonly heads an ordinary worked solution. Offsets are into the whole text.
import type { Span } from '../steps/types';
import type { TraceSpan } from './types';

const OPEN_TAG = /<(think|thinking|reasoning)>/i;
const THINKING_LINE = /^[ \t]*(?:\*\*|__|#{1,6}[ \t]+|>[ \t]*)?(?:thinking|thought for [^\n*]{1,40}|thought process)(?:…|\.\.\.)?[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*$/im;
const ANSWER_TITLE = /^[ \t]*(?:\*\*|__|#{1,6}[ \t]+)?(?:final )?answer[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*$/i;
const ANSWER_LINE = /^[ \t]*(?:\*\*|__|#{1,6}[ \t]+)?(?:final )?answer\b[^\n]*$/im;

export interface FoundTrace extends TraceSpan {
  /** Where the trace's opener (tag or "Thinking…" line) starts: what comes before it is the prompt. */
  openerStart: number;
}

/** The first reasoning trace in `text.slice(from, to)`, or null. */
export function findTrace(text: string, from = 0, to = text.length): FoundTrace | null {
  const slice = text.slice(from, to);
  const open = OPEN_TAG.exec(slice);
  if (open) {
    const name = open[1].toLowerCase();
    const contentStart = open.index + open[0].length;
    const close = new RegExp(`</${name}>`, 'i').exec(slice.slice(contentStart));
    if (!close) return make(text, from, to, open.index, contentStart, slice.length, null, `<${name}>`);
    const closeAt = contentStart + close.index;
    return make(text, from, to, open.index, contentStart, closeAt, closeAt + close[0].length, `<${name}>`);
  }
  const lone = /<\/(think|thinking|reasoning)>/i.exec(slice);
  if (lone) return make(text, from, to, 0, 0, lone.index, lone.index + lone[0].length, `</${lone[1].toLowerCase()}>`);
  const thinking = THINKING_LINE.exec(slice);
  if (thinking) {
    const contentStart = thinking.index + thinking[0].length;
    ANSWER_LINE.lastIndex = 0;
    const answer = ANSWER_LINE.exec(slice.slice(contentStart));
    if (answer) {
      const answerAt = contentStart + answer.index;
      // A title line (`**Answer**`, `## Answer`) only marks where the answer starts; `Answer: 4` is the answer.
      const after = ANSWER_TITLE.test(answer[0]) ? answerAt + answer[0].length : answerAt;
      return make(text, from, to, thinking.index, contentStart, answerAt, after, 'thinking-answer');
    }
  }
  return null;
}

/** Offsets in the slice → a trace span in the whole text; `openerStart` is kept as where the problem ends. */
function make(text: string, from: number, to: number, openerStart: number, start: number, end: number, answerStart: number | null, form: string): FoundTrace {
  const content = trim(text, from + start, from + end);
  const answer = answerStart === null ? null : trim(text, from + answerStart, to);
  return { ...content, form, answer: answer && answer.start < answer.end ? answer : null, openerStart: from + openerStart };
}

function trim(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
