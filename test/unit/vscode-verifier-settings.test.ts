import { describe, expect, it } from 'vitest';
import { readSettings, toHostConfig, type SettingKey } from '../../extension/vscode/settingsKeys';

const read = (values: Partial<Record<SettingKey, unknown>>) => readSettings((k) => values[k]);

describe('verifier settings', () => {
  it('rollouts, estimate and the reference file reach the run config', () => {
    const { settings, problems } = read({ scorer: 'progress', 'progress.rollouts': 4, 'progress.estimate': 'soft', 'reference.file': ' refs/key.md ', 'budget.calls': 300 });
    const c = toHostConfig(settings, problems);
    expect(problems).toEqual([]);
    expect(c.scorer).toBe('progress');
    expect(c.progress).toMatchObject({ rollouts: 4, estimate: 'soft', budget: { calls: 300 } });
    expect(c.referenceFile).toBe('refs/key.md');
  });

  it('defaults: 8 rollouts, hard estimate, no reference file', () => {
    const c = toHostConfig(read({}).settings);
    expect(c.progress).toMatchObject({ rollouts: 8, estimate: 'hard' });
    expect(c.referenceFile).toBeUndefined();
  });

  it('an estimate it cannot use is reported, not coerced', () => {
    const { problems } = read({ 'progress.estimate': 'fuzzy' });
    expect(problems).toEqual(['Setting stepwise.progress.estimate has the value "fuzzy", which Stepwise cannot use (one of hard, soft).']);
  });
});
