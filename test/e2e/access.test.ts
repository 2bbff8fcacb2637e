// End to end: requests that must not reach a circuit. A started Tandem (child process, example
// configuration on free ports, plus a peer `branch` on 127.0.0.4 that must authenticate) and
// SIPp: an INVITE from a source no ACL holds gets 403, one without credentials from the
// authenticating peer gets 401 with a challenge; both are logged, and the simulated exchange
// sees no IAM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sipp } from './sipp.js';
import { freePort, startTandem, type Tandem } from './tandem.js';

const BRANCH = { peers: { branch: { address: '127.0.0.4:5060', acl: ['127.0.0.4/32'], auth: { inbound: { username: 'branch', password: 'secret' } } } } };

let tandem: Tandem;
beforeAll(async () => {
  tandem = await startTandem({ changes: { files: { 'branch.yaml': BRANCH } } });
}, 20_000);
afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
});

async function invite(scenario: string, ip: string): Promise<void> {
  const run = await sipp({ scenario, ip, port: await freePort(), remote: `127.0.0.1:${tandem.ports.sip}`, keys: { called: '0301234560', calling: '2001' } }).done;
  expect(run.code, run.diagnostics).toBe(0);
  expect([run.successful, run.failed], run.diagnostics).toEqual([1, 0]);
}

async function terminatedOnSim(): Promise<number> {
  const { body } = await tandem.admin('GET', '/sim/sim-e1');
  return (body as { counters: { terminated: number } }).counters.terminated;
}

describe('access control', () => {
  it('an INVITE from a source that matches no peer gets 403, is logged, and reaches no circuit', async () => {
    await invite('pbx-uac-403.xml', '127.0.0.3');
    const line = await tandem.waitForLog((l) => l.msg === 'request refused' && l.refusedBy === 'acl' && l.method === 'INVITE');
    expect(line).toMatchObject({ mod: 'sip', status: 403, detail: "127.0.0.3 matches no peer's acl" });
    expect(String(line.source)).toMatch(/^UDP 127\.0\.0\.3:\d+$/);
    expect(await terminatedOnSim()).toBe(0);
  }, 40_000);

  it('an INVITE without credentials from a peer with inbound digest credentials gets 401, is logged, and reaches no circuit', async () => {
    await invite('pbx-uac-401.xml', '127.0.0.4');
    const line = await tandem.waitForLog((l) => l.msg === 'request refused' && l.refusedBy === 'auth');
    expect(line).toMatchObject({ mod: 'sip', status: 401, code: 'GW_ERR_SIP_AUTH_MISSING', method: 'INVITE' });
    expect(await terminatedOnSim()).toBe(0);
  }, 40_000);
});
