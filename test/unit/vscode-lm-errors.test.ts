// What the user reads when the editor's model refuses: each LanguageModelError cause names the next step.
import { describe, expect, it } from 'vitest';
import { ModelNotFound, RateLimited, StepwiseError } from '../../extension/engine/index';
import { noEditorModels, translateLmError } from '../../extension/vscode/lm/errors';

const MODEL = { id: 'copilot-gpt-4.1', name: 'GPT-4.1', vendor: 'copilot' };
/** The shape VS Code's LanguageModelError has: an Error whose `code` names the cause. */
const lmError = (code: string, message: string) => Object.assign(new Error(message), { name: 'LanguageModelError', code });

describe('translateLmError', () => {
  it('a declined consent prompt: not allowed, run again and choose Allow, or use Ollama', () => {
    const err = translateLmError(lmError('NoPermissions', 'Access denied'), MODEL) as StepwiseError;
    expect(err.code).toBe('not-allowed');
    expect(err.message).toMatch(/not allowed to use GPT-4\.1 \(copilot\).*choose Allow.*use Ollama/);
  });

  it('a model that is gone: model-not-found, which offers Select Model', () => {
    const err = translateLmError(lmError('NotFound', 'gone'), MODEL);
    expect(err).toBeInstanceOf(ModelNotFound);
    expect((err as Error).message).toMatch(/no chat model "copilot-gpt-4\.1".*Select Model/);
  });

  it('a quota used up: rate limited, try later or use Ollama, whatever the code', () => {
    for (const e of [lmError('Blocked', 'You have exceeded your monthly chat quota.'), lmError('Unknown', 'HTTP 429 Too Many Requests')]) {
      const err = translateLmError(e, MODEL) as StepwiseError;
      expect(err).toBeInstanceOf(RateLimited);
      expect(err.message).toMatch(/quota or rate limit.*use Ollama/);
    }
  });

  it('blocked for another reason: not allowed, with Select Model and Ollama named', () => {
    const err = translateLmError(lmError('Blocked', 'Blocked by policy'), MODEL) as StepwiseError;
    expect(err.code).toBe('not-allowed');
    expect(err.message).toMatch(/blocked for Stepwise \(Blocked by policy\).*Select Model.*Ollama/);
  });

  it('anything else keeps the cause and names the way out', () => {
    const cause = new Error('socket hang up');
    const err = translateLmError(cause, MODEL) as StepwiseError;
    expect(err.message).toMatch(/GPT-4\.1 \(copilot\) failed: socket hang up.*Select Model.*Ollama/);
    expect(err.cause).toBe(cause);
  });

  it('no models at all: how to get one, or use Ollama', () => {
    expect(noEditorModels().message).toMatch(/no language models.*GitHub Copilot Chat.*use Ollama/);
  });
});
