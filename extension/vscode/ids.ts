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
} as const;
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
