import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPTION_NAMES, OPTION_SCHEMA, optionSpec } from '../../extension/engine';
import { COMMANDS } from '../../extension/vscode/ids';
import { contributedConfiguration, readSettings, SETTING_KEYS, SETTING_OPTIONS, toHostConfig, type SettingKey } from '../../extension/vscode/settingsKeys';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
type Contributed = { title: string; order: number; properties: Record<string, { type: string; default: unknown; enum?: string[]; markdownEnumDescriptions?: string[]; minimum?: number; maximum?: number; order: number; markdownDescription: string }> };
const categories: Contributed[] = pkg.contributes.configuration;
const contributed = Object.assign({}, ...categories.map((c) => c.properties)) as Contributed['properties'];

describe('package.json settings against the options schema', () => {
  it('contributes exactly the schema options that have a setting key, with the schema default, enum and range', () => {
    expect(Object.keys(contributed).sort()).toEqual(SETTING_KEYS.map((k) => `stepwise.${k}`).sort());
    for (const key of SETTING_KEYS) {
      const spec = optionSpec(SETTING_OPTIONS[key]);
      const entry = contributed[`stepwise.${key}`];
      expect(entry.default, key).toEqual(spec.default);
      expect(entry.markdownDescription, key).toBe(spec.description);
      if (spec.type === 'enum') {
        expect(entry.enum, key).toEqual([...spec.values]);
        expect(entry.markdownEnumDescriptions, `${key}: one description per value`).toHaveLength(spec.values.length);
      } else expect(entry.enum, key).toBeUndefined();
      if (spec.type === 'integer' || spec.type === 'number') {
        expect(entry.type, key).toBe(spec.type);
        expect(entry.minimum, key).toBe(spec.min);
        expect(entry.maximum, key).toBe(spec.max);
      }
    }
    // The generator and the file agree in every detail (order and titles included).
    expect(categories).toEqual(JSON.parse(JSON.stringify(contributedConfiguration())));
  });

  it('groups the settings under titled categories, Models first, with the threshold at the top of Verification', () => {
    expect(categories.map((c) => c.title)).toEqual(['Models', 'Verification', 'Search', 'Budgets', 'Advanced']);
    expect(categories.map((c) => c.order)).toEqual([0, 1, 2, 3, 4]);
    const verification = categories[1].properties;
    expect(Object.entries(verification).find(([, p]) => p.order === 0)?.[0]).toBe('stepwise.threshold');
    expect(Object.keys(categories[0].properties)).toEqual(expect.arrayContaining(['stepwise.policyModel', 'stepwise.verifierModel', 'stepwise.policyProvider', 'stepwise.verifierProvider', 'stepwise.provider']));
  });

  it('follows search-and-learn where it has a default: n 4, beam width 4, max depth 40, temperature 0.8, aggregation last', () => {
    expect(contributed['stepwise.search.n'].default).toBe(4);
    expect(contributed['stepwise.search.beamWidth'].default).toBe(4);
    expect(contributed['stepwise.search.maxDepth'].default).toBe(40);
    expect(contributed['stepwise.search.temperature'].default).toBe(0.8);
    expect(contributed['stepwise.aggregation'].default).toBe('last');
    expect(contributed['stepwise.provider'].enum).toEqual(['ollama', 'openai', 'vscode']);
  });

  it('every option has a description and at least one front door (a flag or a setting)', () => {
    for (const name of OPTION_NAMES) {
      const spec = OPTION_SCHEMA[name] as { description: string; cli?: string; setting?: string };
      expect(spec.description.length, name).toBeGreaterThan(10);
      expect(Boolean(spec.cli || spec.setting), name).toBe(true);
    }
  });

  it('contributes every command the code registers, and no other', () => {
    const ids = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(ids).toEqual(Object.values(COMMANDS).sort());
  });

  it('contributes the theme colours the decorations use, for every theme kind', () => {
    const colors = pkg.contributes.colors.map((c: { id: string }) => c.id);
    for (const id of ['stepwise.okForeground', 'stepwise.doubtfulForeground', 'stepwise.wrongForeground', 'stepwise.unscoredForeground']) {
      expect(colors).toContain(id);
      const entry = pkg.contributes.colors.find((c: { id: string }) => c.id === id);
      expect(Object.keys(entry.defaults).sort()).toEqual(['dark', 'highContrast', 'highContrastLight', 'light']);
    }
  });
});

describe('readSettings / toHostConfig', () => {
  const host = (values: Partial<Record<SettingKey, unknown>>, extras = {}) => toHostConfig(readSettings((k) => values[k]), extras);

  it('turns the defaults into a config that talks to a local Ollama with qwen2.5:7b and names nothing', () => {
    const c = host({});
    expect(c.problems).toEqual([]);
    expect(c.named).toEqual([]);
    expect(c.provider).toMatchObject({ kind: 'ollama', timeoutMs: 120_000, keepAlive: '5m', maxContext: 32768 });
    expect(c.provider.baseUrl).toBeUndefined();
    expect(c.verifierProvider).toBeUndefined();
    expect(c.policyModel).toBe('qwen2.5:7b');
    expect(c.verifierModel).toBe('qwen2.5:7b');
    expect(c.verbalSamples).toBe(5);
    expect(c.search).toEqual({ strategy: 'beam', n: 4, beamWidth: 4, maxDepth: 40, temperature: 0.8, seed: 0, concurrency: 4, threshold: 0.5, budget: {} });
    expect(c.correction).toEqual({ rounds: 1, alternatives: 4, temperature: 0.8, seed: 0 });
    expect(c.pooling).toBeUndefined();
  });

  it('a value the user set counts as named even when it equals the default, so auto will not fall back', () => {
    const c = host({ policyModel: 'qwen2.5:7b' });
    expect(c.named).toEqual(['stepwise.policyModel']);
  });

  it('passes endpoint, per-role providers and models, pooling and budgets through', () => {
    const c = host(
      {
        provider: 'openai',
        endpoint: ' http://gpu:8000/v1 ',
        verifierProvider: 'ollama',
        verifierModel: 'judge-7b',
        verbalSamples: 9,
        'pooling.endpoint': 'http://gpu:8001',
        'budget.calls': 200,
        'budget.seconds': 30,
      },
      { apiKey: 'sk-secret' },
    );
    expect(c.provider).toMatchObject({ kind: 'openai', baseUrl: 'http://gpu:8000/v1', apiKey: 'sk-secret' });
    // The verifier runs elsewhere: its own provider, at that provider's default URL, with no key.
    expect(c.verifierProvider).toMatchObject({ kind: 'ollama' });
    expect(c.verifierProvider?.baseUrl).toBeUndefined();
    expect(c.verifierProvider?.apiKey).toBeUndefined();
    expect(c.verifierModel).toBe('judge-7b');
    expect(c.verbalSamples).toBe(9);
    expect(c.pooling).toEqual({ baseUrl: 'http://gpu:8001', model: 'Qwen/Qwen2.5-Math-PRM-7B', apiKey: 'sk-secret' });
    expect(c.search.budget).toEqual({ calls: 200, ms: 30_000 });
  });

  it('reports a value outside a closed set or a range, naming the setting, instead of coercing it', () => {
    const c = host({ strategy: 'greedy', aggregation: 'max', threshold: 'high', 'search.n': 0 });
    expect(c.search.strategy).toBe('beam');
    expect(c.problems).toHaveLength(4);
    const text = c.problems.join(' ');
    expect(text).toContain('stepwise.aggregation "max"');
    expect(text).toContain('best-of-n, beam, dvts, mcts');
    expect(text).toContain('stepwise.search.n 0');
  });

  it('names the settings in a cross-field problem', () => {
    const c = host({ 'search.n': 6, 'search.beamWidth': 4 });
    expect(c.problems).toEqual(['stepwise.search.n 6 must be a multiple of stepwise.search.beamWidth 4 for beam (it keeps N/M beams).']);
  });

  it('accepts the vscode provider kind (the VS Code layer supplies it)', () => {
    const c = host({ policyProvider: 'vscode' });
    expect(c.problems).toEqual([]);
    expect(c.provider.kind).toBe('vscode');
    expect(c.verifierProvider?.kind).toBe('ollama');
  });
});
