/** Where the in-host runner writes its outcome, relative to the workspace folder (read by host.e2e.test.ts). */
export const HOST_RESULTS_FILE = '.stepwise-e2e-host.json';

export interface HostOutcome {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

export interface HostResults {
  /** False while checks are still running (or when the host died part-way). */
  done: boolean;
  outcomes: HostOutcome[];
}
