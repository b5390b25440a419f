import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentSteps } from '../../extension/engine/steps/segment';
import { parseDocument } from '../../extension/engine/steps/document';

interface ProcessBenchItem {
  id: string;
  problem: string;
  steps: string[];
}

// The repo lives at /work/main and the shared data beside it, at ../shared/data/processbench;
// a worktree under /work/wt/<name> reaches the same data two levels up.
const DATA_DIR = [path.resolve(__dirname, '../../../shared/data/processbench'), path.resolve(__dirname, '../../../../shared/data/processbench')].find(
  (dir) => existsSync(dir),
) ?? path.resolve(__dirname, '../../../shared/data/processbench');

function load(split: string): ProcessBenchItem[] {
  const file = path.join(DATA_DIR, `${split}.json`);
  // Missing data must fail the run, never skip it silently.
  if (!existsSync(file)) throw new Error(`ProcessBench data missing: ${file}`);
  return JSON.parse(readFileSync(file, 'utf8')) as ProcessBenchItem[];
}

describe.each(['gsm8k', 'math'])('ProcessBench %s: steps joined by blank lines split back exactly', (split) => {
  it('recovers every item', () => {
    const items = load(split);
    expect(items.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    let emptySteps = 0;
    for (const item of items) {
      // An empty step cannot survive a blank-line join: it is dropped from the expectation and counted.
      const expected = item.steps.map((s) => s.trim()).filter((s) => {
        if (s === '') emptySteps++;
        return s !== '';
      });
      const joined = item.steps.join('\n\n');
      const got = segmentSteps(joined);
      for (const step of got) expect(joined.slice(step.start, step.end)).toBe(step.text);
      const same = got.length === expected.length && got.every((s, k) => s.text === expected[k]);
      if (!same) mismatches.push(`${item.id}: expected ${expected.length} steps, got ${got.length}`);
    }
    expect(emptySteps).toBe(0);
    expect(mismatches).toEqual([]);
  });
});

describe.each(['gsm8k', 'math'])('ProcessBench %s: a whole Markdown document parses back', (split) => {
  it('finds the problem and the same steps behind ## Problem / ## Solution headings', () => {
    const mismatches: string[] = [];
    for (const item of load(split)) {
      const source = `## Problem\n\n${item.problem}\n\n## Solution\n\n${item.steps.join('\n\n')}\n`;
      const doc = parseDocument(source);
      const steps = doc.steps.map((s) => s.text);
      const expected = item.steps.map((s) => s.trim());
      if (doc.problem?.text !== item.problem.trim() || JSON.stringify(steps) !== JSON.stringify(expected)) mismatches.push(item.id);
    }
    expect(mismatches).toEqual([]);
  });
});
