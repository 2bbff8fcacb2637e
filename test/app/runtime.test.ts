// gateway.runtime (docs/operations.md "Memory"): the V8 flags `tandem start` sets, and that the
// heap-growth flag, set at run time as start does it, changes how often V8 runs full collections.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { applyRuntime, runtimeFlags } from '../../src/app/runtime.js';

/** Mark-compact collections a child node runs over a fixed allocation pattern, after setting `flags` with v8.setFlagsFromString. */
function markCompacts(flags: readonly string[]): number {
  const program = `
    const v8 = require('node:v8');
    for (const f of ${JSON.stringify(flags)}) v8.setFlagsFromString(f);
    let keep = [];
    let junk = [];
    for (let i = 0; i < 3e6; i++) {
      keep.push({ a: i, b: 'x' + i });
      junk.push({ i });
      if (junk.length > 300000) junk = [];
      if (i % 1000 === 0) keep.splice(0, 500);
    }
    console.log(keep.length);`;
  const run = spawnSync(process.execPath, ['--trace-gc', '-e', program], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((l) => l.includes('Mark-Compact')).length;
}

describe('runtime flags', () => {
  it('caps heap growth with --heap-growing-percent, and sets nothing for 0 (V8 decides)', () => {
    expect(runtimeFlags({ heapGrowthPercent: 75 })).toEqual(['--heap-growing-percent=75']);
    expect(runtimeFlags({ heapGrowthPercent: 400 })).toEqual(['--heap-growing-percent=400']);
    expect(runtimeFlags({ heapGrowthPercent: 0 })).toEqual([]);
  });

  it('applyRuntime hands each flag to the setter and returns them', () => {
    const set: string[] = [];
    expect(applyRuntime({ heapGrowthPercent: 50 }, (f) => set.push(f))).toEqual(['--heap-growing-percent=50']);
    expect(set).toEqual(['--heap-growing-percent=50']);
    expect(applyRuntime({ heapGrowthPercent: 0 }, (f) => set.push(f))).toEqual([]);
    expect(set).toHaveLength(1);
  });

  it('set at run time, a small heap growth makes V8 collect the old generation more often than its default', () => {
    const byDefault = markCompacts(runtimeFlags({ heapGrowthPercent: 0 }));
    const capped = markCompacts(runtimeFlags({ heapGrowthPercent: 10 }));
    expect(capped).toBeGreaterThan(byDefault);
  }, 60_000);
});
