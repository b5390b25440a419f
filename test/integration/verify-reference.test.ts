import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { startModelServer, type ModelServer, type ScriptRequest } from '../servers/modelServer';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PROBLEM = 'A garden is a rectangle $12$ m long and $7$ m wide. A fence goes all the way round it and costs $\\$15$ per metre. How much does the fence cost?';
const REFERENCE = [
  '## Step 1: The perimeter is $2 \\times (12 + 7) = 38$ m.',
  '## Step 2: The fence costs $38 \\times 15 = 570$ dollars, so the answer is $\\boxed{570}$.',
].join('\n\n');
/** Another route: the four sides added one by one, and the cost per pair of sides. */
const OTHER_ROUTE = [
  'Going round the garden: $12 + 7 + 12 + 7 = 38$ metres of fence.',
  'Each long side costs $12 \\times 15 = 180$ and each short side $7 \\times 15 = 105$.',
  'Altogether $2 \\times 180 + 2 \\times 105 = 570$, so the fence costs $\\boxed{570}$ dollars.',
];
const WRONG = ['The area is $12 \\times 7 = 84$ square metres.', 'The fence costs $84 \\times 15 = 1260$ dollars: $\\boxed{1260}$.'];

/**
 * A judge that grades like a teacher would: the area step is wrong; a step on another route is wrong only when the
 * prompt fails to say that differing from the reference is no error.
 */
function teacher(req: ScriptRequest) {
  const system = req.messages[0]?.content ?? '';
  const user = req.messages.at(-1)!.content;
  if (!system.includes('grading a student')) return { text: 'No' };
  const differingIsFine = /not wrong for differing/.test(system);
  const student = user.slice(user.indexOf('Student solution:'));
  const steps = [...student.matchAll(/^Step (\d+): (.*)$/gm)];
  return {
    text: steps
      .map(([, i, text]) => {
        if (/area/.test(text!)) return `Step ${i}: reference none | wrong`;
        if (/1260/.test(text!)) return `Step ${i}: reference 2 | wrong`;
        const ref = /38/.test(text!) && !/570/.test(text!) ? '1' : /570/.test(text!) ? '2' : 'none';
        const sameAsReference = /2 \\times \(12 \+ 7\)|38 \\times 15/.test(text!);
        return `Step ${i}: reference ${ref} | ${sameAsReference || differingIsFine ? 'correct' : 'wrong'}`;
      })
      .join('\n'),
  };
}

async function files(student: string[], reference = REFERENCE) {
  const dir = await mkdtemp(join(tmpdir(), 'stepwise-reference-'));
  const doc = join(dir, 'student.md');
  const ref = join(dir, 'reference.md');
  await writeFile(doc, `## Problem\n${PROBLEM}\n\n## Solution\n${student.join('\n\n')}\n`);
  await writeFile(ref, reference);
  return { dir, doc, ref };
}

const judgeFlags = (url: string) => ['--base-url', url, '--model', 'judge:latest'];

describe('stepwise verify --reference (reference-guided, one pass)', () => {
  it('aligns each step with the reference step it follows and passes a valid different route', async () => {
    server = await startModelServer({ reply: teacher });
    const { doc, ref } = await files(OTHER_ROUTE);
    const run = await runCli(['verify', doc, '--reference', ref, '--json', ...judgeFlags(server.url)]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.firstError).toBe(-1);
    expect(out.steps.map((s: { verdict: string }) => s.verdict)).toEqual(['ok', 'ok', 'ok']);
    expect(out.steps.map((s: { evidence: { alignment: { reference: number | null } } }) => s.evidence.alignment.reference)).toEqual([1, null, 2]);
    expect(out.steps[0].evidence.alignment.referenceText).toContain('2 \\times (12 + 7) = 38');
    // One pass: a single request judged all three steps, with the reference in it.
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.messages.at(-1)!.content).toContain('Reference step 2: ## Step 2: The fence costs');
    expect(run.stderr).toContain('reference scorer');
  });

  it('finds the wrong step and shows the alignment in the table', async () => {
    server = await startModelServer({ reply: teacher });
    const { doc, ref } = await files(WRONG);
    const run = await runCli(['verify', doc, '--reference', ref, ...judgeFlags(server.url)]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('Earliest wrong step: 1 of 2');
    expect(run.stdout).toContain('matches no reference step; judged wrong');
    expect(run.stdout).toContain('corresponds to reference step 2; judged wrong');
  });

  it('reads a "## Reference" section from the document and leaves it out of the solution', async () => {
    server = await startModelServer({ reply: teacher });
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-reference-'));
    const doc = join(dir, 'homework.md');
    await writeFile(doc, `## Problem\n${PROBLEM}\n\n## Solution\n${OTHER_ROUTE.join('\n\n')}\n\n## Reference\n${REFERENCE}\n`);
    const run = await runCli(['verify', doc, '--json', ...judgeFlags(server.url)]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.steps).toHaveLength(3);
    expect(out.steps[2].evidence.alignment).toMatchObject({ reference: 2 });
  });

  it('a step the judge leaves out is unscored, never passed', async () => {
    server = await startModelServer({ reply: () => ({ text: 'Step 1: reference 1 | correct' }) });
    const { doc, ref } = await files(OTHER_ROUTE);
    const run = await runCli(['verify', doc, '--reference', ref, '--json', ...judgeFlags(server.url)]);
    const out = JSON.parse(run.stdout);
    expect(out.steps[0].verdict).toBe('ok');
    for (const s of out.steps.slice(1)) {
      expect(s.verdict).toBe('unscored');
      expect(s.score).toBeNull();
      expect(s.unscoredReason).toMatch(/no line for step/);
    }
  });

  it('the reference scorer without a reference says how to give one', async () => {
    server = await startModelServer({ reply: teacher });
    const { doc } = await files(OTHER_ROUTE);
    const run = await runCli(['verify', doc, '--scorer', 'reference', ...judgeFlags(server.url)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--reference FILE');
  });
});
