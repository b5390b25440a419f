import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chainDocument, chainPolicy, chainProblems, chainSolution, type ChainProblem } from '../helpers/chainScript';
import { runCli } from '../helpers/cli';
import { startModelServer, type ModelServer, type ScriptRequest } from '../servers/modelServer';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PROBLEMS = chainProblems(8, 2026, 5);
const SLIP_RATE = 0.15;
const BUDGET = 400;

async function writeDoc(p: ChainProblem, steps: string[], answerLine?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stepwise-progress-'));
  const file = join(dir, 'solution.md');
  await writeFile(file, chainDocument(p, steps, answerLine));
  return file;
}

interface JsonStep {
  verdict: string;
  score: number | null;
  unscoredReason?: string;
  evidence: { abstained?: boolean; note?: string; rollouts?: { answers: string[]; q: number; progress?: number; ownAnswer?: boolean } };
}

async function verify(file: string, extra: string[]): Promise<{ firstError: number; steps: JsonStep[]; requests: ScriptRequest[] }> {
  const before = server!.requests.length;
  const run = await runCli(['verify', file, '--scorer', 'progress', '--base-url', server!.url, '--json', ...extra]);
  const out = JSON.parse(run.stdout);
  // The exit code follows the outcome: 0 no wrong step, 1 a wrong step, 3 steps without a verdict.
  expect(run.code, run.stderr).toBe({ 'no-wrong-step': 0, 'wrong-step': 1, incomplete: 3, unverified: 3 }[out.outcome as string]);
  return { ...out, requests: server!.requests.slice(before) };
}

/** Identical (prompt, seed) pairs would mean a prefix was rolled out twice. */
function repeatedRequests(requests: ScriptRequest[]): number {
  const keys = requests.map((r) => JSON.stringify([r.messages, r.seed]));
  return keys.length - new Set(keys).size;
}

describe('stepwise verify --scorer progress (Math-Shepherd rollouts)', () => {
  it('finds the first wrong step of wrong chain solutions and passes right ones, under the budget, each prefix rolled out once', async () => {
    server = await startModelServer({ reply: chainPolicy(PROBLEMS, SLIP_RATE) });
    let rightPassed = 0;
    let wrongFound = 0;
    const sizes: number[] = [];
    for (const [i, p] of PROBLEMS.entries()) {
      const flags = ['--rollouts', '8', `--answer=${p.answer}`, '--budget-calls', String(BUDGET), '--seed', String(i)];
      const right = await verify(await writeDoc(p, chainSolution(p)), flags);
      if (right.firstError === -1 && right.steps.every((s) => s.verdict === 'ok')) rightPassed++;
      const slipAt = 1 + (i % (p.ops.length - 2));
      const wrong = await verify(await writeDoc(p, chainSolution(p, slipAt)), flags);
      if (wrong.firstError === slipAt) wrongFound++;
      for (const run of [right, wrong]) {
        sizes.push(run.requests.length);
        expect(run.requests.length).toBeLessThanOrEqual(BUDGET);
        expect(repeatedRequests(run.requests)).toBe(0);
        expect(run.steps.some((s) => s.evidence.abstained)).toBe(false);
      }
      // The evidence tells where the chance of success dropped: no rollout after the slip reaches the answer.
      expect(wrong.steps[slipAt]!.evidence.rollouts).toMatchObject({ q: 0 });
      expect(wrong.steps[slipAt]!.evidence.note).toMatch(/0 of 8 rollouts reach/);
    }
    console.log(`progress scorer on ${PROBLEMS.length} chain problems (slip rate ${SLIP_RATE}, K = 8): right passed ${rightPassed}/8, first wrong step found ${wrongFound}/8, requests per run ${Math.min(...sizes)}–${Math.max(...sizes)} (budget ${BUDGET})`);
    expect(rightPassed).toBeGreaterThanOrEqual(7);
    expect(wrongFound).toBeGreaterThanOrEqual(7);
  }, 240_000);

  it('reads the reference answer from an "Answer:" line and shows Q and progress per step', async () => {
    const p = PROBLEMS[0]!;
    server = await startModelServer({ reply: chainPolicy(PROBLEMS, SLIP_RATE) });
    const run = await runCli(['verify', await writeDoc(p, chainSolution(p, 2), String(p.answer)), '--scorer', 'progress', '--base-url', server.url]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(`Earliest wrong step: 3 of ${p.ops.length}`);
    expect(run.stdout).toMatch(new RegExp(`0 of 8 rollouts reach ${p.answer}: Q = 0 \\(hard\\); progress −1 \\(Q before 1\\)`));
    // The Answer line is neither problem nor a step.
    expect(run.stdout).not.toContain('Answer:');
  });

  it('without a reference answer, counts the answer most rollouts from the problem reach', async () => {
    const p = PROBLEMS[1]!;
    server = await startModelServer({ reply: chainPolicy(PROBLEMS, 0.05) });
    const out = await verify(await writeDoc(p, chainSolution(p, 3)), ['--rollouts', '8']);
    expect(out.firstError).toBe(3);
    expect(out.steps[0]!.evidence.note).toContain(`(the majority answer)`);
  });

  it('soft estimate: the share of rollouts that reach the answer', async () => {
    const p = PROBLEMS[2]!;
    server = await startModelServer({ reply: chainPolicy(PROBLEMS, 0.3) });
    const out = await verify(await writeDoc(p, chainSolution(p)), ['--rollouts', '8', `--answer=${p.answer}`, '--estimate', 'soft']);
    const first = out.steps[0]!;
    const reached = first.evidence.rollouts!.answers.filter((a) => a === String(p.answer)).length;
    expect(first.score).toBeCloseTo(reached / 8);
    expect(first.score).toBeGreaterThan(0);
    expect(first.score).toBeLessThan(1);
  });

  it('a budget too small for every step leaves steps unscored, never passed', async () => {
    const p = PROBLEMS[3]!;
    server = await startModelServer({ reply: chainPolicy(PROBLEMS, SLIP_RATE) });
    const out = await verify(await writeDoc(p, chainSolution(p)), ['--rollouts', '8', `--answer=${p.answer}`, '--budget-calls', '20', '--concurrency', '1']);
    expect(out.requests.length).toBeLessThanOrEqual(20);
    const unscored = out.steps.filter((s) => s.verdict === 'unscored');
    expect(unscored.length).toBeGreaterThan(0);
    for (const s of unscored) {
      expect(s.score).toBeNull();
      expect(s.unscoredReason).toMatch(/budget ran out/);
    }
  });

  it('says which flag needs the progress scorer', async () => {
    server = await startModelServer({ reply: chainPolicy(PROBLEMS, SLIP_RATE) });
    const run = await runCli(['verify', await writeDoc(PROBLEMS[0]!, chainSolution(PROBLEMS[0]!)), '--rollouts', '4', '--base-url', server.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--rollouts is an option of the progress scorer');
  });
});
