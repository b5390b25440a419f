// The packaged .vsix (built by globalSetup with `npm run package`): it contributes the tool and the participant,
// ships the engine as its own bundle, and uses no proposed API (those stay in the test-only lm-extension).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { VSIX_PATH, vsixEntries } from './packaging';

const manifest = JSON.parse(execFileSync('unzip', ['-p', VSIX_PATH, 'extension/package.json'], { encoding: 'utf8' }));
const shipped = (path: string) => execFileSync('unzip', ['-p', VSIX_PATH, path], { encoding: 'utf8', maxBuffer: 64 << 20 });

describe('the packaged .vsix and the editor models', () => {
  it('uses no proposed API', () => {
    expect(manifest.enabledApiProposals).toBeUndefined();
    expect(manifest.contributes.languageModels).toBeUndefined();
    for (const bundle of ['extension/dist/extension.js', 'extension/dist/engine.js']) {
      expect(shipped(bundle), bundle).not.toMatch(/registerChatModelProvider|defaultChatParticipant/);
    }
  });

  it('contributes the verify and solve tools with input schemas, and the @stepwise participant with /verify and /solve', () => {
    const tools = manifest.contributes.languageModelTools as { name: string; inputSchema: { required: string[]; properties: Record<string, unknown> } }[];
    const verify = tools.find((t) => t.name === 'stepwise_verifySteps');
    expect(verify?.inputSchema.required).toEqual(['problem']);
    expect(Object.keys(verify?.inputSchema.properties ?? {}).sort()).toEqual(['problem', 'solution', 'steps']);
    expect(tools.map((t) => t.name)).toContain('stepwise_solveProblem');
    const [participant] = manifest.contributes.chatParticipants;
    expect(participant).toMatchObject({ id: 'stepwise.chat', name: 'stepwise' });
    expect(participant.commands.map((c: { name: string }) => c.name)).toEqual(['verify', 'solve']);
  });

  it('ships the engine as its own bundle beside the light extension bundle', () => {
    const entries = vsixEntries(VSIX_PATH);
    const size = (p: string) => entries.find((e) => e.path === p)?.bytes ?? 0;
    expect(size('extension/dist/engine.js')).toBeGreaterThan(0);
    // The extension bundle holds no copy of the engine's model clients.
    expect(size('extension/dist/extension.js')).toBeLessThan(size('extension/dist/engine.js') / 2);
    expect(shipped('extension/dist/extension.js')).toContain('./engine.js');
  });
});
