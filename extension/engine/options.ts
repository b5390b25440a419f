// The one options schema (in the manner of search-and-learn's `Config`): every option Stepwise takes, with its
// default, range, description, CLI flag and `stepwise.*` setting key. The CLI flags and the VS Code settings only
// parse into it; `resolveOptions` (resolveOptions.ts) applies the defaults and the cross-field checks.
import { AGGREGATIONS } from './scorers/aggregate';
import { SCORER_NAMES } from './scorers/scorer';
import { STRATEGIES } from './search/types';

export const PROVIDER_KINDS = ['ollama', 'openai', 'vscode'] as const;
export type ProviderChoice = (typeof PROVIDER_KINDS)[number];
export const PRM_FORMATS = ['rlhflow', 'math-shepherd'] as const;
export type PrmFormat = (typeof PRM_FORMATS)[number];

export type OptionCategory = 'Models' | 'Verification' | 'Search' | 'Budgets' | 'Advanced';
export const OPTION_CATEGORIES: readonly OptionCategory[] = ['Models', 'Verification', 'Search', 'Budgets', 'Advanced'];

interface SpecBase {
  description: string;
  category: OptionCategory;
  /** CLI flag without the dashes; absent: not a CLI option. */
  cli?: string;
  /** Placeholder shown in `--help` (enums show their values). */
  arg?: string;
  /** Setting key after `stepwise.`; absent: not a VS Code setting. */
  setting?: string;
}
export type OptionSpec = SpecBase &
  (
    | { type: 'enum'; default: string; values: readonly string[]; valueDescriptions: readonly string[] }
    | { type: 'string'; default: string }
    | { type: 'integer' | 'number'; default: number; min?: number; max?: number }
    | { type: 'boolean'; default: boolean }
  );

const providerValues = ['Ollama native API (logprobs need Ollama 0.12.11 or later).', 'An OpenAI-compatible server (vLLM, llama.cpp, LM Studio, OpenAI); the base URL ends in /v1.', "VS Code's language models (only inside VS Code)."];

/** Listed in the order settings are shown; `order` in package.json follows this list. */
export const OPTION_SCHEMA = {
  provider: { category: 'Models', type: 'enum', default: 'ollama', values: PROVIDER_KINDS, valueDescriptions: providerValues, cli: 'provider', setting: 'provider', description: 'Where models run, for both roles unless a role names its own provider.' },
  baseUrl: { category: 'Models', type: 'string', default: '', cli: 'base-url', arg: 'URL', setting: 'endpoint', description: 'Base URL of the model server. Empty: OLLAMA_HOST or http://127.0.0.1:11434 for Ollama, http://127.0.0.1:8000/v1 for OpenAI-compatible servers. `localhost:11434` (no scheme) is accepted.' },
  policyModel: { category: 'Models', type: 'string', default: 'qwen2.5:7b', cli: 'policy-model', arg: 'M', setting: 'policyModel', description: 'The policy: the model that writes steps (and judges them unless the verifier model is set).' },
  verifierModel: { category: 'Models', type: 'string', default: '', cli: 'verifier-model', arg: 'M', setting: 'verifierModel', description: 'The verifier: the model that judges steps. Empty: the policy model.' },
  policyProvider: { category: 'Models', type: 'enum', default: '', values: ['', ...PROVIDER_KINDS], valueDescriptions: ['The provider setting.', ...providerValues], cli: 'policy-provider', setting: 'policyProvider', description: 'Where the policy model runs. Empty: the provider setting.' },
  verifierProvider: { category: 'Models', type: 'enum', default: '', values: ['', ...PROVIDER_KINDS], valueDescriptions: ['The provider setting.', ...providerValues], cli: 'verifier-provider', setting: 'verifierProvider', description: 'Where the verifier model runs. Empty: the provider setting.' },
  verifierBaseUrl: { category: 'Models', type: 'string', default: '', cli: 'verifier-base-url', arg: 'URL', setting: 'verifierEndpoint', description: "Base URL of the verifier's server. Empty: the base URL when both roles use the same provider, else that provider's default." },
  threshold: { category: 'Verification', type: 'number', default: 0.5, min: 0, max: 1, cli: 'threshold', arg: 'T', setting: 'threshold', description: 'A step scoring below this is wrong. The earliest wrong step is found per step with this threshold, whatever the aggregation.' },
  scorer: {
    category: 'Verification', type: 'enum', default: 'auto', values: ['auto', ...SCORER_NAMES], cli: 'scorer', setting: 'scorer', description: 'How a step gets its score.',
    valueDescriptions: [
      'Reference-guided when there is a reference solution; else the judge when the server answers with the model, or, when nothing was named, the arithmetic checker (said in the result). With a server, model, provider or scorer named, a failure is reported instead.',
      'P(yes) from the first answer token\'s logprobs (a generative judge); on an endpoint without logprobs, sampled verdicts from the same model, said in the result.',
      'P(+) vs P(-) of a Math-Shepherd / RLHFlow style PRM (see the PRM format).',
      'A vLLM-served PRM through /pooling (see the pooling endpoint).',
      'Sampled yes/no verdicts (no logprobs needed).',
      'Checks the arithmetic each step states (no model).',
      'Math-Shepherd rollouts: a step is as good as the solutions it leads to (any chat model as the policy; no logprobs).',
      'Reference-guided: the judge aligns each step with a reference solution and judges it.',
    ],
  },
  aggregation: {
    category: 'Verification', type: 'enum', default: 'last', values: AGGREGATIONS, cli: 'aggregation', setting: 'aggregation', description: 'How step scores combine into a solution score (ranking search paths and final solutions).',
    valueDescriptions: ['The weakest step decides.', 'The product of the step scores.', "The last step's score (search-and-learn's default for ranking final solutions).", 'The mean of the step scores.'],
  },
  prmFormat: {
    category: 'Verification', type: 'enum', default: 'rlhflow', values: PRM_FORMATS, cli: 'prm-format', setting: 'prmFormat', description: 'Prompt layout of the plusminus scorer.',
    valueDescriptions: ['Chat turns, one step per user turn, `+` as the assistant answer (RLHFlow PRMs).', 'A raw prompt with `ки` after each step (Math-Shepherd PRM).'],
  },
  verbalSamples: { category: 'Verification', type: 'integer', default: 5, min: 1, max: 64, cli: 'verbal-samples', arg: 'K', setting: 'verbalSamples', description: 'Verdicts sampled per step by the verbal scorer (and by the judge on an endpoint without logprobs).' },
  poolingUrl: { category: 'Verification', type: 'string', default: '', cli: 'pooling-url', arg: 'URL', setting: 'pooling.endpoint', description: 'Root URL of a vLLM server that serves a process reward model with /pooling (for the pooling scorer).' },
  poolingModel: { category: 'Verification', type: 'string', default: 'Qwen/Qwen2.5-Math-PRM-7B', cli: 'pooling-model', arg: 'M', setting: 'pooling.model', description: 'The PRM served at the pooling endpoint.' },
  correctionRounds: { category: 'Verification', type: 'integer', default: 1, min: 1, max: 8, cli: 'rounds', arg: 'R', setting: 'correction.rounds', description: 'Reviewer/refiner rounds when correcting a weak step.' },
  correctionAlternatives: { category: 'Verification', type: 'integer', default: 4, min: 1, max: 32, cli: 'alternatives', arg: 'K', setting: 'correction.alternatives', description: 'Alternatives sampled for a weak step when correcting it.' },
  suggestCorrections: { category: 'Verification', type: 'boolean', default: true, setting: 'suggestCorrections', description: 'After Verify Steps, prepare a correction for the earliest wrong step in the background so the quick fix is instant.' },
  progressRollouts: { category: 'Verification', type: 'integer', default: 8, min: 1, max: 64, cli: 'rollouts', arg: 'K', setting: 'progress.rollouts', description: 'Progress scorer: completions the policy model plays out after each step, to a final answer (Math-Shepherd).' },
  progressEstimate: {
    category: 'Verification', type: 'enum', default: 'hard', values: ['hard', 'soft'], cli: 'estimate', setting: 'progress.estimate', description: "Progress scorer: how a step's value Q is read from its rollouts.",
    valueDescriptions: ['Q = 1 when any rollout reaches the reference answer (Math-Shepherd hard estimate).', 'Q = the share of rollouts that reach it (soft estimate).'],
  },
  answer: { category: 'Verification', type: 'string', default: '', cli: 'answer', arg: 'A', description: 'Progress scorer: the reference answer. Empty: an `Answer:` line after the problem, else the answer most rollouts from the problem reach.' },
  referenceFile: { category: 'Verification', type: 'string', default: '', cli: 'reference', arg: 'FILE', setting: 'reference.file', description: 'A reference solution to grade against (reference-guided verification); relative paths are read from the workspace folder. Empty: a `## Reference` section in the document, if any.' },
  strategy: {
    category: 'Search', type: 'enum', default: 'beam', values: STRATEGIES, cli: 'strategy', setting: 'strategy', description: 'Search strategy for solving.',
    valueDescriptions: ['N full solutions, the best by score, with majority and PRM-weighted votes.', 'Step-level beam search: N beams, the best N/M kept each step and expanded M times.', 'Diverse verifier tree search: N/M independent subtrees, each greedy on its best of M candidates.', 'Monte Carlo tree search (PUCT, OpenR) with PRM scores as values.'],
  },
  n: { category: 'Search', type: 'integer', default: 4, min: 1, max: 256, cli: 'n', arg: 'N', setting: 'search.n', description: 'Solutions (best-of-N), beams (beam) or candidates per step over all subtrees (DVTS).' },
  beamWidth: { category: 'Search', type: 'integer', default: 4, min: 1, max: 64, cli: 'beam-width', arg: 'M', setting: 'search.beamWidth', description: 'M: candidates each kept beam expands into; for beam and DVTS, N must be a multiple of it.' },
  maxDepth: { category: 'Search', type: 'integer', default: 40, min: 1, max: 200, cli: 'max-depth', arg: 'D', setting: 'search.maxDepth', description: 'Most steps in one solution.' },
  temperature: { category: 'Search', type: 'number', default: 0.8, min: 0, max: 2, cli: 'temperature', arg: 'T', setting: 'search.temperature', description: 'Sampling temperature of the policy model.' },
  seed: { category: 'Search', type: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, cli: 'seed', arg: 'S', setting: 'search.seed', description: 'Run seed for sampling and tie-breaking: the same seed on the same server repeats the run.' },
  rejectBelow: { category: 'Search', type: 'number', default: 0, min: 0, max: 1, cli: 'reject-below', arg: 'X', setting: 'search.rejectBelow', description: 'Prune partial solutions whose aggregated score falls under this (0: off).' },
  partialReject: { category: 'Search', type: 'boolean', default: false, cli: 'partial-reject', setting: 'search.partialReject', description: 'Beam: stop writing a candidate whose partial step scores under the reject-below score and well behind its best sibling.' },
  mctsIterations: { category: 'Search', type: 'integer', default: 0, min: 0, max: 100000, cli: 'mcts-iterations', arg: 'K', setting: 'search.mctsIterations', description: 'MCTS iterations (0: 4 × N, at least 8).' },
  mctsRollouts: { category: 'Search', type: 'integer', default: 0, min: 0, max: 64, cli: 'rollouts', arg: 'K', setting: 'search.mctsRollouts', description: 'MCTS: completions played out from each new node, to judge it also by where it leads (0: off).' },
  budgetCalls: { category: 'Budgets', type: 'integer', default: 0, min: 0, cli: 'budget-calls', arg: 'C', setting: 'budget.calls', description: 'Stop after this many model requests (0: no limit).' },
  budgetTokens: { category: 'Budgets', type: 'integer', default: 0, min: 0, cli: 'budget-tokens', arg: 'T', setting: 'budget.tokens', description: 'Stop after this many generated tokens (0: no limit).' },
  budgetSeconds: { category: 'Budgets', type: 'number', default: 0, min: 0, cli: 'budget-seconds', arg: 'S', setting: 'budget.seconds', description: 'Stop after this many seconds (0: no limit).' },
  showOkLabels: { category: 'Verification', type: 'boolean', default: false, setting: 'annotations.showOk', description: 'Label steps judged correct too. Off: only steps that need attention (wrong, doubtful, without a verdict) get a label; the gutter and the CodeLens still show ok steps.' },
  concurrency: { category: 'Advanced', type: 'integer', default: 4, min: 1, max: 64, cli: 'concurrency', arg: 'C', setting: 'concurrency', description: 'Parallel model requests.' },
  timeoutSeconds: { category: 'Advanced', type: 'number', default: 120, min: 1, cli: 'timeout', arg: 'S', setting: 'requestTimeoutSeconds', description: 'Seconds one model request may wait for data (the first request after idle may load the model).' },
  ollamaKeepAlive: { category: 'Advanced', type: 'string', default: '5m', cli: 'keep-alive', arg: 'D', setting: 'ollama.keepAlive', description: 'How long Ollama keeps the model loaded after a request (`keep_alive`, e.g. 5m, 1h, -1).' },
  ollamaMaxContext: { category: 'Advanced', type: 'integer', default: 32768, min: 2048, max: 1048576, cli: 'max-context', arg: 'K', setting: 'ollama.maxContext', description: "Upper bound for Ollama's `num_ctx`; Stepwise sizes it to the prompt." },
  evalSamples: { category: 'Advanced', type: 'integer', default: 16, min: 1, max: 1024, cli: 'n', arg: 'N', description: 'eval bestofn: solutions sampled per problem; accuracy is reported at 1, 2, 4, … up to this.' },
  evalSubsets: { category: 'Advanced', type: 'integer', default: 64, min: 1, max: 100000, cli: 'subsets', arg: 'K', description: "eval bestofn: subsets averaged per N': all of them when there are at most K, else K random ones." },
  apiKeyEnv: { category: 'Advanced', type: 'string', default: 'OPENAI_API_KEY', cli: 'api-key-env', arg: 'NAME', description: 'Environment variable holding the API key of an OpenAI-compatible server (keys are never taken as flag values; VS Code keeps them with Stepwise: Set API Key).' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTION_SCHEMA;
export const OPTION_NAMES = Object.keys(OPTION_SCHEMA) as OptionName[];

type ValueOf<S> = S extends { type: 'enum'; values: readonly (infer V)[] } ? V : S extends { type: 'integer' | 'number' } ? number : S extends { type: 'boolean' } ? boolean : string;
/** Every option with its value: what `resolveOptions` returns (plus which ones the user named). */
export type StepwiseOptions = { -readonly [K in OptionName]: ValueOf<(typeof OPTION_SCHEMA)[K]> };

export const optionSpec = (name: OptionName): OptionSpec => OPTION_SCHEMA[name] as OptionSpec;

/** The schema's defaults, as one options object. */
export function defaultOptions(): StepwiseOptions {
  return Object.fromEntries(OPTION_NAMES.map((k) => [k, OPTION_SCHEMA[k].default])) as StepwiseOptions;
}

/** How an option is named to the user: its flag (CLI) or its setting (VS Code). */
export type OptionSource = 'cli' | 'settings';
export function optionLabel(name: OptionName, source: OptionSource): string {
  const spec = optionSpec(name);
  if (source === 'cli' && spec.cli) return `--${spec.cli}`;
  if (source === 'settings' && spec.setting) return `stepwise.${spec.setting}`;
  return spec.cli ? `--${spec.cli}` : spec.setting ? `stepwise.${spec.setting}` : name;
}
