import { describe, expect, it } from 'vitest';
import { readSettings, toHostConfig, type SettingKey } from '../../extension/vscode/settingsKeys';

const config = (values: Partial<Record<SettingKey, unknown>>) => toHostConfig(readSettings((k) => values[k]));

describe('verifier settings', () => {
  it('rollouts, estimate and the reference file reach the run config', () => {
    const c = config({ scorer: 'progress', 'progress.rollouts': 4, 'progress.estimate': 'soft', 'reference.file': ' refs/key.md ', 'budget.calls': 300 });
    expect(c.problems).toEqual([]);
    expect(c.scorer).toBe('progress');
    expect(c.progress).toMatchObject({ rollouts: 4, estimate: 'soft', budget: { calls: 300 } });
    expect(c.referenceFile).toBe('refs/key.md');
  });

  it('defaults: 8 rollouts, hard estimate, no reference file', () => {
    const c = config({});
    expect(c.progress).toMatchObject({ rollouts: 8, estimate: 'hard' });
    expect(c.referenceFile).toBeUndefined();
  });

  it('an estimate it cannot use is reported, not coerced', () => {
    const c = config({ 'progress.estimate': 'fuzzy' });
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toContain('stepwise.progress.estimate');
    expect(c.problems[0]).toContain('fuzzy');
  });
});
