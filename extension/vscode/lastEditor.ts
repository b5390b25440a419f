// The text editor commands act on. With the panel (or any non-text view) focused, `activeTextEditor` is undefined;
// palette commands then mean the text editor the user was last in, as long as it is still open.
import * as vscode from 'vscode';

let last: vscode.TextEditor | undefined;

export function trackLastTextEditor(): vscode.Disposable {
  last = vscode.window.activeTextEditor;
  return vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor && isTextDocument(editor.document)) last = editor;
  });
}

/** The active text editor, else the last one that was active while its document is open, else the only visible one. */
export function activeOrLastTextEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active && isTextDocument(active.document)) return active;
  if (!last || last.document.isClosed) {
    // Nothing was active since activation (a reload with the panel focused): one visible document is unambiguous.
    const visible = vscode.window.visibleTextEditors.filter((e) => isTextDocument(e.document));
    return visible.length === 1 ? visible[0] : undefined;
  }
  return vscode.window.visibleTextEditors.find((e) => e.document === last!.document) ?? last;
}

// Output channels and the like are text documents too, but not ones a user means by "the document".
function isTextDocument(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme !== 'output' && doc.uri.scheme !== 'debug';
}
