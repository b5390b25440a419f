// What can go wrong with the editor's models, as engine errors whose message says the next step.
import type { LanguageModelChat } from 'vscode';
import { ModelNotFound, RateLimited, StepwiseError } from '../../engine/index';

const NEXT_STEP = 'Run Stepwise: Select Model to pick another model, or use Ollama.';

export function noEditorModels(): StepwiseError {
  return new StepwiseError(
    'model-not-found',
    'VS Code has no language models Stepwise can use: install and sign in to a chat extension that provides them (for example GitHub Copilot Chat), or use Ollama.',
  );
}

/** A `LanguageModelError` (matched by its `code`: NoPermissions, NotFound, Blocked) or a quota error, for the user. */
export function translateLmError(err: unknown, model: Pick<LanguageModelChat, 'id' | 'name' | 'vendor'>): unknown {
  if (err instanceof StepwiseError) return err;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const message = err instanceof Error ? err.message : String(err);
  const who = `${model.name} (${model.vendor})`;
  if (code === 'NoPermissions') {
    return new StepwiseError('not-allowed', `Stepwise is not allowed to use ${who}: VS Code asks once before an extension uses a language model, and the answer was no. Run the command again and choose Allow, or use Ollama.`, undefined, { cause: err });
  }
  if (code === 'NotFound') return new ModelNotFound(model.id, 'vscode', [], err);
  if (/quota|rate.?limit|too many requests|\b429\b/i.test(`${code} ${message}`)) {
    const limited = new RateLimited(undefined, err);
    limited.message = `${who} refused the request: its quota or rate limit is used up (${message}). Try again later, or use Ollama.`;
    return limited;
  }
  if (code === 'Blocked') {
    return new StepwiseError('not-allowed', `${who} is blocked for Stepwise (${message}); a quota may be used up or the model's provider does not allow it. ${NEXT_STEP}`, undefined, { cause: err });
  }
  return new StepwiseError('http-error', `${who} failed: ${message}. ${NEXT_STEP}`, undefined, { cause: err });
}
