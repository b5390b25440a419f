// Tree and panel tell the same story: scores in the tree's labels, every inserted step labelled, a tree click that
// reveals in the panel after Insert solution and after a reload, palette commands that work with the panel focused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPanelFrame, openFile, readEditorLines, readNotifications, readSearchTree, runCommand, showSearchTree } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { MUFFINS } from './scriptedModel';
import { COMMAND_TITLES, PANEL, WORKBENCH } from './selectors';
import { SAMPLE_FILES } from './workspace';

const NODE_LIST = '[data-testid="node-list"]';
const SELECTED_NODE = `${NODE_LIST} [role="option"][aria-selected="true"]`;

describe('Search tree and panel in sync', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ name: 'views-sync' });
    await openFile(h.page, SAMPLE_FILES.problemOnly);
  });
  afterAll(async () => {
    await h?.close();
  });

  const treeRow = (text: string) => h.page.locator(`${WORKBENCH.stepwiseViewlet} ${WORKBENCH.treeRow}`, { hasText: text }).first();

  it('puts score and verdict at the start of each tree label', async () => {
    await runCommand(h.page, COMMAND_TITLES.solve);
    const frame = await findPanelFrame(h.page, 90_000, '[data-testid="insert-solution"]');
    expect(await frame.locator(NODE_LIST).count()).toBe(1);
    await showSearchTree(h.page, COMMAND_TITLES.focusSearchTree);
    const rows = await pollUntil(async () => {
      const r = await readSearchTree(h.page);
      return r.some((l) => l.includes('The muffins cost')) && r;
    }, { timeoutMs: 20_000, what: 'tree rows with steps' });
    await h.shot('tree');
    expect(rows.find((l) => l.includes('The muffins cost'))).toMatch(/^0\.93 ok · The muffins cost/);
  });

  it('labels every inserted step with its score', async () => {
    const frame = await findPanelFrame(h.page, 10_000, '[data-testid="insert-solution"]');
    await frame.locator('[data-testid="insert-solution"]').click();
    // The panel's group is active after the click; read the document's editor.
    await h.page.locator('.tab[aria-label^="muffins-problem.md"]').first().click();
    const lines = await pollUntil(
      async () => {
        const all = await readEditorLines(h.page);
        const steps = MUFFINS.rightSteps.map((s) => all.find((l) => l.text.includes(s.slice(0, 24))));
        return steps.every((l) => l?.decorations.some((d) => /0\.93/.test(d))) && steps;
      },
      { timeoutMs: 30_000, what: 'a score after each of the 4 inserted steps' },
    ).catch(async (err) => {
      await h.shot('insert-unlabelled');
      throw new Error(`${err.message}: ${JSON.stringify(await readEditorLines(h.page))}`);
    });
    await h.shot('inserted');
    for (const l of lines) expect(l!.decorations.join(' ')).toMatch(/^✓ 0\.93$/);
  });

  it('after Insert solution, a tree click brings the search back into the panel and selects the node', async () => {
    await showSearchTree(h.page, COMMAND_TITLES.focusSearchTree);
    await treeRow('The cookies cost').click();
    const frame = await findPanelFrame(h.page, 20_000, SELECTED_NODE);
    const selected = await frame.locator(SELECTED_NODE).innerText();
    await h.shot('revealed-after-insert');
    expect(selected).toContain('The cookies cost');
  });

  it('with the panel focused, Verify Steps acts on the last text editor', async () => {
    const frame = await findPanelFrame(h.page, 10_000, NODE_LIST);
    await frame.locator(PANEL.problem).click();
    await runCommand(h.page, COMMAND_TITLES.verify);
    const panel = await findPanelFrame(h.page, 60_000, '[data-testid="file-name"]');
    expect(await panel.textContent('[data-testid="file-name"]')).toBe(SAMPLE_FILES.problemOnly);
    expect((await readNotifications(h.page)).join(' ')).not.toMatch(/open a document/);
  });

  it('after a reload, the tree shows the panel\'s search again, a click reveals, and the panel offers Copy', async () => {
    await treeRow('The cookies cost').click();
    await findPanelFrame(h.page, 20_000, SELECTED_NODE);
    await h.reloadBy(() => runCommand(h.page, COMMAND_TITLES.reloadWindow));
    const frame = await findPanelFrame(h.page, 60_000, '[data-testid="copy-solution"]').catch(async (err) => {
      await h.shot('reload-no-copy');
      throw err;
    });
    expect(await frame.locator('[data-testid="insert-solution"]').count()).toBe(0);
    await showSearchTree(h.page, COMMAND_TITLES.focusSearchTree);
    await pollUntil(() => treeRow('Together she spends').isVisible(), { timeoutMs: 20_000, what: 'the restored search in the tree' });
    await treeRow('Together she spends').click();
    const after = await findPanelFrame(h.page, 20_000, SELECTED_NODE);
    await pollUntil(async () => (await after.locator(SELECTED_NODE).innerText()).includes('Together she spends'), { timeoutMs: 10_000, what: 'the clicked node selected in the panel' });
    await h.shot('revealed-after-reload');
  });
});
