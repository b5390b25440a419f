// Hidden chain problems: a policy that slips at a steady rate per step and a judge that is always right.
// The policy writes raw text and goes through the engine's own `toProposal`, so "finished" is decided as in a real run.
import type { Proposal, StepProposer } from '../../extension/engine/search/propose';
import { toProposal } from '../../extension/engine/search/propose';
import { seededRandom } from '../../extension/engine/search/random';
import type { Scorer, StepScore } from '../../extension/engine/scorers/scorer';

export interface ChainProblem {
  problem: string;
  answer: string;
  /** The right solution, one step per entry. */
  steps: string[];
}

/** Problem p: a baker's loaves change `length` times; each step states one change and the new count. */
export function chainProblems(count = 12, length = 5, opts: { talkFirst?: boolean } = {}): ChainProblem[] {
  return Array.from({ length: count }, (_, p) => {
    const start = 40 + 7 * p;
    const changes = Array.from({ length }, (_, d) => ((p * 3 + d * 5) % 9) + 2);
    const problem = `A baker starts with ${start} loaves and gets ${changes.join(', ')} more, one delivery after another. How many loaves does the baker have at the end?`;
    const steps = rightSteps(start, changes, opts.talkFirst ?? false);
    return { problem, answer: String(start + changes.reduce((a, b) => a + b, 0)), steps };
  });
}

/** The step that starts a solution by talking about the answer without stating it (it must not end the solution). */
export const TALKING_FIRST_STEP =
  '## Step 1: We want the number of loaves at the end, and the answer is a whole number of loaves, so we track every change.';

function stepText(d: number, from: number, add: number, last: boolean): string {
  const to = from + add;
  return `## Step ${d}: After delivery ${d}, the baker has $${from} + ${add} = ${to}$ loaves.` + (last ? ` So the baker ends with \\boxed{${to}} loaves.` : '');
}

function rightSteps(start: number, changes: number[], talkFirst: boolean): string[] {
  const steps: string[] = talkFirst ? [TALKING_FIRST_STEP] : [];
  let value = start;
  changes.forEach((add, i) => {
    steps.push(stepText(steps.length + 1, value, add, i === changes.length - 1));
    value += add;
  });
  return steps;
}

/** The numbers a problem statement holds: start value and the changes. */
function parse(problem: string): { start: number; changes: number[] } {
  const start = Number(/starts with (\d+)/.exec(problem)![1]);
  const changes = /gets ([\d, ]+) more/.exec(problem)![1].split(',').map((s) => Number(s.trim()));
  return { start, changes };
}

export interface ChainPolicyOptions {
  /** Chance that a fresh step is wrong (once a step is wrong, every later one carries the error). */
  slip?: number;
  /** Whether solutions open with TALKING_FIRST_STEP (never wrong). */
  talkFirst?: boolean;
  /** Called for every generation request, with the prefix it continued. */
  onRequest?: (steps: readonly string[]) => void;
}

/** Counts how far `steps` follow the right solution. */
function rightPrefix(steps: readonly string[], right: readonly string[]): number {
  let k = 0;
  while (k < steps.length && steps[k] === right[k]) k++;
  return k;
}

/**
 * The policy: sample i of an expansion slips with probability `slip` (from its seed); a slip adds 1–3 too many to
 * the count, so slips sometimes coincide. After the last step it writes nothing (end of text).
 */
export function chainPolicy(opts: ChainPolicyOptions = {}): StepProposer {
  const slip = opts.slip ?? 0.35;
  return {
    async propose(problem, steps, n, o) {
      opts.onRequest?.(steps);
      const { start, changes } = parse(problem);
      const talk = opts.talkFirst ?? false;
      const right = rightSteps(start, changes, talk);
      const one = async (i: number): Promise<Proposal> => {
        await (o.schedule ? o.schedule(async () => undefined) : undefined);
        const random = seededRandom(o.seedBase + i);
        const d = steps.length;
        const usage = { promptTokens: 20, completionTokens: 12 };
        if (d >= right.length) return toProposal('', 'stop', usage);
        if (talk && d === 0) return toProposal(`${right[0]}\n\n`, 'stop', usage);
        const k = rightPrefix(steps, right);
        const change = changes[d - (talk ? 1 : 0)];
        const last = d === right.length - 1;
        if (k === d && random() >= slip) return toProposal(right[d], 'stop', usage);
        // Wrong: carry on from the count the last step reached, or slip now.
        const previous = d === (talk ? 1 : 0) ? start : Number(/= (\d+)\$/.exec(steps[d - 1])![1]);
        const off = k === d ? 1 + Math.floor(random() * 3) : 0;
        return toProposal(stepText(d + 1, previous, change + off, last), 'stop', usage);
      };
      return Promise.all(Array.from({ length: n }, (_, i) => one(i)));
    },
  };
}

/** A judge that is always right: 1 for a step on the right solution, 0 once a step is wrong. Records every prefix it judged. */
export function perfectChainJudge(problems: readonly ChainProblem[]): { scorer: Scorer; judged: string[] } {
  const judged: string[] = [];
  const byProblem = new Map(problems.map((p) => [p.problem, p.steps]));
  const scorer: Scorer = {
    name: 'judge',
    key: 'perfect-chain-judge',
    async score(problem, steps, o = {}) {
      const right = byProblem.get(problem)!;
      return (o.which ?? steps.map((_, i) => i)).map((k): StepScore => {
        judged.push(JSON.stringify([problem, steps.slice(0, k + 1)]));
        const ok = rightPrefix(steps.slice(0, k + 1), right) === k + 1;
        return { score: ok ? 1 : 0, scorer: 'judge', method: 'scripted', evidence: {} };
      });
    },
  };
  return { scorer, judged };
}
