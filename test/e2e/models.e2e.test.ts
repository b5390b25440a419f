// Test Connection, Select Model and pulling a missing Ollama model, in real VS Code against the loopback server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNotifications, runCommand } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { JUDGE_MODEL } from './scriptedModel';
import { WORKBENCH } from './selectors';

const MISSING = 'llama3.1:8b';

async function quickPickRows(h: Harness): Promise<string[]> {
  return h.page.locator(WORKBENCH.quickInputRow).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

/** Select Model first asks which role (policy or verifier) the model is for. */
async function pickRole(h: Harness, role: 'Policy' | 'Verifier'): Promise<void> {
  const rows = await pollUntil(async () => {
    const r = await quickPickRows(h);
    return r.some((x) => x.includes(role)) && r;
  }, { timeoutMs: 20_000, what: 'the role choice' });
  await h.page.locator(WORKBENCH.quickInputRow).nth(rows.findIndex((x) => x.includes(role))).click();
  await pollUntil(async () => !(await quickPickRows(h)).some((x) => x.includes('judges steps')), { timeoutMs: 20_000, what: 'the role choice to close' });
}

describe('models: Test Connection, Select Model, pull', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ name: 'models', settings: { 'stepwise.policyModel': MISSING } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Test Connection names the server and says the configured model is missing', async () => {
    await runCommand(h.page, 'Stepwise: Test Connection');
    const toast = await pollUntil(
      async () => (await readNotifications(h.page)).find((n) => n.includes('connected to Ollama')),
      { timeoutMs: 30_000, what: 'the Test Connection result' },
    );
    await h.shot('test-connection');
    expect(toast).toContain('0.13.0');
    expect(toast).toContain(`${MISSING} NOT available`);
    expect(toast).toContain('Pull model');
  });

  it('Select Model asks for the role, lists what the server has and pulls the missing model with progress', async () => {
    await runCommand(h.page, 'Stepwise: Select Model');
    await pickRole(h, 'Policy');
    const rows = await pollUntil(async () => {
      const r = await quickPickRows(h);
      return r.some((x) => x.includes(JUDGE_MODEL)) && r;
    }, { timeoutMs: 30_000, what: 'the model list' });
    await h.shot('select-model');
    expect(rows.some((r) => r.includes(`Pull ${MISSING}`))).toBe(true);
    // By keyboard, as the pointer left over the list shows hovers that take clicks.
    await h.page.keyboard.type(`Pull ${MISSING}`);
    await pollUntil(async () => (await quickPickRows(h)).length === 1, { timeoutMs: 10_000, what: 'the list filtered to the pull row' });
    await h.page.keyboard.press('Enter');
    await pollUntil(async () => (await readNotifications(h.page)).some((n) => n.includes(`${MISSING} is ready`)), {
      timeoutMs: 60_000,
      what: 'the pull to finish',
    });
    await h.shot('pulled');
    await runCommand(h.page, 'Stepwise: Select Model');
    await pickRole(h, 'Policy');
    const after = await pollUntil(async () => {
      const r = await quickPickRows(h);
      return r.some((x) => x.includes(JUDGE_MODEL)) && r;
    }, { timeoutMs: 30_000, what: 'the model list after the pull' });
    expect(after.some((r) => r.startsWith(MISSING))).toBe(true);
    expect(after.some((r) => r.includes(`Pull ${MISSING}`))).toBe(false);
    await h.page.keyboard.press('Escape');
  });
});
