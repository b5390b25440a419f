/** Median wall time of `runs` calls after one warm-up call. */
export function medianMs(runs: number, fn: () => unknown): number {
  fn();
  const times = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}
