import type { ChatMessage } from '../providers/provider';

/** A step without the "## Step 3:" heading the policy wrote, so a template can number it itself. */
export function withoutHeading(step: string): string {
  return step.replace(/^\s*(?:#+\s*)?(?:\*\*)?step\s*\d+\s*[:.)]\s*(?:\*\*)?\s*/i, '');
}

/** Steps written with explicit numbers, so the judge can be asked about "step k". */
export function numberedSteps(steps: readonly string[]): string {
  return steps.map((s, i) => `Step ${i + 1}: ${withoutHeading(s)}`).join('\n\n');
}

/** The generative-judge question: is step k correct given the problem and steps 1..k (never later steps). */
export function judgeMessages(problem: string, steps: readonly string[], k: number): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You are a careful math teacher. You check one step of a student\'s solution at a time: its arithmetic, its algebra and its logic, given the problem and the steps before it.',
    },
    {
      role: 'user',
      content:
        `Problem:\n${problem}\n\nSolution so far:\n${numberedSteps(steps.slice(0, k + 1))}\n\n` +
        `Is Step ${k + 1} correct? Answer with one word: Yes or No.`,
    },
  ];
}

/** RLHFlow-style PRM conversation: each step is a user turn, earlier steps already judged "+". */
export function plusMinusMessages(problem: string, steps: readonly string[], k: number): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (let i = 0; i <= k; i++) {
    messages.push({ role: 'user', content: i === 0 ? `${problem} ${steps[0]}` : steps[i] });
    if (i < k) messages.push({ role: 'assistant', content: '+' });
  }
  return messages;
}

/**
 * Math-Shepherd raw prompt, as its model card builds `input_for_prm`: the question, a space, then "Step i: ... ки"
 * lines (`ки` is the step tag); the token after the last tag is + or -. One step per line, so newlines inside a step
 * become spaces.
 */
export function mathShepherdPrompt(problem: string, steps: readonly string[], k: number): string {
  return `${problem} ${steps.slice(0, k + 1).map((s, i) => `Step ${i + 1}: ${withoutHeading(s).replace(/\s*\n\s*/g, ' ')} ки`).join('\n')}`;
}
