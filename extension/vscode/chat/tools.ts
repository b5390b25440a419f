// Language-model tools for chat agents: verify a problem's steps (read-only), and solve with verified search.
import * as vscode from 'vscode';
import type { Host } from '../host';
import { TOOLS } from '../ids';
import { chatConfig, chatEngine, chatError } from './engineAccess';
import { formatScoreOrNone, reportText } from './report';
import { countSteps, runVerifyTool, type SolveToolInput, type VerifyToolInput } from './toolRun';

function abortable(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  if (token.isCancellationRequested) abort.abort();
  return { signal: abort.signal, dispose: () => sub.dispose() };
}

const text = (t: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(t)]);

class VerifyStepsTool implements vscode.LanguageModelTool<VerifyToolInput> {
  constructor(private readonly host: Host) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<VerifyToolInput>): vscode.PreparedToolInvocation {
    // Read-only: it sends the steps to the configured verifier and changes nothing, so no confirmation.
    return { invocationMessage: `Stepwise: verifying ${countSteps(options.input)} steps` };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<VerifyToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const run = abortable(token);
    try {
      const report = await runVerifyTool(await chatConfig(this.host), chatEngine(), options.input, run.signal);
      return text(reportText(report));
    } catch (err) {
      const failure = chatError(err, run.signal);
      // A tool answers the agent in text: the failure is said, not thrown, so the agent can tell the user.
      return text(failure ? `Stepwise could not verify the steps: ${failure.message}` : 'Cancelled.');
    } finally {
      run.dispose();
    }
  }
}

class SolveProblemTool implements vscode.LanguageModelTool<SolveToolInput> {
  constructor(private readonly host: Host) {}

  prepareInvocation(): vscode.PreparedToolInvocation {
    return { invocationMessage: 'Stepwise: solving with verified step search' };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<SolveToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const run = abortable(token);
    try {
      const config = await chatConfig(this.host);
      const { result } = await chatEngine().solveText(config, options.input.problem ?? '', { signal: run.signal, search: config.search });
      const steps = result.steps.map((s, i) => `Step ${i + 1} (${s.verdict}, score ${formatScoreOrNone(Number.isFinite(s.score) ? s.score : null)}): ${s.text}`);
      return text([...steps, '', result.answer ? `Answer: ${result.answer} (solution score ${result.score.toFixed(2)})` : 'No answer was reached.'].join('\n'));
    } catch (err) {
      const failure = chatError(err, run.signal);
      return text(failure ? `Stepwise could not solve the problem: ${failure.message}` : 'Cancelled.');
    } finally {
      run.dispose();
    }
  }
}

export function registerTools(host: Host): vscode.Disposable[] {
  return [vscode.lm.registerTool(TOOLS.verify, new VerifyStepsTool(host)), vscode.lm.registerTool(TOOLS.solve, new SolveProblemTool(host))];
}
