// End to end, gateway.runtime (docs/operations.md "Memory"): `tandem start` applies the heap-growth
// cap to its own V8 and logs the flags it set.
import { afterEach, describe, expect, it } from 'vitest';
import { startTandem, type Tandem } from './tandem.js';

const started: Tandem[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.stop();
});

describe('tandem start: runtime tuning', () => {
  it('caps heap growth at 75 % by default and says so', async () => {
    const tandem = await startTandem();
    started.push(tandem);
    expect(tandem.logs().find((l) => l.msg.startsWith('runtime:'))).toMatchObject({ msg: 'runtime: --heap-growing-percent=75', v8Flags: ['--heap-growing-percent=75'] });
  }, 30_000);

  it('leaves heap growth to V8 with heapGrowthPercent: 0', async () => {
    const tandem = await startTandem({ changes: { runtime: { heapGrowthPercent: 0 } } });
    started.push(tandem);
    expect(tandem.logs().find((l) => l.msg.startsWith('runtime:'))).toMatchObject({ msg: 'runtime: V8 defaults', v8Flags: [] });
  }, 30_000);
});
