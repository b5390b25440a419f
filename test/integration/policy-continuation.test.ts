// The policy's partial solution at OpenAI-compatible servers, and the plusminus formats, checked at the loopback server.
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../extension/engine/providers';
import { createModelProposer } from '../../extension/engine/search/propose';
import { startModelServer, type ModelServer } from '../servers/modelServer';
import { runCli } from '../helpers/cli';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PROBLEM = 'What is $\\frac{3}{4}$ of 20?';
const STEP1 = '## Step 1: $\\frac{3}{4} \\times 20 = 15$.';

describe('vLLM policy requests continue the assistant message', () => {
  it('sends the partial solution as the last assistant message with continue_final_message and no generation prompt', async () => {
    server = await startModelServer({ ownedBy: 'vllm', reply: () => '## Step 2: So the answer is \\boxed{15}.' });
    const provider = createProvider({ kind: 'openai', baseUrl: server.openaiUrl });
    const proposer = createModelProposer(provider, 'qwen2.5:7b', { logprobs: false });
    const [first] = await proposer.propose(PROBLEM, [], 1, { seedBase: 1 });
    const [second] = await proposer.propose(PROBLEM, [STEP1], 1, { seedBase: 2 });
    expect(second.text).toBe('## Step 2: So the answer is \\boxed{15}.');
    expect(first.finished).toBe(true);
    const [opening, continuing] = server.requests;
    // The first step has nothing to continue: an ordinary user turn.
    expect(opening.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(opening.continueFinalMessage).toBeUndefined();
    expect(continuing.messages.slice(1)).toEqual([
      { role: 'user', content: PROBLEM },
      { role: 'assistant', content: `${STEP1}\n\n` },
    ]);
    expect(continuing).toMatchObject({ continueFinalMessage: true, addGenerationPrompt: false, stop: ['\n\n'] });
  });

  it('other OpenAI-compatible servers get the partial solution in the user turn and no vLLM-only fields', async () => {
    server = await startModelServer({ reply: () => '## Step 2: So the answer is \\boxed{15}.' });
    const provider = createProvider({ kind: 'openai', baseUrl: server.openaiUrl });
    await createModelProposer(provider, 'qwen2.5:7b', { logprobs: false }).propose(PROBLEM, [STEP1], 1, { seedBase: 2 });
    const [request] = server.requests;
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(request.messages[1].content).toContain(`The solution so far:\n\n${STEP1}\n\n`);
    expect(request.continueFinalMessage).toBeUndefined();
    expect(request.addGenerationPrompt).toBeUndefined();
  });
});

describe('--prm-format', () => {
  const plus = (p: number) => ({ text: '+', tokens: [{ token: '+', logprob: Math.log(p), top: [{ token: '+', logprob: Math.log(p) }, { token: '-', logprob: Math.log(1 - p) }] }] });

  it('math-shepherd sends one raw prompt per step ending at the step tag ки', async () => {
    server = await startModelServer({ reply: (req) => plus(req.prompt.endsWith('= $8. ки') ? 0.2 : 0.9) });
    const run = await runCli(['verify', 'examples/muffins.md', '--base-url', server.url, '--scorer', 'plusminus', '--prm-format', 'math-shepherd', '--json']);
    expect(run.code).toBe(1); // the wrong step is found
    const out = JSON.parse(run.stdout);
    expect(out.steps.map((s: { score: number }) => Number(s.score.toFixed(2)))).toEqual([0.9, 0.2, 0.9, 0.9]);
    expect(server.requests.map((r) => r.api)).toEqual(['ollama-generate', 'ollama-generate', 'ollama-generate', 'ollama-generate']);
    expect(server.requests.every((r) => r.raw === true && r.prompt.endsWith(' ки'))).toBe(true);
    const second = server.requests.find((r) => r.prompt.includes('Step 2:'))!;
    expect(second.prompt).toBe(
      'A bakery sells muffins for $3 each and cookies for $1.50 each. Maya buys 4 muffins and 6 cookies and pays with a $50 bill. How much change does she get? ' +
        'Step 1: The muffins cost 4 × $3 = $12. ки\nStep 2: The cookies cost 6 × $1.50 = $8. ки',
    );
  });

  it('rlhflow (the default) sends chat turns', async () => {
    server = await startModelServer({ reply: () => plus(0.9) });
    const run = await runCli(['verify', 'examples/muffins.md', '--base-url', server.url, '--scorer', 'plusminus', '--prm-format', 'rlhflow', '--json']);
    expect(run.code).toBe(0);
    expect(server.requests.every((r) => r.api === 'ollama-chat' && r.messages.at(-1)!.role === 'user')).toBe(true);
  });

  it('says which formats exist when given another', async () => {
    const run = await runCli(['verify', 'examples/muffins.md', '--scorer', 'plusminus', '--prm-format', 'shepherd']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--prm-format');
    expect(run.stderr).toContain('shepherd');
    expect(run.stderr).toContain('rlhflow, math-shepherd');
  });
});
