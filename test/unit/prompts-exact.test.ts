// Every prompt template, as the exact text the model receives.
import { describe, expect, it } from 'vitest';
import { judgeMessages, mathShepherdPrompt, plusMinusMessages } from '../../extension/engine/scorers/prompts';
import { DEFAULT_POLICY_PROMPT, proposalMessages } from '../../extension/engine/search/propose';

const PROBLEM = 'Let $f(x) = \\frac{x^2-1}{x+1}$. Find $f(3)$.';
const STEPS = ['## Step 1: Factor: $x^2-1 = (x-1)(x+1)$, so $f(x) = x-1$ for $x \\neq -1$.', '## Step 2: Then $f(3) = 3-1 = 2$.\nSo the answer is $\\boxed{2}$.'];

describe('judge and verbal scorer prompt (one yes/no question about step k)', () => {
  it('asks about the newest step, showing only the steps up to it, renumbered', () => {
    expect(judgeMessages(PROBLEM, STEPS, 0)).toEqual([
      {
        role: 'system',
        content: "You are a careful math teacher. You check one step of a student's solution at a time: its arithmetic, its algebra and its logic, given the problem and the steps before it.",
      },
      {
        role: 'user',
        content:
          'Problem:\nLet $f(x) = \\frac{x^2-1}{x+1}$. Find $f(3)$.\n\nSolution so far:\nStep 1: Factor: $x^2-1 = (x-1)(x+1)$, so $f(x) = x-1$ for $x \\neq -1$.\n\nIs Step 1 correct? Answer with one word: Yes or No.',
      },
    ]);
    expect(judgeMessages(PROBLEM, STEPS, 1)[1].content).toBe(
      'Problem:\nLet $f(x) = \\frac{x^2-1}{x+1}$. Find $f(3)$.\n\nSolution so far:\n' +
        'Step 1: Factor: $x^2-1 = (x-1)(x+1)$, so $f(x) = x-1$ for $x \\neq -1$.\n\n' +
        'Step 2: Then $f(3) = 3-1 = 2$.\nSo the answer is $\\boxed{2}$.\n\nIs Step 2 correct? Answer with one word: Yes or No.',
    );
  });
});

describe('plusminus scorer prompts', () => {
  it('rlhflow: one user turn per step (the first with the question), earlier steps answered "+"', () => {
    expect(plusMinusMessages(PROBLEM, STEPS, 1)).toEqual([
      { role: 'user', content: `${PROBLEM} ${STEPS[0]}` },
      { role: 'assistant', content: '+' },
      { role: 'user', content: STEPS[1] },
    ]);
    expect(plusMinusMessages(PROBLEM, STEPS, 0)).toEqual([{ role: 'user', content: `${PROBLEM} ${STEPS[0]}` }]);
  });

  it('math-shepherd: question, a space, then "Step i: ... ки" lines ending at the tag of the step asked about', () => {
    expect(mathShepherdPrompt(PROBLEM, STEPS, 1)).toBe(
      'Let $f(x) = \\frac{x^2-1}{x+1}$. Find $f(3)$. ' +
        'Step 1: Factor: $x^2-1 = (x-1)(x+1)$, so $f(x) = x-1$ for $x \\neq -1$. ки\n' +
        'Step 2: Then $f(3) = 3-1 = 2$. So the answer is $\\boxed{2}$. ки',
    );
    expect(mathShepherdPrompt(PROBLEM, STEPS, 0)).toBe('Let $f(x) = \\frac{x^2-1}{x+1}$. Find $f(3)$. Step 1: Factor: $x^2-1 = (x-1)(x+1)$, so $f(x) = x-1$ for $x \\neq -1$. ки');
  });
});

describe('policy prompts', () => {
  it('the system prompt asks for "## Step N:" paragraphs and a final \\boxed{answer}', () => {
    expect(DEFAULT_POLICY_PROMPT).toBe(
      'Solve the math problem step by step. Write each step as one paragraph that begins with "## Step N:" (N = 1, 2, ...), ' +
        'and separate steps with a blank line. Keep every step short and check its arithmetic. End the last step with the final answer as \\boxed{answer}.',
    );
  });

  it('the first step: system and the problem as the user turn, whatever the layout', () => {
    const expected = [
      { role: 'system', content: DEFAULT_POLICY_PROMPT },
      { role: 'user', content: PROBLEM },
    ];
    expect(proposalMessages('continue-assistant', PROBLEM, [])).toEqual(expected);
    expect(proposalMessages('user-turn', PROBLEM, [])).toEqual(expected);
  });

  it('later steps continue the assistant message holding the partial solution (Ollama, vLLM)', () => {
    expect(proposalMessages('continue-assistant', PROBLEM, STEPS)).toEqual([
      { role: 'system', content: DEFAULT_POLICY_PROMPT },
      { role: 'user', content: PROBLEM },
      { role: 'assistant', content: `${STEPS[0]}\n\n${STEPS[1]}\n\n` },
    ]);
  });

  it('servers that cannot continue an assistant message get the partial solution in the user turn', () => {
    expect(proposalMessages('user-turn', PROBLEM, STEPS.slice(0, 1))).toEqual([
      { role: 'system', content: DEFAULT_POLICY_PROMPT },
      {
        role: 'user',
        content:
          'Let $f(x) = \\frac{x^2-1}{x+1}$. Find $f(3)$.\n\nThe solution so far:\n\n' +
          '## Step 1: Factor: $x^2-1 = (x-1)(x+1)$, so $f(x) = x-1$ for $x \\neq -1$.\n\n' +
          'Continue with exactly the next step (one paragraph), or the final step with \\boxed{answer} if the solution is complete.',
      },
    ]);
  });
});
