import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  AGGREGATIONS,
  defaultConfig,
  InvalidOptions,
  isAggregation,
  PRM_FORMATS,
  SCORER_NAMES,
  StepwiseError,
  type EngineConfig,
  type PrmFormat,
  type ScorerName,
} from '../engine';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** Whether stderr is a terminal (progress lines redraw in place). */
  isTTY: boolean;
}

/** Options every command that talks to a model shares. */
export const modelOptions = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  'policy-model': { type: 'string' },
  scorer: { type: 'string' },
  threshold: { type: 'string' },
  aggregation: { type: 'string' },
  'api-key-env': { type: 'string' },
  'pooling-url': { type: 'string' },
  'pooling-model': { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'verbal-samples': { type: 'string' },
  'prm-format': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const MODEL_OPTIONS_HELP = `Model options:
  --provider ollama|openai     where models run (default ollama)
  --base-url URL               Ollama host (default http://127.0.0.1:11434) or, for openai,
                               the base URL ending in /v1 (default http://127.0.0.1:8000/v1)
  --model M                    verifier (judge) model (default qwen2.5:7b)
  --policy-model P             model that writes steps (default: the verifier model)
  --scorer S                   auto|judge|plusminus|pooling|verbal|arithmetic (default auto:
                               the model when it answers, else the arithmetic checker)
  --threshold T                a step scoring below T is wrong (default 0.5)
  --aggregation A              min|prod|last|mean for the solution score (default min)
  --api-key-env NAME           read the API key from this environment variable
                               (default OPENAI_API_KEY); keys are never taken as flag values
  --pooling-url URL            vLLM server root for the pooling scorer
  --pooling-model M            PRM served there, e.g. Qwen/Qwen2.5-Math-PRM-7B
  --concurrency C              parallel model requests (default 4)
  --timeout S                  seconds to wait for a model answer (default 120)
  --verbal-samples K           verdicts sampled per step by the verbal scorer (default 5)
  --prm-format F               rlhflow|math-shepherd: prompt layout of the plusminus scorer
                               (default rlhflow)
  --json                       machine-readable output on stdout`;

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new InvalidOptions(`${(err as Error).message}. See --help.`);
  }
}

function number(name: string, raw: string | undefined, fallback: number, check: (n: number) => boolean, rule: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new InvalidOptions(`--${name} ${raw}: ${rule}.`);
  return n;
}

export const positiveInt = (name: string, raw: string | undefined, fallback: number) =>
  number(name, raw, fallback, (n) => Number.isInteger(n) && n > 0, 'expected a whole number above 0');

export const nonNegative = (name: string, raw: string | undefined, fallback: number) =>
  number(name, raw, fallback, (n) => n >= 0, 'expected a number of 0 or more');

/** Turns the shared flags and the environment into the engine's plain config. */
export function configFromFlags(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): EngineConfig {
  const config = defaultConfig();
  const str = (k: string) => values[k] as string | undefined;
  const provider = str('provider') ?? 'ollama';
  if (provider !== 'ollama' && provider !== 'openai') throw new InvalidOptions(`--provider ${provider}: use ollama or openai.`);
  const keyVar = str('api-key-env') ?? 'OPENAI_API_KEY';
  if (str('api-key-env') && env[keyVar] === undefined) throw new InvalidOptions(`--api-key-env ${keyVar}: that environment variable is not set.`);
  const apiKey = provider === 'openai' ? env[keyVar] : undefined;
  config.provider = {
    kind: provider,
    baseUrl: str('base-url'),
    apiKey,
    timeoutMs: number('timeout', str('timeout'), 120, (n) => n > 0, 'expected seconds above 0') * 1000,
    maxRetries: 2,
  };
  const model = str('model') ?? str('policy-model');
  if (model) config.verifierModel = model;
  config.policyModel = str('policy-model') ?? config.verifierModel;
  const scorer = str('scorer') ?? 'auto';
  if (scorer !== 'auto' && !(SCORER_NAMES as readonly string[]).includes(scorer)) {
    throw new InvalidOptions(`--scorer ${scorer}: use auto, ${SCORER_NAMES.join(', ')}.`);
  }
  config.scorer = scorer as ScorerName | 'auto';
  config.threshold = number('threshold', str('threshold'), 0.5, (n) => n >= 0 && n <= 1, 'expected a number from 0 to 1');
  const aggregation = str('aggregation') ?? 'min';
  if (!isAggregation(aggregation)) throw new InvalidOptions(`--aggregation ${aggregation}: use ${AGGREGATIONS.join(', ')}.`);
  config.aggregation = aggregation;
  config.concurrency = positiveInt('concurrency', str('concurrency'), 4);
  config.verbalSamples = positiveInt('verbal-samples', str('verbal-samples'), 5);
  const prmFormat = str('prm-format');
  if (prmFormat !== undefined) {
    if (!(PRM_FORMATS as readonly string[]).includes(prmFormat)) throw new InvalidOptions(`--prm-format ${prmFormat}: use ${PRM_FORMATS.join(' or ')}.`);
    config.prmFormat = prmFormat as PrmFormat;
  }
  if (str('pooling-url') || str('pooling-model')) {
    config.pooling = { baseUrl: str('pooling-url') ?? 'http://127.0.0.1:8000', model: str('pooling-model') ?? 'Qwen/Qwen2.5-Math-PRM-7B', apiKey };
  }
  return config;
}

/** One line for a user: the error's message and, where there is one, the command that fixes it. */
export function describeError(err: unknown): string {
  if (err instanceof StepwiseError) return err.fix && !err.message.includes(err.fix) ? `${err.message}\n  Try: ${err.fix}` : err.message;
  return `Unexpected error: ${(err as Error)?.stack ?? String(err)}`;
}

/** Shortens text to one line of at most `width` characters. */
export function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}
