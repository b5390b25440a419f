// The Search view: the nodes of the current (or an opened) search, refreshed at most every 200 ms while it runs.
import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from './ids';
import { describeNode, searchMessage, type NodeKind } from './format';
import type { RunController } from './run';

const ICONS: Record<NodeKind, vscode.ThemeIcon> = {
  root: new vscode.ThemeIcon('question'),
  selected: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('stepwise.okForeground')),
  terminal: new vscode.ThemeIcon('target'),
  pruned: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
  wrong: new vscode.ThemeIcon('error', new vscode.ThemeColor('stepwise.wrongForeground')),
  unscored: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('stepwise.unscoredForeground')),
  open: new vscode.ThemeIcon('circle-outline'),
};

const REFRESH_MS = 200;

/** Elements are node ids of the current search. */
export class SearchTreeProvider implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<string>;
  private readonly disposables: vscode.Disposable[] = [];
  private lastRefresh = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly runs: RunController, private readonly threshold: () => number) {
    this.view = vscode.window.createTreeView(VIEWS.searchTree, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.changed,
      this.view,
      runs.onDidChangeSearch(() => this.refreshThrottled()),
    );
  }

  getTreeItem(id: string): vscode.TreeItem {
    const state = this.runs.search!;
    const node = state.node(id)!;
    const onBest = state.isOnBestPath(id);
    const { kind, label, description, tooltip } = describeNode(node, onBest, state.threshold ?? this.threshold());
    const hasChildren = state.childrenOf(id).length > 0;
    const item = new vscode.TreeItem(
      label,
      node.depth === 0 || (hasChildren && onBest)
        ? vscode.TreeItemCollapsibleState.Expanded
        : hasChildren
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.None,
    );
    // VS Code keeps an item's collapse state by id and ignores a new collapsibleState for an id it has drawn: a node
    // that gains its first child during a live search gets a new id, so it opens (best path) instead of staying shut.
    item.id = `${this.runs.searchRun}:${id}${hasChildren ? '' : ':leaf'}`;
    item.accessibilityInformation = { label: `${label}${description ? `, ${description}` : ''}${onBest ? ', on the best path' : ''}` };
    item.description = description;
    const md = new vscode.MarkdownString(tooltip);
    md.isTrusted = false;
    md.supportHtml = false;
    item.tooltip = md;
    item.iconPath = ICONS[kind];
    item.contextValue = `stepwise.node.${kind}`;
    // A command, not a selection listener: clicking (or Enter on) the node that is already selected must still
    // bring it into the panel, e.g. after the panel switched to a verification.
    item.command = { command: COMMANDS.revealNode, title: 'Show in the Stepwise panel', arguments: [id] };
    return item;
  }

  getChildren(id?: string): string[] {
    const state = this.runs.search;
    if (!state) return [];
    return (id ? state.childrenOf(id) : state.roots()).map((n) => n.id);
  }

  getParent(id: string): string | undefined {
    return this.runs.search?.parentOf(id)?.id;
  }

  /** Panel → tree: shows and selects a node (selection runs no command, so nothing bounces back to the panel). */
  async reveal(id: string): Promise<void> {
    if (!this.runs.search?.has(id)) return;
    this.flush();
    await this.view.reveal(id, { select: true, focus: false, expand: true });
  }

  private refreshThrottled(): void {
    const wait = this.lastRefresh + REFRESH_MS - Date.now();
    if (wait <= 0) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastRefresh = Date.now();
    const state = this.runs.search;
    if (state) {
      this.view.description = `${state.strategy} · ${state.size} nodes`;
      this.view.message = searchMessage(state);
    }
    this.changed.fire();
  }

  /** Shows the tree with a search restored elsewhere (the panel after a reload). */
  refresh(): void {
    this.flush();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

