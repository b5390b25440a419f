// A throwaway workspace and VS Code profile for one code-server run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE, JUDGE_MODEL, MUFFINS, POLICY_MODEL } from './scriptedModel';

export interface Workspace {
  root: string;
  folder: string;
  userDataDir: string;
  extensionsDir: string;
  remove(): void;
}

export const SAMPLE_FILES = {
  /** Problem and a worked solution with one wrong step. */
  wrongSolution: 'muffins.md',
  /** Problem only: for Solve. */
  problemOnly: 'muffins-problem.md',
  hostile: 'hostile.md',
} as const;

const solutionDocument = (problem: string, steps: string[]) =>
  `## Problem\n\n${problem}\n\n## Solution\n\n${steps.join('\n\n')}\n`;

/** `files`: more documents for the workspace folder, by file name. */
export function createWorkspace(modelServerUrl: string, extraSettings: Record<string, unknown> = {}, files: Record<string, string> = {}): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'stepwise-e2e-'));
  const folder = join(root, 'workspace');
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  for (const dir of [join(folder, '.vscode'), join(userDataDir, 'User'), extensionsDir]) mkdirSync(dir, { recursive: true });

  writeFileSync(join(folder, SAMPLE_FILES.wrongSolution), solutionDocument(MUFFINS.problem, MUFFINS.wrongSteps));
  writeFileSync(join(folder, SAMPLE_FILES.problemOnly), `## Problem\n\n${MUFFINS.problem}\n`);
  writeFileSync(join(folder, SAMPLE_FILES.hostile), `## Problem\n\n${HOSTILE.problem}\n`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);

  const settings = {
    'stepwise.provider': 'ollama',
    'stepwise.endpoint': modelServerUrl,
    'stepwise.policyModel': POLICY_MODEL,
    'stepwise.verifierModel': JUDGE_MODEL,
    'stepwise.scorer': 'judge',
    'stepwise.strategy': 'beam',
    'stepwise.search.n': 2,
    'stepwise.search.beamWidth': 1,
    'stepwise.search.maxDepth': 6,
    'stepwise.requestTimeoutSeconds': 30,
    ...extraSettings,
  };
  writeFileSync(join(folder, '.vscode/settings.json'), JSON.stringify(settings, null, 2));

  // A quiet profile: no welcome page, no tips, no update or telemetry traffic, no minimap in screenshots.
  const userSettings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'editor.minimap.enabled': false,
    // One view line per document line, so decorations are found on their line.
    'editor.wordWrap': 'off',
    '[markdown]': { 'editor.wordWrap': 'off' },
    'files.autoSave': 'off',
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(userSettings, null, 2));

  return { root, folder, userDataDir, extensionsDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
