// Reasoning traces: splitting a 30,000-character R1-style trace (target < 50 ms), and building every section's
// judge prompt, whose total size must grow linearly with the trace (earlier sections are capped per prompt).
import { contextWindows, parseDocument, splitTrace } from '../../extension/engine';
import { judgeMessages } from '../../extension/engine/scorers/prompts';
import { medianMs } from './timing';

const PARAGRAPHS = [
  'Okay, so I need to find how many ways there are to choose the committee. Let me think about the constraints one at a time and write down what each of them implies for the count.',
  'First, the chair must be one of the 6 seniors, so there are 6 choices for the chair. Then the remaining 4 seats come from the other 11 people, which gives C(11, 4) = 330 ways.',
  'So the total would be 6 × 330 = 1980. Hmm, that seems large but plausible for a committee of five chosen from twelve people with one distinguished seat.',
  'Wait, I should check whether the chair could also be counted among the other seats. No, the chair is a separate role, so the 4 other seats really come from the remaining 11 people.',
  'Alternatively, I could count all 5-person committees first, C(12, 5) = 792, then choose which member is the chair among the seniors on it. That is messier, so let me stick with the first way.',
  'Let me double-check the binomial: 11 × 10 × 9 × 8 / 24 = 7920 / 24 = 330. Yes, that is right, and 6 × 330 = 1980 as before.',
  'Next, let me handle the condition that at least two juniors serve. I will subtract the committees with fewer than two juniors from the total count found above.',
];

function traceOf(chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let k = 0; length < chars; k++) {
    const p = PARAGRAPHS[k % PARAGRAPHS.length];
    parts.push(p);
    length += p.length + 2;
  }
  return `How many committees can be formed?\n\n<think>\n${parts.join('\n\n')}\n</think>\n\nThe answer is 1980.`;
}

function promptCost(text: string): { ms: number; chars: number; sections: number } {
  const doc = parseDocument(text);
  const sections = splitTrace(text, doc.trace!);
  let chars = 0;
  const ms = medianMs(5, () => {
    chars = 0;
    for (const texts of contextWindows(sections, 12000)) {
      for (const m of judgeMessages(doc.problem!.text, texts, texts.length - 1)) chars += m.content.length;
    }
  });
  return { ms, chars, sections: sections.length };
}

export function benchTraces(): string[] {
  const text = traceOf(30_000);
  const splitMs = medianMs(5, () => {
    const doc = parseDocument(text);
    return splitTrace(text, doc.trace!);
  });
  const small = promptCost(text);
  const large = promptCost(traceOf(120_000));
  return [
    `| 30,000-character reasoning trace: read and split into sections (median of 5; target < 50 ms) | ${splitMs.toFixed(1)} ms (${small.sections} sections) |`,
    `| … build every section's judge prompt | ${small.ms.toFixed(1)} ms, ${(small.chars / 1e6).toFixed(2)} M characters |`,
    `| 120,000-character trace (4×): build every prompt | ${large.ms.toFixed(1)} ms, ${(large.chars / 1e6).toFixed(2)} M characters (${(large.chars / small.chars).toFixed(1)}× the prompt text: linear) |`,
  ];
}
