// End to end, no answer: the simulated E1 alerts and never answers; T9 (set to its Q.764 minimum,
// 90 s) expires and Tandem releases the call both ways: 480 with Reason Q.850 cause 19 to the PBX
// and REL cause 19 to the PSTN. In a file of its own so that its 90 s run beside the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sipp } from './sipp.js';
import { freePort, isupOfLine, startTandem, type Tandem } from './tandem.js';

const T9_MS = 90_000;

let tandem: Tandem;
beforeAll(async () => {
  tandem = await startTandem({ changes: { simE1: { timers: { T7: 25_000, T9: T9_MS } } } });
}, 20_000);
afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
});

describe('no answer', () => {
  it('T9 expires: 480 with Reason cause 19, REL cause 19 toward the PSTN', async () => {
    const started = Date.now();
    const run = await sipp({
      scenario: 'pbx-uac-480.xml',
      ip: '127.0.0.1',
      port: await freePort(),
      remote: `127.0.0.1:${tandem.ports.sip}`,
      keys: { called: '0301234519', calling: '2001' },
      timeoutS: 120,
    }).done;
    expect(run.code, run.diagnostics).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(T9_MS - 1000);
    const line = await tandem.waitForLog((l) => l.mod === 'isup' && l.dir === 'out' && l.type === 'REL');
    const rel = isupOfLine(line);
    expect(rel?.type === 'REL' ? rel.params.causeIndicators.causeValue : undefined).toBe(19);
  }, 130_000);
});
