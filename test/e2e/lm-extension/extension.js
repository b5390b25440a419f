// Test-only: chat models in the editor (as Copilot's would be) that forward to the scripted loopback model server's
// OpenAI-compatible route, so Stepwise's `vscode` provider is exercised through the real vscode.lm API.
const vscode = require('vscode');

/** id -> [model name on the loopback server, behaviour] */
const MODELS = [
  { id: 'loopback-policy', name: 'Loopback Policy', family: 'qwen2.5', server: 'qwen2.5:7b' },
  { id: 'loopback-judge', name: 'Loopback Judge', family: 'judge', server: 'judge:latest' },
  // Refuses every request the way a model over its quota does.
  { id: 'loopback-blocked', name: 'Loopback Blocked', family: 'blocked', server: '', fail: () => vscode.LanguageModelError.Blocked('You have exceeded your monthly chat quota.') },
];

function textOf(message) {
  const content = message.content;
  if (typeof content === 'string') return content;
  return (content || []).map((part) => (typeof part.value === 'string' ? part.value : '')).join('');
}

function roleOf(message) {
  return message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'user';
}

function provider(model) {
  return {
    async provideLanguageModelResponse(messages, _options, _extensionId, progress, token) {
      if (model.fail) throw model.fail();
      const base = vscode.workspace.getConfiguration('stepwiseTest').get('modelServer') || `${vscode.workspace.getConfiguration('stepwise').get('endpoint')}/v1`;
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const res = await fetch(`${base}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: model.server, messages: messages.map((m) => ({ role: roleOf(m), content: textOf(m) })), stream: false }),
        signal: controller.signal,
      });
      if (!res.ok) throw new Error(`loopback server answered ${res.status}`);
      const body = await res.json();
      const text = body.choices?.[0]?.message?.content ?? '';
      // In pieces, as a real model streams: Stepwise must cut at the step delimiter itself.
      for (let i = 0; i < text.length && !token.isCancellationRequested; i += 7) {
        progress.report({ index: 0, part: new vscode.LanguageModelTextPart(text.slice(i, i + 7)) });
      }
    },
    async provideTokenCount(text) {
      const s = typeof text === 'string' ? text : textOf(text);
      return Math.ceil(s.length / 4);
    },
  };
}

exports.activate = (context) => {
  for (const model of MODELS) {
    context.subscriptions.push(
      vscode.lm.registerChatModelProvider(model.id, provider(model), {
        vendor: 'stepwise-test',
        name: model.name,
        family: model.family,
        version: '1',
        maxInputTokens: 32768,
        maxOutputTokens: 4096,
        isUserSelectable: true,
      }),
    );
  }
};
