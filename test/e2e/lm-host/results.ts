/** Where the lm runner writes its outcome, relative to the workspace folder (read by lm-models.e2e.test.ts). */
export const LM_RESULTS_FILE = '.stepwise-e2e-lm.json';
/** Written by the outer test when it has read everything: the runner returns (and the host exits) after it. */
export const LM_ACK_FILE = '.stepwise-e2e-lm.ack';

export interface LmResults {
  done: boolean;
  /** The check running now (the outer test answers its dialogs and reads its notifications). */
  current?: string;
  outcomes: { name: string; ok: boolean; error?: string; ms: number }[];
  /** activate() entry to return, measured by Stepwise itself. */
  activationMs?: number;
  /** CPU time in activate(): what activation costs, apart from waiting for a core on a busy machine. */
  activationCpuMs?: number;
  editorModels?: string[];
  toolText?: string;
}
