// The editor's language models (vscode.lm) behind the engine's ModelProvider interface: the `vscode` provider kind.
// No logprobs here (the judge falls back to sampled verdicts and says so); no stop sequences in the API, so a
// generation streams and is cut at the first stop string, cancelling the rest of the request.
import * as vscode from 'vscode';
import {
  Cancelled,
  PromptTooLong,
  throwIfAborted,
  type GenerateChunk,
  type GenerateRequest,
  type GenerateResult,
  type ModelInfo,
  type ModelProvider,
  type ProviderStatus,
} from '../../engine/index';
import { cutAtStop, editorModelInfo, findEditorModel, toEditorTurns } from './models';
import { noEditorModels, translateLmError } from './errors';

/** What `baseUrl` says for these models: there is no URL, and error messages and logs name it. */
export const EDITOR_MODELS_LABEL = "VS Code's language models";

/** Shown in VS Code's consent prompt, the first time Stepwise asks to use a model. */
export const CONSENT_JUSTIFICATION =
  'Stepwise sends the problem and the steps of your solution to this model to write steps and judge whether each one is correct.';

/** Rough characters per token, for `maxTokens` (the API has no output limit): the cut is a guard, not a count. */
const CHARS_PER_TOKEN = 4;

export class EditorModelProvider implements ModelProvider {
  readonly kind = 'vscode' as const;
  readonly baseUrl = EDITOR_MODELS_LABEL;

  constructor(
    /** Told which model is used when the settings name none (the first the editor lists). */
    private readonly onDefaultModel: (model: vscode.LanguageModelChat) => void = () => undefined,
    private readonly lm: Pick<typeof vscode.lm, 'selectChatModels'> = vscode.lm,
  ) {}

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    let result: GenerateResult | undefined;
    for await (const chunk of this.stream(req)) if (chunk.done) result = chunk.done;
    return result!;
  }

  async *stream(req: GenerateRequest): AsyncGenerator<GenerateChunk> {
    throwIfAborted(req.signal);
    const model = await this.model(req.model);
    const messages = toEditorTurns(req.messages, req.prompt).map((t) =>
      t.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(t.content) : vscode.LanguageModelChatMessage.User(t.content),
    );
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = () => cancel.cancel();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const promptTokens = await this.fit(model, messages, req.maxTokens, cancel.token);
      throwIfAborted(req.signal);
      const response = await model.sendRequest(messages, { justification: CONSENT_JUSTIFICATION }, cancel.token);
      const limit = req.maxTokens ? req.maxTokens * CHARS_PER_TOKEN : Infinity;
      let text = '';
      for await (const fragment of response.text) {
        throwIfAborted(req.signal);
        const cut = cutAtStop(text + fragment, req.stop ?? []);
        const over = cut.text.length >= limit;
        const next = over ? cut.text.slice(0, limit) : cut.text;
        const delta = next.slice(text.length);
        text = next;
        if (cut.stopped || over) {
          yield { delta, done: this.result(req, model, text, over && !cut.stopped ? 'length' : 'stop', promptTokens) };
          return; // leaving the loop cancels the rest of the request (finally below)
        }
        if (delta) yield { delta };
      }
      throwIfAborted(req.signal);
      yield { delta: '', done: this.result(req, model, text, 'stop', promptTokens) };
    } catch (err) {
      if (req.signal?.aborted) throw new Cancelled();
      throw translateLmError(err, model);
    } finally {
      // A finished generation cut at a stop, a consumer that stopped early and an abort all end the request here.
      cancel.cancel();
      req.signal?.removeEventListener('abort', onAbort);
      cancel.dispose();
    }
  }

  async listModels(): Promise<ModelInfo[]> {
    return (await this.lm.selectChatModels()).map(editorModelInfo);
  }

  async status(): Promise<ProviderStatus> {
    const base = { provider: 'vscode' as const, baseUrl: this.baseUrl, logprobs: false };
    try {
      const models = await this.listModels();
      if (models.length === 0) return { ...base, ok: false, models, problem: noEditorModels().message };
      return { ...base, ok: true, version: vscode.version, models };
    } catch (err) {
      return { ...base, ok: false, models: [], problem: (err as Error).message };
    }
  }

  /** The named model; with no name, the first one the editor lists. */
  private async model(name: string): Promise<vscode.LanguageModelChat> {
    const models = await this.lm.selectChatModels();
    const model = findEditorModel(models, name);
    if (!name.trim()) this.onDefaultModel(model);
    return model;
  }

  /** Whether the prompt fits the model's input window, by the model's own tokenizer; the count when it does. */
  private async fit(model: vscode.LanguageModelChat, messages: vscode.LanguageModelChatMessage[], maxTokens: number | undefined, token: vscode.CancellationToken): Promise<number> {
    const counts = await Promise.all(messages.map((m) => model.countTokens(m, token)));
    const promptTokens = counts.reduce((a, b) => a + b, 0);
    const reserve = Math.min(maxTokens ?? 1, 64);
    if (model.maxInputTokens > 0 && promptTokens + reserve > model.maxInputTokens) {
      const err = new PromptTooLong(model.id, promptTokens, model.maxInputTokens);
      err.message = `The prompt (${promptTokens} tokens) does not fit the ${model.maxInputTokens}-token input window of ${model.name} (${model.vendor}); shorten the text or pick a model with a longer window (Stepwise: Select Model).`;
      throw err;
    }
    return promptTokens;
  }

  private result(req: GenerateRequest, model: vscode.LanguageModelChat, text: string, finishReason: GenerateResult['finishReason'], promptTokens: number): GenerateResult {
    // No token counts come back: the completion is estimated from its length, the prompt was counted.
    return { text, finishReason, usage: { promptTokens, completionTokens: Math.ceil(text.length / CHARS_PER_TOKEN) }, model: model.id || req.model };
  }
}
