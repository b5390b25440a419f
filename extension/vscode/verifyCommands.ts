// Verify Steps, background corrections, and Apply suggested correction.
import * as vscode from 'vscode';
import { InvalidOptions, ScoreMemory, verdictLabel } from '../engine/index';
import type { ApplyCorrectionArgs } from './codeActions';
import { DocAnnotations } from './docAnnotations';
import { engineApi, type Correction } from './engineApi';
import { abortOnCancel, showRunError } from './errorsUi';
import { formatScore } from './format';
import type { Host } from './host';
import { COMMANDS } from './ids';
import { activeOrLastTextEditor } from './lastEditor';
import { log } from './log';
import { pullWithProgress } from './modelCommands';
import { readRunConfig, describeConfig } from './settings';
import { withReferenceFile } from './referenceFile';
import type { HostConfig } from './settingsKeys';

/** Scores of this window's earlier verifications: verifying again after an edit rescores only what changed. */
// Made on the first Verify: building it at load would load the engine bundle at activation.
let scoreMemory: ScoreMemory | undefined;

export interface VerifyArgs {
  uri?: string;
  /** Re-verify what was verified last time (the CodeLens, the panel's Verify again). */
  again?: boolean;
}

/** The editor for a document URI, opening it when needed; the active editor when no URI is given. */
export async function editorFor(uri?: string): Promise<vscode.TextEditor | undefined> {
  if (!uri) return activeOrLastTextEditor();
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (visible) return visible;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  return vscode.window.showTextDocument(document, { preserveFocus: false });
}

export async function runConfig(host: Host): Promise<HostConfig> {
  const config = await readRunConfig(host.keys);
  if (config.problems.length) throw new InvalidOptions(config.problems.join(' '));
  log().debug(`config ${describeConfig(config)}`);
  return config;
}

export function busyWarning(host: Host): void {
  void vscode.window.showWarningMessage(`Stepwise is already running (${host.runs.running?.kind}).`, 'Cancel run').then((c) => {
    if (c) host.runs.cancel();
  });
}

export async function verify(host: Host, args: VerifyArgs | vscode.Uri = {}): Promise<void> {
  const { uri, again } = args instanceof vscode.Uri ? { uri: args.toString(), again: false } : args;
  const editor = await editorFor(uri);
  if (!editor) {
    void vscode.window.showInformationMessage('Stepwise: open a document with a problem and its solution first.');
    return;
  }
  const document = editor.document;
  const docUri = document.uri.toString();
  const previous = host.runs.docs.get(docUri);
  const selection = !again && !editor.selection.isEmpty ? editor.selection : undefined;
  const range = selection
    ? { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) }
    : again && previous?.verifiedRange && !previous.verifiedRange.stale
      ? { start: previous.verifiedRange.start, end: previous.verifiedRange.end }
      : undefined;
  const run = host.runs.begin('verify', docUri);
  if (!run) return busyWarning(host);
  const retry = () => void verify(host, { uri: docUri, again });
  host.panel.showRunning(true);
  try {
    const config = await withReferenceFile(await runConfig(host), document.uri);
    const text = document.getText();
    let scored = 0;
    const { document: parsed, result, trace } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Stepwise: verifying steps', cancellable: true },
      async (progress, token) => {
        const sub = abortOnCancel(token, () => host.runs.cancel());
        try {
          return await engineApi.verifyText(config, text, {
            signal: run.signal,
            range,
            memory: (scoreMemory ??= new ScoreMemory()),
            onStep: (s) => {
              scored++;
              run.progress(`Stepwise: verifying · ${scored} scored`);
              progress.report({ message: `step ${s.index + 1}: ${s.verdict === 'unscored' ? verdictLabel(s) : `${formatScore(s.score)} ${s.verdict}`}` });
            },
            onNote: (note) => log().info(note),
          });
        } finally {
          sub.dispose();
        }
      },
    );
    const annotations = DocAnnotations.place({
      uri: docUri,
      problem: parsed.problem?.text ?? '',
      result,
      currentText: document.getText(),
      editsSinceStart: run.editLog,
      range,
    });
    host.runs.setDoc(annotations);
    log().info(`Verified ${document.fileName} (${result.scorer}): ${result.summary} Score ${formatScore(result.solutionScore)}.`);
    host.panel.showVerification({ docUri, fileName: document.fileName, problem: annotations.problem, result, corrections: {} });
    // Sections are placed by offset: only when the text is still the one verified.
    host.traces.set(docUri, document.getText() === text ? trace : undefined);
    if (trace) host.panel.showTrace(docUri, trace);
    if (annotations.staleCount) {
      void vscode.window.showWarningMessage(`Stepwise: the document changed while verifying; ${annotations.staleCount} step(s) are marked stale. Verify again to score them.`);
    }
    // Notes ("Scoring with the judge model …") are shown in the panel's statistics and the log, not as a toast each time.
    for (const note of result.notes) log().info(note);
    // Steps with no verdict are said out loud: a quiet editor must not read as a pass.
    if (result.outcome === 'unverified' || result.outcome === 'incomplete') void vscode.window.showWarningMessage(`Stepwise: ${result.summary}`);
    if (config.suggestCorrections) startBackgroundCorrection(host, annotations, config);
  } catch (err) {
    void showRunError(err, { retry, pull: (m) => pullWithProgress(host, m), showInPanel: (m, f) => host.panel.showError(m, f) }, run.signal);
  } finally {
    host.runs.end(run);
    host.panel.showRunning(false);
  }
}

/** After a verify, prepares the correction for the earliest wrong step so the quick fix is instant. */
function startBackgroundCorrection(host: Host, doc: DocAnnotations, config: HostConfig): void {
  const index = doc.firstWeakIndex();
  if (index < 0) return;
  const run = host.runs.beginBackground('correct', doc.uri);
  engineApi
    .suggestCorrection(config, doc.problem, doc.stepTexts(), { signal: run.signal, stepIndex: index })
    .then((correction) => {
      if (host.runs.docs.get(doc.uri) !== doc) return;
      doc.corrections[index] = correction;
      host.panel.showCorrection(doc.uri, correction);
      host.runs.touchDoc(doc.uri);
      log().info(`Correction ready for step ${index + 1}: ${formatScore(correction.original.score)} → ${formatScore(correction.replacement.score)}.`);
    })
    .catch((err) => log().info(`Background correction stopped: ${(err as Error)?.message ?? err}`))
    .finally(() => host.runs.end(run));
}

async function correctionFor(host: Host, doc: DocAnnotations, stepIndex: number): Promise<Correction | undefined> {
  const cached = doc.corrections[stepIndex];
  if (cached) return cached;
  const run = host.runs.begin('correct', doc.uri);
  if (!run) {
    busyWarning(host);
    return undefined;
  }
  try {
    const config = await runConfig(host);
    const correction = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Stepwise: finding a better step ${stepIndex + 1}`, cancellable: true },
      async (_p, token) => {
        const sub = abortOnCancel(token, () => host.runs.cancel());
        try {
          return await engineApi.suggestCorrection(config, doc.problem, doc.stepTexts(), { signal: run.signal, stepIndex });
        } finally {
          sub.dispose();
        }
      },
    );
    doc.corrections[stepIndex] = correction;
    host.panel.showCorrection(doc.uri, correction);
    return correction;
  } catch (err) {
    void showRunError(err, { pull: (m) => pullWithProgress(host, m) }, run.signal);
    return undefined;
  } finally {
    host.runs.end(run);
  }
}

function withEol(text: string, document: vscode.TextDocument): string {
  return document.eol === vscode.EndOfLine.CRLF ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
}

export async function applyCorrection(host: Host, args: ApplyCorrectionArgs): Promise<void> {
  const doc = host.runs.docs.get(args.uri);
  const tracked = doc?.steps[args.stepIndex];
  if (!doc || !tracked) {
    void vscode.window.showInformationMessage('Stepwise: verify the document first.');
    return;
  }
  if (tracked.span.stale) {
    const choice = await vscode.window.showWarningMessage(`Stepwise: step ${args.stepIndex + 1} was edited after it was verified.`, 'Verify again');
    if (choice) await vscode.commands.executeCommand(COMMANDS.verify, { uri: args.uri, again: true });
    return;
  }
  const correction = await correctionFor(host, doc, args.stepIndex);
  if (!correction) return;
  if (!correction.improved) {
    const choice = await vscode.window.showInformationMessage(
      `Stepwise found no better step ${args.stepIndex + 1}: the best candidate scored ${formatScore(correction.replacement.score)} against ${formatScore(correction.original.score)}. ${correction.reason}`,
      'Apply anyway',
    );
    if (choice !== 'Apply anyway') return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  // Re-read after the await: the user may have typed meanwhile. Never write onto text that is not the step.
  const span = doc.steps[args.stepIndex]?.span;
  if (!span || span.stale || document.getText(new vscode.Range(document.positionAt(span.start), document.positionAt(span.end))) !== tracked.step.text) {
    void vscode.window.showWarningMessage('Stepwise: the step changed since it was verified; verify again before applying a correction.');
    return;
  }
  const replacement = withEol(correction.replacement.text.trim(), document);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)), replacement);
  if (!(await vscode.workspace.applyEdit(edit))) return;
  doc.replaceSteps(args.stepIndex, span.start, [{ text: replacement, score: correction.replacement.score }], '', 1);
  host.runs.touchDoc(args.uri);
  showCurrent(host, doc, document);
  log().info(`Applied the correction to step ${args.stepIndex + 1}.`);
  void offerTail(host, doc, document, args.stepIndex, correction);
}

/** "Also replace the rest of the solution?": the steps after the corrected one, with the corrected tail. */
async function offerTail(host: Host, doc: DocAnnotations, document: vscode.TextDocument, index: number, correction: Correction): Promise<void> {
  const later = doc.steps.slice(index + 1);
  if (!correction.tail.length || !later.length) return;
  const answer = correction.answer ? ` (answer ${correction.answer})` : '';
  const choice = await vscode.window.showInformationMessage(
    `Also replace the rest of the solution? Stepwise continued from the corrected step: ${correction.tail.length} step(s)${answer}.`,
    'Replace the rest',
    'Keep',
  );
  if (choice !== 'Replace the rest') return;
  const current = doc.steps.slice(index);
  if (current.some((s) => s.span.stale)) {
    void vscode.window.showWarningMessage('Stepwise: the later steps were edited meanwhile; nothing was replaced.');
    return;
  }
  const text = document.getText();
  const separator = text.slice(current[0].span.end, current[1].span.start) || withEol('\n\n', document);
  const start = current[1].span.start;
  const end = current[current.length - 1].span.end;
  const tail = correction.tail.map((t) => ({ text: withEol(t.text.trim(), document), score: t.score }));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), tail.map((t) => t.text).join(separator));
  if (!(await vscode.workspace.applyEdit(edit))) return;
  doc.replaceSteps(index + 1, start, tail, separator, later.length);
  host.runs.touchDoc(doc.uri);
  showCurrent(host, doc, document);
}

/** The panel follows the document: after a correction it shows the solution as it now stands. */
function showCurrent(host: Host, doc: DocAnnotations, document: vscode.TextDocument): void {
  host.panel.showVerification({ docUri: doc.uri, fileName: document.fileName, problem: doc.problem, result: doc.currentResult(), corrections: doc.corrections });
}
