// End to end, PSTN → SIP: the simulated E1 originates a call (admin API POST
// /sim/sim-e1/originate), the example route sends it to the PBX, played by SIPp as UAS on
// 127.0.0.1. Answered (the PSTN side hangs up after the hold time: BYE with Reason cause 16) and
// rejected (486: REL with cause 17 toward the PSTN).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sippUas } from './sipp.js';
import { isupOfLine, startTandem, type Tandem } from './tandem.js';

let tandem: Tandem;
beforeAll(async () => {
  tandem = await startTandem();
}, 20_000);
afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
});

/** The simulated exchange calls `called`; resolves with the CIC it used. */
async function originate(called: string, holdMs?: number): Promise<number> {
  const { status, body } = await tandem.admin('POST', '/sim/sim-e1/originate', { called, calling: '301234567', ...(holdMs === undefined ? {} : { holdMs }) });
  expect(status, JSON.stringify(body)).toBe(200);
  return (body as { cic: number }).cic;
}

/** The ISUP types on `cic`, in order, once `last` is among them: `in IAM`, `out ACM`... */
async function isupOn(cic: number, from: number, last: string): Promise<string[]> {
  const lines = () =>
    tandem
      .logs()
      .slice(from)
      .filter((l) => l.mod === 'isup' && l.cic === cic)
      .map((l) => `${String(l.dir)} ${String(l.type)}`);
  await tandem.waitForLog(() => lines().includes(last));
  const trace = lines();
  return trace.slice(0, trace.indexOf(last) + 1);
}

describe('PSTN → SIP', () => {
  it('answered by the PBX; the PSTN side hangs up: ACM, ANM toward the PSTN, BYE with Reason cause 16', async () => {
    const pbx = await sippUas({ scenario: 'pbx-uas-answer.xml', ip: '127.0.0.1', port: tandem.ports.pbx });
    const from = tandem.logs().length;
    const cic = await originate('2000', 300);
    const run = await pbx.done;
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([1, 0]);
    expect(await isupOn(cic, from, 'out RLC')).toEqual(['in IAM', 'out ACM', 'out ANM', 'in REL', 'out RLC']);
  }, 40_000);

  it('rejected by the PBX with 486: REL cause 17 toward the PSTN', async () => {
    const pbx = await sippUas({ scenario: 'pbx-uas-486.xml', ip: '127.0.0.1', port: tandem.ports.pbx });
    const from = tandem.logs().length;
    const cic = await originate('2001');
    const run = await pbx.done;
    expect(run.code, run.diagnostics).toBe(0);
    expect(await isupOn(cic, from, 'in RLC')).toEqual(['in IAM', 'out REL', 'in RLC']);
    const line = tandem.logs().slice(from).find((l) => l.mod === 'isup' && l.cic === cic && l.type === 'REL');
    const rel = line === undefined ? undefined : isupOfLine(line);
    expect(rel?.type === 'REL' ? rel.params.causeIndicators.causeValue : undefined).toBe(17);
  }, 40_000);
});
