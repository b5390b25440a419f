// Loads a built extension bundle against a stand-in `vscode` module, calls activate(), and prints (JSON) whether
// the engine bundle was loaded and what was registered. Run in its own process: `node activationProbe.cjs DIR`.
const Module = require('node:module');
const { join } = require('node:path');

const calls = [];
const protos = new Map();
const protoOf = (name) => protos.get(name) ?? protos.set(name, stub(`${name}.__proto__`)).get(name);

/** Any property is another stand-in; calling or constructing one records the call and returns a stand-in. */
function stub(name) {
  const own = new Map();
  return new Proxy(function () {}, {
    set: (_t, key, value) => (own.set(key, value), true),
    defineProperty: (_t, key, desc) => (own.set(key, desc.value ?? desc.get?.()), true),
    get(_t, key) {
      if (own.has(key)) return own.get(key);
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      if (key === 'prototype') return {};
      return stub(`${name}.${String(key)}`);
    },
    apply(_t, _this, args) {
      calls.push({ name: name.replaceAll('.__proto__', ''), first: typeof args[0] === 'string' ? args[0] : undefined });
      return stub(`${name}()`);
    },
    construct: () => stub(`new ${name}`),
    getPrototypeOf: () => protoOf(name),
  });
}

const vscode = stub('vscode');
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const dir = process.argv[2];
const extension = require(join(dir, 'extension.js'));
const context = { subscriptions: [], extensionUri: vscode.Uri.file(dir), extensionPath: dir, secrets: vscode, globalState: vscode, workspaceState: vscode, extension: vscode };
const exported = extension.activate(context);
const engineLoaded = Object.keys(require.cache).some((k) => k === join(dir, 'engine.js'));
process.stdout.write(
  JSON.stringify({
    engineLoaded,
    subscriptions: context.subscriptions.length,
    activationMs: exported?.activationMs,
    activationCpuMs: exported?.activationCpuMs,
    tools: calls.filter((c) => c.name === 'vscode.lm.registerTool').map((c) => c.first),
    participants: calls.filter((c) => c.name === 'vscode.chat.createChatParticipant').map((c) => c.first),
    commands: calls.filter((c) => c.name === 'vscode.commands.registerCommand').map((c) => c.first),
  }),
);
