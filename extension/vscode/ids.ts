// Command ids, view ids and context keys: one typed list, shared by the host code and package.json tests.

export const COMMANDS = {
  verify: 'stepwise.verify',
  solve: 'stepwise.solve',
  selectModel: 'stepwise.selectModel',
  setApiKey: 'stepwise.setApiKey',
  testConnection: 'stepwise.testConnection',
  cancel: 'stepwise.cancel',
  openTrace: 'stepwise.openTrace',
  exportTrace: 'stepwise.exportTrace',
  clearAnnotations: 'stepwise.clearAnnotations',
  showPanel: 'stepwise.showPanel',
  insertSolution: 'stepwise.insertSolution',
  applyCorrection: 'stepwise.applyCorrection',
  revealNode: 'stepwise.revealNode',
  openExample: 'stepwise.openExample',
  showLog: 'stepwise.showLog',
  /** Inserts text from a chat answer into the editor (the chat's "Insert" buttons; hidden from the palette). */
  insertText: 'stepwise.insertText',
} as const;

/** The chat participant and the language-model tools (package.json `chatParticipants`, `languageModelTools`). */
export const CHAT_PARTICIPANT = 'stepwise.chat';
export const TOOLS = { verify: 'stepwise_verifySteps', solve: 'stepwise_solveProblem' } as const;
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const VIEWS = {
  container: 'stepwise',
  searchTree: 'stepwise.searchTree',
  panel: 'stepwise.panel',
} as const;

/** Context keys for `when` clauses in package.json. */
export const CONTEXT = {
  running: 'stepwise.running',
  hasSearch: 'stepwise.hasSearch',
} as const;

export const DIAGNOSTIC_SOURCE = 'Stepwise';
export const DIAGNOSTIC_CODE = 'stepwise.weakStep';
export const APPLY_CORRECTION_TITLE = 'Apply suggested correction';
