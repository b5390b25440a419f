import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  engineConfigOf,
  InvalidOptions,
  OPTION_NAMES,
  optionSpec,
  resolveOptions,
  roleProviders,
  StepwiseError,
  type EngineConfig,
  type OPTION_SCHEMA,
  type OptionName,
  type PartialOptions,
  type ResolvedOptions,
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

type Schema = typeof OPTION_SCHEMA;
type FlagOf<K extends OptionName> = Schema[K] extends { cli: infer C extends string } ? C : never;
type FlagKind<K extends OptionName> = Schema[K] extends { type: 'boolean' } ? 'boolean' : 'string';
type FlagTable<N extends OptionName> = { [K in N as FlagOf<K>]: { type: FlagKind<K> } };

/** parseArgs options for schema options: every flag is read as text and checked by the schema (booleans stay flags). */
export function flagTable<const N extends OptionName>(names: readonly N[]): FlagTable<N> {
  return Object.fromEntries(names.map((n) => [optionSpec(n).cli!, { type: optionSpec(n).type === 'boolean' ? 'boolean' : 'string' }])) as FlagTable<N>;
}

/** Options every command that talks to a model shares. */
export const MODEL_OPTION_NAMES = [
  'provider', 'policyProvider', 'verifierProvider', 'baseUrl', 'verifierBaseUrl', 'policyModel', 'verifierModel', 'scorer', 'prmFormat', 'threshold',
  'aggregation', 'verbalSamples', 'poolingUrl', 'poolingModel', 'concurrency', 'timeoutSeconds', 'ollamaKeepAlive', 'ollamaMaxContext', 'apiKeyEnv',
] as const satisfies readonly OptionName[];

/** The search flags of `stepwise solve`. */
export const SEARCH_OPTION_NAMES = [
  'strategy', 'n', 'beamWidth', 'maxDepth', 'temperature', 'seed', 'rejectBelow', 'partialReject', 'mctsIterations', 'mctsRollouts', 'budgetCalls', 'budgetTokens', 'budgetSeconds',
] as const satisfies readonly OptionName[];

export const modelOptions = {
  ...flagTable(MODEL_OPTION_NAMES),
  model: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const HELP_COLUMN = 31;

/** `--flag ARG   description (default D)` for each option, wrapped, from the schema. */
export function flagHelp(names: readonly OptionName[]): string {
  return names.map((n) => {
    const spec = optionSpec(n);
    // The editor's own models (`vscode`) are no choice on the command line.
    const arg = spec.type === 'boolean' ? '' : spec.type === 'enum' ? ` ${spec.values.filter((v) => v && v !== 'vscode').join('|')}` : ` ${spec.arg ?? 'X'}`;
    const saysDefault = spec.description.includes('(0:') || spec.description.includes('Empty:');
    const shown = spec.default === '' || saysDefault ? undefined : spec.type === 'boolean' ? (spec.default ? 'on' : undefined) : String(spec.default);
    const text = spec.description.replace(/`/g, '') + (shown !== undefined ? ` (default ${shown})` : '');
    return helpLine(`--${spec.cli}${arg}`, text);
  }).join('\n');
}

/** One help entry: the flag, then its text wrapped at 90 columns under the description column. */
export function helpLine(flag: string, text: string): string {
  const lines: string[] = [];
  let line = `  ${flag}`.padEnd(HELP_COLUMN - 1);
  if (line.length >= HELP_COLUMN) {
    lines.push(line);
    line = ''.padEnd(HELP_COLUMN - 1);
  }
  for (const word of text.split(/\s+/)) {
    if (line.trim() && line.length + 1 + word.length > 90) {
      lines.push(line);
      line = ''.padEnd(HELP_COLUMN - 1);
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

export const MODEL_OPTIONS_HELP = `Model options (the policy writes steps, the verifier judges them):
${helpLine('--model M', 'the model for both roles (policy and verifier); --policy-model and --verifier-model override one')}
${flagHelp(MODEL_OPTION_NAMES)}
${helpLine('--json', 'machine-readable output on stdout')}`;

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

/** For flags of one command that are not Stepwise options (an eval's --limit). */
export const positiveInt = (name: string, raw: string | undefined, fallback: number) =>
  number(name, raw, fallback, (n) => Number.isInteger(n) && n > 0, 'expected a whole number above 0');

export const nonNegative = (name: string, raw: string | undefined, fallback: number) =>
  number(name, raw, fallback, (n) => n >= 0, 'expected a number of 0 or more');

type FlagValues = Record<string, string | boolean | undefined>;

/** The schema options a command's flags name; `--model` sets both roles unless a role is named on its own. */
export function optionsFromFlags(values: FlagValues, names: readonly OptionName[] = OPTION_NAMES): PartialOptions {
  const partial: PartialOptions = {};
  for (const name of names) {
    const flag = optionSpec(name).cli;
    if (flag && values[flag] !== undefined) partial[name] = values[flag];
  }
  if (typeof values.model === 'string') {
    partial.policyModel ??= values.model;
    partial.verifierModel ??= values.model;
  }
  return partial;
}

/** Resolves the flags through the schema (every default and check is the engine's) and refuses what only VS Code has. */
export function resolveFlags(values: FlagValues, env: NodeJS.ProcessEnv, names: readonly OptionName[] = OPTION_NAMES): ResolvedOptions {
  const resolved = resolveOptions(optionsFromFlags(values, names), { source: 'cli', env });
  // Say `--model` when that is what the user typed for a role.
  if (typeof values.model === 'string') {
    const viaModel = (flag: string) => values[flag.slice(2)] === undefined;
    resolved.named = [...new Set(resolved.named.map((n) => ((n === '--policy-model' || n === '--verifier-model') && viaModel(n) ? '--model' : n)))];
  }
  const roles = roleProviders(resolved);
  if (roles.policy === 'vscode' || roles.verifier === 'vscode') {
    const flag = resolved.policyProvider === 'vscode' ? '--policy-provider' : resolved.verifierProvider === 'vscode' ? '--verifier-provider' : '--provider';
    throw new InvalidOptions(`${flag} vscode: VS Code's language models are only available inside VS Code; on the command line use ollama or openai.`);
  }
  return resolved;
}

/** The API key for OpenAI-compatible servers, from the environment variable named by --api-key-env. */
export function apiKeyFrom(resolved: ResolvedOptions, env: NodeJS.ProcessEnv): string | undefined {
  const keyVar = resolved.apiKeyEnv;
  const named = resolved.named.includes('--api-key-env');
  if (named && env[keyVar] === undefined) throw new InvalidOptions(`--api-key-env ${keyVar}: that environment variable is not set.`);
  const roles = roleProviders(resolved);
  return roles.policy === 'openai' || roles.verifier === 'openai' || resolved.poolingUrl ? env[keyVar] : undefined;
}

/** Turns a command's flags and the environment into the engine's plain config. */
export function configFromFlags(values: FlagValues, env: NodeJS.ProcessEnv, names: readonly OptionName[] = MODEL_OPTION_NAMES): EngineConfig {
  const resolved = resolveFlags(values, env, names);
  return engineConfigOf(resolved, { apiKey: apiKeyFrom(resolved, env) });
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
