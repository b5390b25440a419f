import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../extension/vscode/ids';
import { readSettings, SETTING_DEFAULTS, SETTING_KEYS, toHostConfig, type SettingKey } from '../../extension/vscode/settingsKeys';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const contributed: Record<string, { default: unknown; enum?: string[] }> = pkg.contributes.configuration.properties;

describe('settings keys and package.json', () => {
  it('reads exactly the settings package.json contributes, with the same defaults', () => {
    expect(Object.keys(contributed).sort()).toEqual(SETTING_KEYS.map((k) => `stepwise.${k}`).sort());
    for (const key of SETTING_KEYS) expect(contributed[`stepwise.${key}`].default, key).toEqual(SETTING_DEFAULTS[key]);
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
  const read = (values: Partial<Record<SettingKey, unknown>>) => readSettings((k) => values[k]);

  it('turns the defaults into a config that talks to a local Ollama with qwen2.5:7b', () => {
    const { settings, problems } = read({});
    const c = toHostConfig(settings, problems);
    expect(problems).toEqual([]);
    expect(c.provider).toMatchObject({ kind: 'ollama', timeoutMs: 120_000, keepAlive: '5m', maxContext: 32768 });
    expect(c.provider.baseUrl).toBeUndefined();
    expect(c.policyModel).toBe('qwen2.5:7b');
    expect(c.verifierModel).toBe('qwen2.5:7b');
    expect(c.search).toEqual({ strategy: 'beam', n: 4, beamWidth: 2, maxDepth: 12, temperature: 0.7, seed: 0, budget: { calls: undefined, tokens: undefined, ms: undefined } });
    expect(c.pooling).toBeUndefined();
  });

  it('passes endpoint, verifier, pooling and budgets through', () => {
    const { settings } = read({
      provider: 'openai',
      endpoint: ' http://gpu:8000/v1 ',
      verifierModel: 'judge-7b',
      'pooling.endpoint': 'http://gpu:8001',
      'pooling.model': 'Qwen/Qwen2.5-Math-PRM-7B',
      'budget.calls': 200,
      'budget.seconds': 30,
    });
    const c = toHostConfig(settings, [], 'sk-secret');
    expect(c.provider).toMatchObject({ kind: 'openai', baseUrl: 'http://gpu:8000/v1', apiKey: 'sk-secret' });
    expect(c.verifierModel).toBe('judge-7b');
    expect(c.pooling).toEqual({ baseUrl: 'http://gpu:8001', model: 'Qwen/Qwen2.5-Math-PRM-7B' });
    expect(c.search.budget).toEqual({ calls: 200, tokens: undefined, ms: 30_000 });
  });

  it('reports a value outside a closed set instead of coercing it', () => {
    const { settings, problems } = read({ strategy: 'greedy', aggregation: 'max', threshold: 'high' });
    expect(settings.strategy).toBe('beam');
    expect(problems).toHaveLength(3);
    expect(problems.join(' ')).toContain('stepwise.aggregation has the value "max"');
    expect(problems.join(' ')).toContain('best-of-n, beam, dvts, mcts');
  });
});
