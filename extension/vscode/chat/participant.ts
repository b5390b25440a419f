// The @stepwise chat participant: /verify and /solve, answered by chat/handler.ts through VS Code's chat API.
import * as vscode from 'vscode';
import type { Host } from '../host';
import { CHAT_PARTICIPANT, COMMANDS } from '../ids';
import { chatConfig, chatEngine, chatError } from './engineAccess';
import { followups, handleChat, type ChatResultMeta, type ChatSources } from './handler';

const VERIFIABLE = new Set(['markdown', 'plaintext', 'latex', 'tex']);

/** The last exchange in this chat: the question asked and the answer's text (markdown parts only). */
function previousExchange(history: vscode.ChatContext['history']): ChatSources['previous'] {
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i];
    if (!(turn instanceof vscode.ChatResponseTurn)) continue;
    const answer = turn.response
      .map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : ''))
      .join('')
      .trim();
    if (!answer || turn.participant === CHAT_PARTICIPANT) continue; // our own reports are not solutions
    const asked = history.slice(0, i).reverse().find((t): t is vscode.ChatRequestTurn => t instanceof vscode.ChatRequestTurn);
    return { question: asked?.prompt ?? '', answer };
  }
  return undefined;
}

export function chatSources(request: vscode.ChatRequest, context: vscode.ChatContext): ChatSources {
  const editor = vscode.window.activeTextEditor;
  const file = editor ? vscode.workspace.asRelativePath(editor.document.uri) : '';
  return {
    prompt: request.prompt,
    ...(editor && !editor.selection.isEmpty ? { selection: { text: editor.document.getText(editor.selection), file } } : {}),
    ...(previousExchange(context.history) ? { previous: previousExchange(context.history) } : {}),
    ...(editor && VERIFIABLE.has(editor.document.languageId) ? { activeFile: { text: editor.document.getText(), file } } : {}),
  };
}

export function registerChatParticipant(host: Host): vscode.Disposable {
  const handler: vscode.ChatRequestHandler = async (request, context, stream, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const meta = await handleChat(request.command, chatSources(request, context), stream, {
        config: () => chatConfig(host),
        engine: chatEngine,
        commands: { showPanel: COMMANDS.showPanel, insertText: COMMANDS.insertText, selectModel: COMMANDS.selectModel },
      }, abort.signal);
      return { metadata: meta };
    } catch (err) {
      const failure = chatError(err, abort.signal);
      if (!failure) return {};
      stream.markdown(`**Stepwise could not finish:** ${failure.message}\n`);
      stream.button({ command: COMMANDS.selectModel, title: 'Select Model' });
      stream.button({ command: COMMANDS.testConnection, title: 'Test Connection' });
      return { errorDetails: { message: failure.message }, metadata: { command: request.command === 'solve' ? 'solve' : 'verify' } satisfies ChatResultMeta };
    } finally {
      sub.dispose();
    }
  };
  const participant = vscode.chat.createChatParticipant(CHAT_PARTICIPANT, handler);
  participant.iconPath = vscode.Uri.joinPath(host.context.extensionUri, 'media', 'icon.png');
  participant.followupProvider = {
    provideFollowups: (result) => followups((result.metadata ?? { command: 'help' }) as ChatResultMeta),
  };
  return participant;
}

/** The chat's Insert buttons: the text goes at the cursor of the last editor, or into a new Markdown file. */
export async function insertText(text: unknown): Promise<void> {
  if (typeof text !== 'string' || !text) return;
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: text }));
    return;
  }
  await editor.edit((edit) => (editor.selection.isEmpty ? edit.insert(editor.selection.active, text) : edit.replace(editor.selection, text)));
}
