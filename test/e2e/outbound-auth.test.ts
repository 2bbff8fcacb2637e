// End to end, PSTN → SIP toward a peer that challenges: the PBX (SIPp as UAS) answers the first
// INVITE with 401; Tandem sends it again with the peer's outbound credentials (auth.outbound in
// the peer's configuration), which SIPp checks with verifyauth before answering. Without the
// right credentials SIPp answers 403 and then waits for a BYE that never comes: the run fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sippUas } from './sipp.js';
import { startTandem, type Tandem } from './tandem.js';

let tandem: Tandem;
beforeAll(async () => {
  tandem = await startTandem({ changes: { peers: { pbx: { auth: { outbound: { username: 'trunk7', password: 's3cret' } } } } } });
}, 20_000);
afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
});

describe('PSTN → SIP to a peer that challenges', () => {
  it('401, then the INVITE with Authorization from auth.outbound; answered: ACM, ANM, then release', async () => {
    const pbx = await sippUas({ scenario: 'pbx-uas-auth.xml', ip: '127.0.0.1', port: tandem.ports.pbx });
    const from = tandem.logs().length;
    const { status, body } = await tandem.admin('POST', '/sim/sim-e1/originate', { called: '2000', calling: '301234567', holdMs: 300 });
    expect(status, JSON.stringify(body)).toBe(200);
    const cic = (body as { cic: number }).cic;
    const run = await pbx.done;
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([1, 0]);
    const trace = (): string[] =>
      tandem
        .logs()
        .slice(from)
        .filter((l) => l.mod === 'isup' && l.cic === cic)
        .map((l) => `${String(l.dir)} ${String(l.type)}`);
    await tandem.waitForLog(() => trace().includes('out RLC'));
    expect(trace()).toEqual(['in IAM', 'out ACM', 'out ANM', 'in REL', 'out RLC']);
  }, 40_000);
});
