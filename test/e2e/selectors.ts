// Where things are in the VS Code workbench DOM (1.100) and in the Stepwise panel. Only this file knows.

export const WORKBENCH = {
  root: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  activeEditor: '.editor-group-container.active .monaco-editor',
  editorLines: '.view-lines .view-line',
  problemsRows: '.markers-panel .monaco-list-row',
  codeActionRow: '.action-widget .monaco-list-row',
  notificationToast: '.notifications-toasts .notification-toast',
  codeLens: '.monaco-editor .codelens-decoration',
  statusBarItem: '.statusbar-item',
  /** The side bar view container contributed as `stepwise` (tree view `stepwise.searchTree`). */
  stepwiseViewlet: '[id="workbench.view.extension.stepwise"]',
  treeRow: '.monaco-list-row',
  /** Webview panels (the Stepwise panel's outer iframe). */
  webviewFrame: 'iframe.webview',
} as const;

/** The data-testid hooks the panel provides (contract). */
export const PANEL = {
  stepRow: '[data-testid="step-row"]',
  stepScore: '[data-testid="step-score"]',
  firstError: '[data-testid="first-error"]',
  applyCorrection: '[data-testid="apply-correction"]',
  cancel: '[data-testid="cancel"]',
  stats: '[data-testid="stats"]',
  pathChart: '[data-testid="path-chart"]',
  problem: '[data-testid="problem"]',
} as const;

/** Command palette titles (category: title) from the contract. */
export const COMMAND_TITLES = {
  verify: 'Stepwise: Verify Steps',
  solve: 'Stepwise: Solve with Verified Search',
  cancel: 'Stepwise: Cancel',
  showPanel: 'Stepwise: Show Panel',
  reloadWindow: 'Developer: Reload Window',
  focusProblems: 'View: Focus Problems (Errors, Warnings, Infos)',
  focusSearchTree: 'Stepwise: Focus on Search View',
} as const;
