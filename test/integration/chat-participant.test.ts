// The @stepwise participant's handler and the verify tool, through their request/response shapes, against the
// loopback Ollama server (real client) with the scripted policy and judge of the end-to-end tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemToSolve, solveText, suggestCorrection, verifyText } from '../../extension/engine/index';
import { followups, handleChat, type ChatDeps, type ChatOut } from '../../extension/vscode/chat/handler';
import { reportText } from '../../extension/vscode/chat/report';
import { runVerifyTool } from '../../extension/vscode/chat/toolRun';
import { readSettings, toHostConfig, type HostConfig } from '../../extension/vscode/settingsKeys';
import { startModelServer, type ModelServer } from '../servers/modelServer';
import { JUDGE_MODEL, MUFFINS, POLICY_MODEL, scriptedReply } from '../e2e/scriptedModel';

/** Records what the participant streams, in order. */
class RecordingStream implements ChatOut {
  readonly calls: { kind: 'markdown' | 'progress' | 'button'; value: string; args?: unknown[] }[] = [];
  markdown(text: string) { this.calls.push({ kind: 'markdown', value: text }); }
  progress(text: string) { this.calls.push({ kind: 'progress', value: text }); }
  button(c: { command: string; title: string; arguments?: unknown[] }) { this.calls.push({ kind: 'button', value: c.title, args: c.arguments }); }
  text() { return this.calls.filter((c) => c.kind === 'markdown').map((c) => c.value).join(''); }
  buttons() { return this.calls.filter((c) => c.kind === 'button'); }
}

const muffinsDocument = `## Problem\n\n${MUFFINS.problem}\n\n## Solution\n\n${MUFFINS.wrongSteps.join('\n\n')}\n`;

describe('@stepwise chat participant and verify tool', () => {
  let server: ModelServer;
  let config: HostConfig;
  let deps: ChatDeps;

  beforeAll(async () => {
    server = await startModelServer({ reply: scriptedReply(), models: [POLICY_MODEL, JUDGE_MODEL] });
    const settings = readSettings((k) => ({ endpoint: server.url, policyModel: POLICY_MODEL, verifierModel: JUDGE_MODEL, scorer: 'judge', 'search.n': 2, 'search.beamWidth': 1, 'search.maxDepth': 6 } as Record<string, unknown>)[k]);
    config = toHostConfig(settings);
    deps = {
      config: async () => config,
      engine: () => ({ verifyText, solveText, suggestCorrection, problemToSolve }),
      commands: { showPanel: 'stepwise.showPanel', insertText: 'stepwise.insertText', selectModel: 'stepwise.selectModel' },
    };
  });
  afterAll(() => server?.close());

  it('/verify on the previous answer streams every step with its verdict, then the first wrong step and a correction', async () => {
    const out = new RecordingStream();
    const meta = await handleChat('verify', { prompt: '', previous: { question: MUFFINS.problem, answer: MUFFINS.wrongSteps.join('\n\n') } }, out, deps, new AbortController().signal);
    const text = out.text();
    expect(text).toContain('the previous answer in this chat');
    expect(text).toMatch(/✗ \*\*Step 2\*\* wrong \(0\.08\)/);
    for (const n of [1, 3, 4]) expect(text).toMatch(new RegExp(`✓ \\*\\*Step ${n}\\*\\* ok \\(0\\.93\\)`));
    // The conclusion comes after the steps, names step 2 and quotes the corrected step.
    const conclusion = text.slice(text.lastIndexOf('**Step '));
    expect(conclusion).toMatch(/first wrong step is \*\*step 2\*\*/i);
    expect(conclusion).toContain(MUFFINS.rightSteps[1]);
    const insert = out.buttons().find((b) => b.value === 'Insert the corrected solution');
    expect(insert?.args?.[0]).toContain('6 × $1.50 = $9');
    expect(insert?.args?.[0]).toContain(MUFFINS.wrongSteps[0]);
    expect(out.buttons().map((b) => b.value)).toContain('Open the Stepwise panel');
    expect(meta).toMatchObject({ command: 'verify', firstWrongStep: 2 });
    expect(followups(meta)).toEqual([expect.objectContaining({ command: 'solve', prompt: MUFFINS.problem })]);
  });

  it('/verify prefers the selection, and says where the text came from', async () => {
    const out = new RecordingStream();
    await handleChat('verify', { prompt: '', selection: { text: muffinsDocument, file: 'muffins.md' }, activeFile: { text: 'other', file: 'other.md' } }, out, deps, new AbortController().signal);
    expect(out.text()).toContain('the selection in muffins.md');
    expect(out.text()).toMatch(/✗ \*\*Step 2\*\*/);
  });

  it('/solve streams progress and ends with the verified solution, an Insert button and a follow-up to verify it', async () => {
    const out = new RecordingStream();
    const meta = await handleChat('solve', { prompt: MUFFINS.problem }, out, deps, new AbortController().signal);
    expect(out.calls.some((c) => c.kind === 'progress' && /Scored \d+ candidate steps/.test(c.value))).toBe(true);
    expect(out.text()).toContain('**Answer: 29**');
    const insert = out.buttons().find((b) => b.value === 'Insert the solution');
    expect(insert?.args?.[0]).toBe(MUFFINS.rightSteps.join('\n\n'));
    const [next] = followups(meta);
    expect(next).toMatchObject({ command: 'verify' });
    expect(next!.prompt).toContain('## Solution');
  });

  it('without a command or text, says what it does and offers to verify the previous answer', async () => {
    const out = new RecordingStream();
    const meta = await handleChat(undefined, { prompt: 'hi' }, out, deps, new AbortController().signal);
    expect(out.text()).toContain('/verify');
    expect(out.text()).toContain('/solve');
    expect(followups(meta)[0]).toMatchObject({ command: 'verify' });
  });

  it('the verify tool returns each step\'s verdict, score and reason, the first wrong step and a correction', async () => {
    const report = await runVerifyTool(config, deps.engine(), { problem: MUFFINS.problem, steps: MUFFINS.wrongSteps }, new AbortController().signal);
    expect(report.firstWrongStep).toBe(2);
    expect(report.steps.map((s) => s.verdict)).toEqual(['ok', 'wrong', 'ok', 'ok']);
    expect(report.steps[1]!.score).toBeCloseTo(0.08, 2);
    expect(report.correction?.step).toBe(2);
    expect(report.correction?.replacement).toContain('6 × $1.50 = $9');
    const text = reportText(report);
    expect(text).toContain('Step 2: wrong, score 0.08.');
    expect(text).toContain('First wrong step: step 2: The cookies cost 6 × $1.50 = $8.');
    expect(text).toMatch(/Suggested correction for step 2.*= \$9/);
  });

  it('the verify tool says what is missing instead of guessing', async () => {
    await expect(runVerifyTool(config, deps.engine(), { problem: MUFFINS.problem }, new AbortController().signal)).rejects.toThrow(/"solution".*"steps"/);
  });
});
