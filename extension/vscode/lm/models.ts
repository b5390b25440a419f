// Pure helpers for the editor's models: naming, choosing one, shaping the chat turns, cutting at a stop string.
// No `vscode` import (the types only), so they are unit-tested directly.
import type { LanguageModelChat } from 'vscode';
import { ModelNotFound, type ChatMessage, type ModelInfo } from '../../engine/index';
import { noEditorModels } from './errors';

export type EditorModel = Pick<LanguageModelChat, 'id' | 'name' | 'vendor' | 'family' | 'version' | 'maxInputTokens'>;

/** How Select Model and Test Connection show a model: its name, then vendor and family. */
export function describeEditorModel(m: EditorModel): string {
  return `${m.name} (${m.vendor} · ${m.family})`;
}

export function editorModelInfo(m: EditorModel): ModelInfo {
  return { name: m.id, family: `${m.vendor} · ${m.family}`, contextLength: m.maxInputTokens || undefined };
}

/**
 * The model a setting names: its id, `vendor/family`, its family or its name (case-insensitive, in that order).
 * An empty name means nothing was chosen: the first model the editor lists.
 */
export function findEditorModel<M extends EditorModel>(models: readonly M[], wanted: string): M {
  if (models.length === 0) throw noEditorModels();
  const name = wanted.trim();
  if (!name) return models[0]!;
  const lower = name.toLowerCase();
  const found =
    models.find((m) => m.id === name) ??
    models.find((m) => `${m.vendor}/${m.family}`.toLowerCase() === lower) ??
    models.find((m) => m.family.toLowerCase() === lower) ??
    models.find((m) => m.name.toLowerCase() === lower);
  if (!found) throw new ModelNotFound(name, 'vscode', models.map((m) => `${m.id} (${m.vendor})`));
  return found;
}

export interface EditorTurn {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * Chat turns for the Language Model API, which has user and assistant turns only: system text goes at the head of
 * the first user turn; a raw prompt becomes one user turn; consecutive turns of one role are joined.
 */
export function toEditorTurns(messages: readonly ChatMessage[] | undefined, prompt: string | undefined): EditorTurn[] {
  if (!messages?.length) return [{ role: 'user', content: prompt ?? '' }];
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const turns: EditorTurn[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    const last = turns[turns.length - 1];
    if (last && last.role === m.role) last.content += `\n\n${m.content}`;
    else turns.push({ role: m.role, content: m.content });
  }
  if (system.length) {
    const head = system.join('\n\n');
    if (turns[0]?.role === 'user') turns[0].content = `${head}\n\n${turns[0].content}`;
    else turns.unshift({ role: 'user', content: head });
  }
  return turns;
}

/** The text up to the first stop string (which is left out, as servers do), and whether one was found. */
export function cutAtStop(text: string, stops: readonly string[]): { text: string; stopped: boolean } {
  let at = -1;
  for (const stop of stops) {
    if (!stop) continue;
    const i = text.indexOf(stop);
    // A stop before any text is the step's leading blank line, not its end: cutting there would end the solution.
    if (i > 0 && (at < 0 || i < at) && text.slice(0, i).trim()) at = i;
  }
  return at < 0 ? { text, stopped: false } : { text: text.slice(0, at), stopped: true };
}
