// The editor-model helpers: which model a setting names, chat turns without a system role, the cut at a stop.
import { describe, expect, it } from 'vitest';
import { proposalMessages, STEP_DELIMITER } from '../../extension/engine/search/propose';
import { judgeMessages } from '../../extension/engine/scorers/prompts';
import { cutAtStop, findEditorModel, toEditorTurns, type EditorModel } from '../../extension/vscode/lm/models';
import { readSettings, toHostConfig, type SettingKey } from '../../extension/vscode/settingsKeys';

const model = (id: string, vendor: string, family: string, name: string): EditorModel => ({ id, vendor, family, name, version: '1', maxInputTokens: 64000 });
const MODELS = [model('copilot-gpt-4.1', 'copilot', 'gpt-4.1', 'GPT-4.1'), model('copilot-claude-sonnet-4', 'copilot', 'claude-sonnet-4', 'Claude Sonnet 4'), model('loopback-qwen', 'stepwise-test', 'qwen2.5', 'Loopback Qwen')];

describe('findEditorModel', () => {
  it('finds a model by id, vendor/family, family or name', () => {
    expect(findEditorModel(MODELS, 'copilot-claude-sonnet-4').name).toBe('Claude Sonnet 4');
    expect(findEditorModel(MODELS, 'copilot/gpt-4.1').id).toBe('copilot-gpt-4.1');
    expect(findEditorModel(MODELS, 'qwen2.5').id).toBe('loopback-qwen');
    expect(findEditorModel(MODELS, 'claude sonnet 4').id).toBe('copilot-claude-sonnet-4');
  });

  it('takes the first model only when nothing was named', () => {
    expect(findEditorModel(MODELS, '').id).toBe('copilot-gpt-4.1');
  });

  it('refuses a named model the editor does not have, listing the ones it has, and says the next step', () => {
    expect(() => findEditorModel(MODELS, 'gpt-5')).toThrow(/no chat model "gpt-5".*Select Model.*Ollama.*copilot-gpt-4\.1 \(copilot\)/s);
  });

  it('with no models at all, says how to get one or to use Ollama', () => {
    expect(() => findEditorModel([], '')).toThrow(/no language models.*Copilot Chat.*Ollama/s);
  });
});

describe('toEditorTurns', () => {
  it('puts the system prompt at the head of the first user turn (the API has no system role)', () => {
    const turns = toEditorTurns(proposalMessages('user-turn', 'What is 2 + 3?', ['2 + 3 = 5.']), undefined);
    expect(turns[0]!.role).toBe('user');
    expect(turns.every((t) => t.role === 'user' || t.role === 'assistant')).toBe(true);
    expect(turns[0]!.content.indexOf('What is 2 + 3?')).toBeGreaterThan(0);
  });

  it('keeps the judge prompt whole: the step under judgement is still last', () => {
    const turns = toEditorTurns(judgeMessages('Compute 6 × 1.50.', ['6 × 1.50 = 8.'], 0), undefined);
    const all = turns.map((t) => t.content).join('\n');
    expect(all).toContain('6 × 1.50 = 8.');
    expect(turns.map((t) => t.role)).not.toContain('system');
  });

  it('sends a raw prompt as one user turn', () => {
    expect(toEditorTurns(undefined, 'Step 1: x ки')).toEqual([{ role: 'user', content: 'Step 1: x ки' }]);
  });
});

describe('cutAtStop', () => {
  it('cuts a streamed step at the blank line, leaving the delimiter out as servers do', () => {
    expect(cutAtStop('The muffins cost $12.\n\nThe cookies', [STEP_DELIMITER])).toEqual({ text: 'The muffins cost $12.', stopped: true });
  });

  it('does not end a step at its own leading blank line', () => {
    expect(cutAtStop('\n\nThe muffins cost $12.', [STEP_DELIMITER])).toEqual({ text: '\n\nThe muffins cost $12.', stopped: false });
  });

  it('keeps growing text with no stop yet', () => {
    expect(cutAtStop('The muffins cost', [STEP_DELIMITER])).toEqual({ text: 'The muffins cost', stopped: false });
  });
});

describe('a provider per role in the settings', () => {
  const config = (values: Partial<Record<SettingKey, unknown>>) => toHostConfig(readSettings((k) => values[k]));

  it('the editor writes and a local Ollama verifier judges', () => {
    const c = config({ policyProvider: 'vscode', verifierProvider: 'ollama', endpoint: 'http://127.0.0.1:11434', verifierModel: 'judge:latest' });
    expect(c.provider.kind).toBe('vscode');
    expect(c.provider.baseUrl).toBeUndefined();
    expect(c.policyModel).toBe(''); // nothing named: the editor's first model
    expect(c.verifierProvider).toMatchObject({ kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' });
    expect(c.verifierModel).toBe('judge:latest');
  });

  it('provider "vscode" alone serves both roles with the editor model named, or the first one', () => {
    expect(config({ provider: 'vscode', policyModel: 'copilot/gpt-4.1' })).toMatchObject({ provider: { kind: 'vscode' }, policyModel: 'copilot/gpt-4.1', verifierModel: 'copilot/gpt-4.1' });
    const c = config({ provider: 'vscode' });
    expect(c.verifierProvider).toBeUndefined();
    expect([c.policyModel, c.verifierModel]).toEqual(['', '']);
  });

  it('an editor verifier beside an Ollama policy gets no Ollama model name', () => {
    const c = config({ verifierProvider: 'vscode' });
    expect(c.verifierProvider?.kind).toBe('vscode');
    expect(c.policyModel).toBe('qwen2.5:7b');
    expect(c.verifierModel).toBe('');
  });

  it('refuses a provider it does not know', () => {
    expect(toHostConfig(readSettings((k) => (k === 'policyProvider' ? 'copilot' : undefined))).problems[0]).toMatch(/stepwise\.policyProvider.*copilot/);
  });
});
