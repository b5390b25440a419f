import { describe, expect, it } from 'vitest';
import { optionsFromFlags, resolveFlags } from '../../extension/cli/common';
import { SOLVE_HELP, solvePlan } from '../../extension/cli/solve';
import { InvalidOptions, normalizeBaseUrl, resolveOptions } from '../../extension/engine';
import { runRecordOf } from '../../extension/engine/runRecord';
import { readSettings, toHostConfig, type SettingKey } from '../../extension/vscode/settingsKeys';

const vscodeSettings = (values: Partial<Record<SettingKey, unknown>> = {}) => toHostConfig(readSettings((k) => values[k]));

describe('one front door: the CLI and VS Code resolve the same options', () => {
  it('`stepwise solve FILE` with no search flags runs exactly the search VS Code runs with default settings', () => {
    const cli = solvePlan({}, {});
    const editor = vscodeSettings();
    expect(cli.search).toEqual(editor.search);
    const { search: _s, suggestCorrections: _g, options: _o, problems, ...editorConfig } = editor;
    expect(problems).toEqual([]);
    expect(cli.config).toEqual(editorConfig);
    // search-and-learn's defaults, where it has one.
    expect(cli.search).toMatchObject({ strategy: 'beam', n: 4, beamWidth: 4, maxDepth: 40, temperature: 0.8, seed: 0 });
    expect(cli.config.aggregation).toBe('last');
  });

  it('the same choices made by flags and by settings give the same run', () => {
    const cli = solvePlan({ strategy: 'dvts', n: '8', 'beam-width': '2', 'max-depth': '12', temperature: '0.6', 'budget-calls': '300', model: 'llama3.1:8b' }, {});
    const editor = vscodeSettings({ strategy: 'dvts', 'search.n': 8, 'search.beamWidth': 2, 'search.maxDepth': 12, 'search.temperature': 0.6, 'budget.calls': 300, policyModel: 'llama3.1:8b' });
    expect(cli.search).toEqual(editor.search);
    expect(cli.config.policyModel).toBe(editor.policyModel);
    expect(cli.config.verifierModel).toBe(editor.verifierModel);
  });

  it('names the roles the same way: --model sets both, --policy-model and --verifier-model override one', () => {
    expect(optionsFromFlags({ model: 'm' })).toEqual({ policyModel: 'm', verifierModel: 'm' });
    const split = solvePlan({ model: 'judge:7b', 'policy-model': 'writer:7b' }, {}).config;
    expect([split.policyModel, split.verifierModel]).toEqual(['writer:7b', 'judge:7b']);
    // Only the policy named: it judges too (as the empty verifier setting does in VS Code).
    expect(solvePlan({ 'policy-model': 'writer:7b' }, {}).config.verifierModel).toBe('writer:7b');
    expect(vscodeSettings({ policyModel: 'writer:7b' }).verifierModel).toBe('writer:7b');
  });

  it('cross-field checks throw InvalidOptions naming the flags, before anything runs', () => {
    expect(() => solvePlan({ n: '6' }, {})).toThrow(InvalidOptions);
    expect(() => solvePlan({ n: '6' }, {})).toThrow('--n 6 must be a multiple of --beam-width 4 for beam');
    // best-of-n keeps no beams: any n goes.
    expect(solvePlan({ n: '6', strategy: 'best-of-n' }, {}).search.n).toBe(6);
    expect(() => solvePlan({ 'partial-reject': true }, {})).toThrow('--partial-reject needs a score to stop under: set --reject-below');
    expect(() => solvePlan({ 'budget-calls': '1' }, {})).toThrow('--budget-calls 1');
    expect(() => resolveOptions({ scorer: 'pooling' })).toThrow('set --pooling-url');
    expect(() => solvePlan({ temperature: '2.5' }, {})).toThrow('--temperature "2.5": expected a number from 0 to 2');
    expect(() => solvePlan({ seed: '1.5' }, {})).toThrow('--seed "1.5": expected a whole number');
  });

  it('accepts vscode as a provider kind in the schema, and the CLI refuses it with a clear message', () => {
    expect(resolveOptions({ verifierProvider: 'vscode' }).verifierProvider).toBe('vscode');
    expect(() => resolveFlags({ 'verifier-provider': 'vscode' }, {})).toThrow("--verifier-provider vscode: VS Code's language models are only available inside VS Code");
  });

  it('the help text shows the schema defaults', () => {
    expect(SOLVE_HELP).toMatch(/--beam-width M(?:(?!--)[\s\S])*\(default 4\)/);
    expect(SOLVE_HELP).toMatch(/--strategy best-of-n\|beam\|dvts\|mcts/);
    expect(SOLVE_HELP).toContain('--verifier-model M');
  });
});

describe('base URLs as users write them (the ollama CLI rules)', () => {
  it('adds the scheme and the port, and reads the listen-everywhere address as this machine', () => {
    expect(normalizeBaseUrl('localhost:11434', 'ollama', '--base-url')).toBe('http://localhost:11434');
    expect(normalizeBaseUrl('0.0.0.0', 'ollama', '--base-url')).toBe('http://127.0.0.1:11434');
    expect(normalizeBaseUrl('gpu-box:8000/v1', 'openai', '--base-url')).toBe('http://gpu-box:8000/v1');
    expect(normalizeBaseUrl('https://ollama.example.com', 'ollama', '--base-url')).toBe('https://ollama.example.com');
    expect(() => normalizeBaseUrl('ftp://host', 'ollama', '--base-url')).toThrow('--base-url ftp://host: the URL must start with http:// or https://');
  });

  it('honours OLLAMA_HOST when no base URL is given, and counts it as a named server', () => {
    const o = resolveOptions({}, { env: { OLLAMA_HOST: '0.0.0.0:11500' } });
    expect(o.baseUrl).toBe('http://127.0.0.1:11500');
    expect(o.named).toEqual(['OLLAMA_HOST']);
    // A base URL given wins.
    expect(resolveOptions({ baseUrl: 'localhost:1' }, { env: { OLLAMA_HOST: 'other:2' } }).baseUrl).toBe('http://localhost:1');
    // OLLAMA_HOST is Ollama's: an OpenAI-compatible policy does not use it.
    expect(resolveOptions({ provider: 'openai' }, { env: { OLLAMA_HOST: 'other:2' } }).baseUrl).toBe('');
  });
});

describe('a search records what it ran with', () => {
  it('writes flags that repeat the run, naming the scorer auto chose', () => {
    const { config, search } = solvePlan({ strategy: 'mcts', 'mcts-iterations': '12', 'base-url': 'localhost:11434' }, {});
    const { strategy, ...options } = search;
    const record = runRecordOf(config, strategy, options, 'judge');
    expect(record).toMatchObject({ strategy: 'mcts', n: 4, beamWidth: 4, maxDepth: 40, temperature: 0.8, seed: 0, aggregation: 'last', mctsIterations: 12 });
    expect(record.scorer).toEqual({ requested: 'auto', used: 'judge' });
    expect(record.policy).toEqual({ provider: 'ollama', baseUrl: 'http://localhost:11434', model: 'qwen2.5:7b' });
    const repeat = Object.fromEntries(record.repeat.flatMap((f, i, all) => (f.startsWith('--') ? [[f.slice(2), all[i + 1]]] : [])));
    const again = solvePlan(repeat, {});
    expect(again.search).toEqual(search);
    expect(again.config.scorer).toBe('judge');
  });
});
