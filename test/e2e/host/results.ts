/** Where the in-host runner writes its outcome, relative to the workspace folder (read by host.e2e.test.ts). */
export const HOST_RESULTS_FILE = '.stepwise-e2e-host.json';

export interface HostOutcome {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}
