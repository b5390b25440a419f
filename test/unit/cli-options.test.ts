import { describe, expect, it } from 'vitest';
import { configFromFlags, describeError } from '../../extension/cli/common';
import { InvalidOptions, ModelNotFound } from '../../extension/engine';

describe('CLI options', () => {
  it('defaults to a local Ollama with the auto scorer', () => {
    const c = configFromFlags({}, {});
    expect(c.provider.kind).toBe('ollama');
    expect(c.scorer).toBe('auto');
    expect(c.threshold).toBe(0.5);
  });

  it('reads the API key from the environment variable it is told, never a flag', () => {
    const c = configFromFlags({ provider: 'openai', 'api-key-env': 'MY_KEY' }, { MY_KEY: 'sk-test' });
    expect(c.provider.apiKey).toBe('sk-test');
    expect(configFromFlags({ provider: 'openai' }, { OPENAI_API_KEY: 'sk-env' }).provider.apiKey).toBe('sk-env');
    expect(() => configFromFlags({ provider: 'openai', 'api-key-env': 'MISSING' }, {})).toThrow(/not set/);
  });

  it('rejects values outside their set with a sentence saying what is allowed', () => {
    expect(() => configFromFlags({ scorer: 'magic' }, {})).toThrow(InvalidOptions);
    expect(() => configFromFlags({ scorer: 'magic' }, {})).toThrow(/arithmetic/);
    expect(() => configFromFlags({ threshold: '1.5' }, {})).toThrow(/--threshold "1.5": expected a number from 0 to 1/);
    expect(() => configFromFlags({ aggregation: 'max' }, {})).toThrow(/min, prod, last, mean/);
    expect(() => configFromFlags({ provider: 'anthropic' }, {})).toThrow(/--provider "anthropic": use ollama, openai, vscode/);
  });

  it('uses the policy model as the verifier when only it is given', () => {
    const c = configFromFlags({ 'policy-model': 'llama3.1:8b' }, {});
    expect(c.verifierModel).toBe('llama3.1:8b');
    expect(c.policyModel).toBe('llama3.1:8b');
  });

  it('tells a user with a missing model the exact pull command', () => {
    expect(describeError(new ModelNotFound('qwen2.5:7b', 'ollama'))).toContain('ollama pull qwen2.5:7b');
  });
});
