// The scripted policy and judge behind the loopback model server used by the e2e tests.
import { judgeReply, type ScriptReply } from '../servers/script';
import type { ScriptRequest } from '../servers/types';

export const POLICY_MODEL = 'qwen2.5:7b';
export const JUDGE_MODEL = 'judge:latest';

/** P(yes) the judge gives a wrong step, and every other step. */
export const WRONG_STEP_P_YES = 0.08;
export const RIGHT_STEP_P_YES = 0.93;

/** The muffin problem: one wrong step (6 × $1.50 is $9, not $8) and its corrected continuation. */
export const MUFFINS = {
  problem:
    'A bakery sells muffins for $3 each and cookies for $1.50 each. Maya buys 4 muffins and 6 cookies and pays with a $50 bill. How much change does she get?',
  wrongSteps: [
    'The muffins cost 4 × $3 = $12.',
    'The cookies cost 6 × $1.50 = $8.',
    'Together she spends $12 + $8 = $20.',
    'Her change is $50 - $20 = $30, so the answer is \\boxed{30}.',
  ],
  /** What the policy writes, one step per request, from any prefix of correct steps. */
  rightSteps: [
    'The muffins cost 4 × $3 = $12.',
    'The cookies cost 6 × $1.50 = $9.',
    'Together she spends $12 + $9 = $21.',
    'Her change is $50 - $21 = $29, so the answer is \\boxed{29}.',
  ],
  wrongStepIndex: 1,
  /** The false claim; a step stating it is judged wrong (the later steps follow correctly from it). */
  falseClaims: ['6 × $1.50 = $8'],
};

/** Model output that tries to run script in the panel. */
export const HOSTILE = {
  marker: 'HOSTILE-PROBLEM',
  problem: 'HOSTILE-PROBLEM: Tom has 2 apples and buys 3 more. How many apples does he have?',
  steps: [
    'Tom starts with 2 apples. <script>alert(1)</script>',
    'He buys 3 more <img src=x onerror=alert(1)> so 2 + 3 = 5, and the answer is \\boxed{5}.',
  ],
};

function requestText(req: ScriptRequest): string {
  return req.messages.map((m) => m.content).join('\n') + req.prompt;
}

/**
 * The step under judgement is the known step quoted last in the judge's prompt (the prompt shows steps 1..k
 * and asks about step k). The judge says "no" when that step states a false claim.
 */
function judge(text: string, opts: ScriptOptions): ScriptReply {
  const known = [...MUFFINS.wrongSteps, ...MUFFINS.rightSteps, ...HOSTILE.steps, ...(opts.item?.steps ?? []), ...(opts.item?.rightSteps ?? [])];
  let judged: string | undefined;
  let judgedAt = -1;
  for (const step of known) {
    const at = text.lastIndexOf(step);
    if (at > judgedAt) [judged, judgedAt] = [step, at];
  }
  const wrong = judged
    ? MUFFINS.falseClaims.some((claim) => judged!.includes(claim)) || !!opts.item?.wrongSteps.includes(judged)
    : MUFFINS.falseClaims.some((claim) => text.includes(claim));
  return judgeReply(wrong ? WRONG_STEP_P_YES : RIGHT_STEP_P_YES);
}

/** The next correct step after the ones already in the prompt (a step ends at a blank line). */
function policy(text: string, opts: ScriptOptions): string {
  const steps = text.includes(HOSTILE.marker) ? HOSTILE.steps : opts.item && text.includes(opts.item.problem) ? opts.item.rightSteps : MUFFINS.rightSteps;
  const next = steps.find((step) => !text.includes(step)) ?? steps[steps.length - 1]!;
  return `${next}\n\n`;
}

export interface ScriptOptions {
  /** Latency before every reply (for cancelling a run mid-flight). */
  delayMs?: number;
  /** Another worked problem (e.g. a ProcessBench item): its wrong steps are judged wrong, the policy writes `rightSteps`. */
  item?: { problem: string; steps: string[]; wrongSteps: string[]; rightSteps: string[] };
  /** 'no-verdict': the judge never says yes or no ("Let me check this step carefully."), so no step gets a verdict. */
  judge?: 'no-verdict';
}

/** What a judge that never concludes answers: its first token, then its text when asked to write. */
function undecidedJudge(req: ScriptRequest): ScriptReply {
  if (req.maxTokens === 1) return { text: 'Let', tokens: [{ token: 'Let', logprob: -0.05, top: [{ token: 'Let', logprob: -0.05 }, { token: 'I', logprob: -3.2 }] }] };
  return { text: 'Let me check this step carefully.' };
}

export function scriptedReply(opts: ScriptOptions = {}) {
  return (req: ScriptRequest): ScriptReply => {
    const text = requestText(req);
    const reply: ScriptReply = req.model !== JUDGE_MODEL ? { text: policy(text, opts) } : opts.judge === 'no-verdict' ? undecidedJudge(req) : judge(text, opts);
    return opts.delayMs ? { ...reply, delayMs: opts.delayMs } : reply;
  };
}
