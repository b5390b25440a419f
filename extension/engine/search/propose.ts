import pLimit from 'p-limit';
import { isCancellation, throwIfAborted } from '../errors';
import type { ChatMessage, GenerateRequest, ModelProvider, TokenLogprob, Usage } from '../providers/provider';
import { extractAnswer, hasBoxedAnswer } from '../steps/answers';
import { streamGeneration } from './streamStep';
import type { StepConfidence } from './types';

/** One proposed next step. */
export interface Proposal {
  text: string;
  /** The policy's token logprobs for this step, when the server sent them. */
  tokens?: TokenLogprob[];
  /** The step ends the solution: it holds a `\boxed{}` answer, the model wrote nothing, or it hit the token limit. */
  finished: boolean;
  answer?: string;
  /** The policy hit its token limit inside this step (it never wrote the step delimiter): the step is cut there. */
  truncated?: boolean;
  /** The search stopped this sample while it was being written (`sampleSignals`): `text` is what it had written. */
  aborted?: boolean;
  usage: Usage;
}

export interface ProposeOptions {
  signal?: AbortSignal;
  /** Sample i uses seed `seedBase + i`. */
  seedBase: number;
  /** The search's temperature; overrides the proposer's own. */
  temperature?: number;
  /** Runs one model request under the search's shared concurrency limit, when given. */
  schedule?: <T>(request: () => Promise<T>) => Promise<T>;
  /**
   * Optional, for proposers that stream: report sample i's text every `partialEvery` tokens (default 64) while it
   * is written. Proposers that do not stream may ignore it.
   */
  onPartial?: (sample: number, text: string, tokens: number) => void;
  partialEvery?: number;
  /** Optional per-sample stop: when signal i aborts, sample i ends with the text so far and `aborted: true`. */
  sampleSignals?: readonly AbortSignal[];
  /** Optional: told as soon as sample i is written, before the others end, so its score can be asked for at once. */
  onProposal?: (sample: number, proposal: Proposal) => void;
}

/** Continues a partial solution by exactly one step, n times. */
export interface StepProposer {
  propose(problem: string, steps: readonly string[], n: number, opts: ProposeOptions): Promise<Proposal[]>;
}

export interface ModelProposerOptions {
  temperature?: number;
  topP?: number;
  /** Tokens per step (default 512). */
  maxTokens?: number;
  /** Parallel requests when the search does not pass its own schedule (default 4). */
  concurrency?: number;
  /** Ask the policy for token logprobs to record its confidence (default true). */
  logprobs?: boolean;
  systemPrompt?: string;
}

export const STEP_DELIMITER = '\n\n';

export const DEFAULT_POLICY_PROMPT =
  'Solve the math problem step by step. Write each step as one paragraph that begins with "## Step N:" ' +
  '(N = 1, 2, ...), and separate steps with a blank line. Keep every step short and check its arithmetic. ' +
  'End the last step with the final answer as \\boxed{answer}.';

/**
 * How the partial solution reaches the policy: as the assistant message it continues (Ollama natively, vLLM with
 * `continue_final_message`), or, for servers that cannot continue one, inside the user turn.
 */
export type PolicyLayout = 'continue-assistant' | 'user-turn';

/** Chat messages asking for the next step. */
export function proposalMessages(layout: PolicyLayout, problem: string, steps: readonly string[], systemPrompt = DEFAULT_POLICY_PROMPT): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: systemPrompt }];
  if (steps.length === 0) return [...messages, { role: 'user', content: problem }];
  const prefix = steps.join(STEP_DELIMITER) + STEP_DELIMITER;
  if (layout === 'continue-assistant') return [...messages, { role: 'user', content: problem }, { role: 'assistant', content: prefix }];
  return [
    ...messages,
    {
      role: 'user',
      content: `${problem}\n\nThe solution so far:\n\n${prefix}Continue with exactly the next step (one paragraph), or the final step with \\boxed{answer} if the solution is complete.`,
    },
  ];
}

/**
 * Turns raw generated text into one step: the first paragraph. As in search-and-learn, a solution ends at a
 * `\boxed{}` answer, an empty step (the model had nothing more to say) or the length limit; a phrase such as
 * "the answer is" in the step does not end it, it only gives the answer of a step that ends it.
 */
export function toProposal(raw: string, finishReason: string, usage: Usage, tokens?: TokenLogprob[]): Proposal {
  const trimmed = raw.replace(/^\s+/, '');
  const cut = trimmed.indexOf(STEP_DELIMITER);
  const text = (cut >= 0 ? trimmed.slice(0, cut) : trimmed).trimEnd();
  // A stop at the delimiter and an end-of-text both report "stop": the end of text shows as an empty next step.
  const finished = hasBoxedAnswer(text) || text === '' || finishReason === 'length';
  const answer = finished ? extractAnswer(text) : undefined;
  const truncated = finishReason === 'length' && cut < 0;
  return { text, finished, ...(answer !== undefined ? { answer } : {}), ...(truncated ? { truncated } : {}), usage, ...(tokens ? { tokens } : {}) };
}

/** The policy's confidence in a step from its token logprobs. */
export function confidenceOf(tokens: readonly TokenLogprob[] | undefined): StepConfidence | undefined {
  if (!tokens || tokens.length === 0) return undefined;
  const lps = tokens.map((t) => t.logprob);
  const entropies = tokens
    .filter((t) => t.top.length > 1)
    .map((t) => {
      const ps = t.top.map((a) => Math.exp(a.logprob));
      const mass = ps.reduce((a, b) => a + b, 0) || 1;
      return -ps.reduce((h, p) => (p > 0 ? h + (p / mass) * Math.log(p / mass) : h), 0);
    });
  return {
    meanLogprob: lps.reduce((a, b) => a + b, 0) / lps.length,
    minLogprob: Math.min(...lps),
    ...(entropies.length ? { entropy: entropies.reduce((a, b) => a + b, 0) / entropies.length } : {}),
  };
}

/** A proposer backed by a chat model: n samples are n requests, each with its own seed. */
export function createModelProposer(provider: ModelProvider, model: string, opts: ModelProposerOptions = {}): StepProposer {
  const ownLimit = pLimit(Math.max(1, opts.concurrency ?? 4));
  let logprobs = opts.logprobs ?? true;
  // Asked once per proposer: Ollama always continues; an OpenAI-style server only when it says it can (vLLM).
  let layout: Promise<PolicyLayout> | undefined;
  const layoutOf = (signal?: AbortSignal) =>
    (layout ??= provider.kind === 'ollama'
      ? Promise.resolve('continue-assistant')
      : Promise.resolve(provider.continuesAssistant?.(signal) ?? false).then((yes) => (yes ? 'continue-assistant' : 'user-turn')));
  return {
    async propose(problem, steps, n, { signal, seedBase, schedule, temperature, onPartial, partialEvery, sampleSignals, onProposal }) {
      throwIfAborted(signal);
      const run = schedule ?? (<T>(fn: () => Promise<T>) => ownLimit(fn));
      const asking = layoutOf(signal); // started at the first level, so later levels do not wait for it
      const chosen = steps.length ? await asking : 'user-turn';
      const messages = proposalMessages(chosen, problem, steps, opts.systemPrompt);
      const continuing = chosen === 'continue-assistant' && provider.kind !== 'ollama';
      const one = async (i: number): Promise<Proposal> => {
        const request = {
          model,
          messages,
          ...(continuing ? { continueFinalMessage: true } : {}),
          stop: [STEP_DELIMITER],
          temperature: temperature ?? opts.temperature ?? 0.8,
          ...(opts.topP !== undefined ? { topP: opts.topP } : {}),
          seed: seedBase + i,
          maxTokens: opts.maxTokens ?? 512,
          signal,
        };
        // Watched samples stream so the search can read them as they grow and stop them early.
        const watch = onPartial || sampleSignals?.[i]
          ? { onPartial: (text: string, tokens: number) => onPartial?.(i, text, tokens), every: partialEvery ?? 64, signal: sampleSignals?.[i] ?? new AbortController().signal }
          : undefined;
        let asked = false;
        // Whether to ask for logprobs is decided when the request starts: another sample may have learnt meanwhile that the server refuses them.
        const ask = async (wantLogprobs: boolean): Promise<Proposal> => {
          const res = await run(() => {
            asked = wantLogprobs && logprobs;
            const req: GenerateRequest = asked ? { ...request, logprobs: true, topLogprobs: 5 } : request;
            return watch ? streamGeneration(provider, req, watch) : provider.generate(req);
          });
          const proposal = toProposal(res.text, res.finishReason, res.usage, res.tokens);
          return 'aborted' in res && res.aborted ? { ...proposal, finished: false, aborted: true } : proposal;
        };
        let proposal: Proposal;
        try {
          proposal = await ask(true);
        } catch (err) {
          // Confidence is optional: a server that refuses logprobs still writes steps.
          if (!asked || isCancellation(err, signal) || (err as { code?: string }).code !== 'no-logprobs') throw err;
          logprobs = false;
          proposal = await ask(false);
        }
        onProposal?.(i, proposal);
        return proposal;
      };
      return Promise.all(Array.from({ length: n }, (_, i) => one(i)));
    },
  };
}
