// Webview entry: loads only the components the panel uses, its styles, and starts the app.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import 'katex/dist/katex.min.css';
import './panel.css';
import { PanelApp, type VsCodeApi } from './app';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('root') ?? document.body;
const app = new PanelApp(root, acquireVsCodeApi());
// The benchmark harness reads render counters from here.
(window as unknown as { stepwisePanel: PanelApp }).stepwisePanel = app;
