// package.json declares the chat participant and tools the code registers, and enables no proposed API.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAT_PARTICIPANT, TOOLS } from '../../extension/vscode/ids';
import { CHAT_COMMANDS } from '../../extension/vscode/chat/handler';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('package.json: the editor-model contributions', () => {
  it('declares exactly the tools the code registers, each with an activation event', () => {
    expect(pkg.contributes.languageModelTools.map((t: { name: string }) => t.name).sort()).toEqual(Object.values(TOOLS).sort());
    for (const name of Object.values(TOOLS)) expect(pkg.activationEvents).toContain(`onLanguageModelTool:${name}`);
  });

  it('declares the participant and its commands as the handler knows them', () => {
    const [participant] = pkg.contributes.chatParticipants;
    expect(participant.id).toBe(CHAT_PARTICIPANT);
    expect(participant.commands.map((c: { name: string }) => c.name).sort()).toEqual(Object.values(CHAT_COMMANDS).sort());
    expect(pkg.activationEvents).toContain(`onChatParticipant:${CHAT_PARTICIPANT}`);
  });

  it('enables no proposed API and offers "vscode" for the provider and each role', () => {
    expect(pkg.enabledApiProposals).toBeUndefined();
    // Settings come in titled groups (Models, Verification, …).
    const props = Object.assign({}, ...pkg.contributes.configuration.map((group: { properties: object }) => group.properties));
    for (const key of ['stepwise.provider', 'stepwise.policyProvider', 'stepwise.verifierProvider']) expect(props[key].enum, key).toContain('vscode');
  });
});
