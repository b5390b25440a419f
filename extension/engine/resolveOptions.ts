// Defaults and checks, once, at the engine's entry: every front door hands its partial options here.
import { InvalidOptions } from './errors';
import { defaultOptions, OPTION_NAMES, optionLabel, optionSpec, type OptionName, type OptionSource, type ProviderChoice, type StepwiseOptions } from './options';
import { normalizeBaseUrl } from './providers/endpoint';

export type PartialOptions = Partial<Record<OptionName, unknown>>;

export interface ResolvedOptions extends StepwiseOptions {
  /** How the user named what they chose: flags or settings, and OLLAMA_HOST when it picked the server. */
  named: string[];
  source: OptionSource;
}

export interface ResolveContext {
  /** Whose names go into messages: `--beam-width` (cli) or `stepwise.search.beamWidth` (settings). */
  source?: OptionSource;
  /** For OLLAMA_HOST. */
  env?: Record<string, string | undefined>;
}

/** Every option with its default applied and every check passed; throws InvalidOptions naming the flag or setting. */
export function resolveOptions(partial: PartialOptions = {}, ctx: ResolveContext = {}): ResolvedOptions {
  const { options, problems } = checkOptions(partial, ctx);
  if (problems.length) throw new InvalidOptions(problems.join(' '));
  return options;
}

/** As `resolveOptions`, but a value that cannot be used is listed and its default kept (for a status bar). */
export function checkOptions(partial: PartialOptions = {}, ctx: ResolveContext = {}): { options: ResolvedOptions; problems: string[] } {
  const source = ctx.source ?? 'cli';
  const label = (k: OptionName) => optionLabel(k, source);
  const options = defaultOptions();
  const values = options as unknown as Record<OptionName, unknown>;
  const problems: string[] = [];
  const named: string[] = [];
  for (const key of OPTION_NAMES) {
    const raw = partial[key];
    if (raw === undefined || raw === null) continue;
    const checked = checkValue(key, raw, label(key));
    if (typeof checked === 'object') problems.push(checked.problem);
    else {
      values[key] = checked;
      named.push(label(key));
    }
  }
  const o = options;
  const ollamaHost = ctx.env?.OLLAMA_HOST?.trim();
  const url = (key: 'baseUrl' | 'verifierBaseUrl' | 'poolingUrl', kind: 'ollama' | 'openai') => {
    if (!o[key].trim()) return;
    try {
      o[key] = normalizeBaseUrl(o[key], kind, label(key));
    } catch (err) {
      problems.push((err as Error).message);
      o[key] = '';
    }
  };
  const policyKind = o.policyProvider || o.provider;
  const verifierKind = o.verifierProvider || o.provider;
  url('baseUrl', policyKind === 'openai' ? 'openai' : 'ollama');
  url('verifierBaseUrl', verifierKind === 'openai' ? 'openai' : 'ollama');
  url('poolingUrl', 'openai');
  if (!o.baseUrl && ollamaHost && (policyKind === 'ollama' || verifierKind === 'ollama')) {
    try {
      o.baseUrl = policyKind === 'ollama' ? normalizeBaseUrl(ollamaHost, 'ollama', 'OLLAMA_HOST') : o.baseUrl;
      if (policyKind !== 'ollama' && !o.verifierBaseUrl) o.verifierBaseUrl = normalizeBaseUrl(ollamaHost, 'ollama', 'OLLAMA_HOST');
      named.push('OLLAMA_HOST');
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  problems.push(...crossFieldProblems(o, label));
  return { options: { ...o, named, source }, problems };
}

function checkValue(key: OptionName, raw: unknown, label: string): string | number | boolean | { problem: string } {
  const spec = optionSpec(key);
  const bad = (rule: string) => ({ problem: `${label} ${JSON.stringify(raw)}: ${rule}.` });
  switch (spec.type) {
    case 'enum':
      if (typeof raw === 'string' && spec.values.includes(raw)) return raw;
      return bad(`use ${spec.values.filter(Boolean).join(', ')}${spec.values.includes('') ? ' (or leave it empty)' : ''}`);
    case 'string':
      return typeof raw === 'string' ? raw : bad('expected text');
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return bad('expected true or false');
    case 'integer':
    case 'number': {
      // The CLI hands text; a setting hands a number. Either way the whole value must be a number.
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      const whole = spec.type === 'integer';
      const range = spec.max !== undefined ? `from ${spec.min ?? '-∞'} to ${spec.max}` : `of ${spec.min ?? 0} or more`;
      const rule = `expected ${whole ? 'a whole number' : 'a number'} ${range}`;
      if (!Number.isFinite(n) || (whole && !Number.isInteger(n))) return bad(rule);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return bad(rule);
      return n;
    }
  }
}

/** Checks that involve more than one option (search-and-learn's `Config.__post_init__`). */
function crossFieldProblems(o: StepwiseOptions, label: (k: OptionName) => string): string[] {
  const problems: string[] = [];
  if ((o.strategy === 'beam' || o.strategy === 'dvts') && o.n % o.beamWidth !== 0) {
    problems.push(`${label('n')} ${o.n} must be a multiple of ${label('beamWidth')} ${o.beamWidth} for ${o.strategy} (it keeps N/M ${o.strategy === 'beam' ? 'beams' : 'subtrees'}).`);
  }
  if (o.partialReject && !(o.rejectBelow > 0)) problems.push(`${label('partialReject')} needs a score to stop under: set ${label('rejectBelow')} as well.`);
  if (o.budgetCalls === 1) problems.push(`${label('budgetCalls')} 1: a search needs at least 2 requests (one step and its score); use 2 or more, or 0 for no limit.`);
  if (o.scorer === 'pooling' && !o.poolingUrl) problems.push(`The pooling scorer needs the vLLM server: set ${label('poolingUrl')} (and ${label('poolingModel')}).`);
  if (o.scorer === 'pooling' && !o.poolingModel.trim()) problems.push(`The pooling scorer needs the PRM's name: set ${label('poolingModel')}, e.g. Qwen/Qwen2.5-Math-PRM-7B.`);
  if (!o.policyModel.trim() && (o.policyProvider || o.provider) !== 'vscode') problems.push(`${label('policyModel')} is empty: name the model that writes steps, e.g. qwen2.5:7b.`);
  return problems;
}

/** The provider each role runs on. */
export function roleProviders(o: StepwiseOptions): { policy: ProviderChoice; verifier: ProviderChoice } {
  return { policy: o.policyProvider || o.provider, verifier: o.verifierProvider || o.provider };
}

