// End to end, graceful shutdown (docs/operations.md "Stopping"): on SIGTERM a started Tandem
// refuses new INVITEs with 503 and Retry-After and new IAMs with REL, lets the call in progress
// finish within the grace time, and exits 0; when the grace time runs out first, it releases the
// call on both sides with cause 16 (REL 16 on the circuit, answered RLC, no reset; BYE with
// Reason: Q.850;cause=16 toward the PBX) and exits 0.
import { afterEach, describe, expect, it } from 'vitest';
import { sipp } from './sipp.js';
import { freePort, isupOfLine, startTandem, type Tandem } from './tandem.js';

function pbxCall(tandem: Tandem, scenario: string, called: string, args: readonly string[] = []) {
  return freePort().then((port) => sipp({ scenario, ip: '127.0.0.1', port, remote: `127.0.0.1:${tandem.ports.sip}`, keys: { called, calling: '2001' }, args }).done);
}

/** Resolves once the simulated exchange has an answered call. */
async function answered(tandem: Tandem): Promise<void> {
  await tandem.waitForLog((l) => l.mod === 'isup' && l.dir === 'in' && l.type === 'ANM');
}

const started: Tandem[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.stop();
});

async function start(graceMs: number): Promise<Tandem> {
  const tandem = await startTandem({ graceMs });
  started.push(tandem);
  return tandem;
}

describe('graceful shutdown', () => {
  it('refuses new calls (503 to an INVITE, REL to an IAM), lets the call in progress end, exits 0', async () => {
    const tandem = await start(20_000);
    const call = pbxCall(tandem, 'pbx-uac-answer.xml', '0301234560', ['-d', '3000']);
    await answered(tandem);
    tandem.kill('SIGTERM');
    await tandem.waitForLog((l) => l.msg.startsWith('shutting down'));
    const refused = await pbxCall(tandem, 'pbx-uac-503-retry.xml', '0301234570');
    expect(refused.code, refused.diagnostics).toBe(0);
    const { body } = await tandem.admin('POST', '/sim/sim-e1/originate', { called: '2000' });
    const cic = (body as { cic: number }).cic;
    await tandem.waitForLog((l) => l.mod === 'isup' && l.cic === cic && l.dir === 'out' && l.type === 'REL');
    const first = await call;
    expect(first.code, first.diagnostics).toBe(0);
    expect(await tandem.exited).toBe(0);
    expect(tandem.logs().find((l) => l.msg === 'stopped')).toMatchObject({ finished: 1, released: 0 });
    expect(tandem.logs().some((l) => l.msg === 'request refused' && l.refusedBy === 'draining' && l.status === 503)).toBe(true);
  }, 60_000);

  it('releases the calls still up when the grace time is over: REL 16/RLC on the circuit, BYE with Reason cause 16', async () => {
    const tandem = await start(1000);
    const call = pbxCall(tandem, 'pbx-uac-released.xml', '0301234560');
    await answered(tandem);
    tandem.kill('SIGTERM');
    const run = await call;
    expect(run.code, run.diagnostics).toBe(0);
    expect(await tandem.exited).toBe(0);
    expect(tandem.logs().find((l) => l.msg === 'stopped')).toMatchObject({ finished: 0, released: 1 });
    const isup = tandem.logs().filter((l) => l.mod === 'isup').map((l) => `${String(l.dir)} ${String(l.type)}`);
    expect(isup.slice(isup.indexOf('in ANM') + 1)).toEqual(['out REL', 'in RLC']);
    const rel = tandem.logs().find((l) => l.mod === 'isup' && l.dir === 'out' && l.type === 'REL');
    expect(rel === undefined ? undefined : isupOfLine(rel)).toMatchObject({ type: 'REL', params: { causeIndicators: { causeValue: 16 } } });
    expect(tandem.logs().find((l) => l.mod === 'cdr' && l.type === 'released')).toMatchObject({ side: 'gateway', cause: 16 });
  }, 60_000);
});
