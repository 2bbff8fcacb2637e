// End to end, SIP → PSTN: SIPp as the PBX (127.0.0.1) calls through a started Tandem (child
// process, the example configuration on free ports) into the simulated E1, whose behaviour the
// called number's last digits pick (docs/operations.md). The example route's second target, the
// carrier, is a peer: call control tries only trunk groups for calls from SIP, so congestion on
// the E1 is the call's end. Each test checks SIPp's outcome and
// the ISUP that crossed the circuit (Tandem's ISUP trace at log level debug), and that every
// circuit is idle again with nothing unexpected on the exchange.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sipp } from './sipp.js';
import { freePort, isupOfLine, startTandem, type LogLine, type Tandem } from './tandem.js';

let tandem: Tandem;
beforeAll(async () => {
  tandem = await startTandem();
}, 20_000);
afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
});

/** Runs one PBX call of `scenario` to `called` (a national number: the PBX rule makes it +49…). */
async function pbxCall(scenario: string, called: string, args: readonly string[] = []): Promise<void> {
  const run = await sipp({ scenario, ip: '127.0.0.1', port: await freePort(), remote: `127.0.0.1:${tandem.ports.sip}`, keys: { called, calling: '2001' }, args }).done;
  expect(run.code, run.diagnostics).toBe(0);
  expect([run.successful, run.failed], run.diagnostics).toEqual([1, 0]);
}

/** The called number of a traced IAM. */
function calledOf(line: LogLine): string | undefined {
  const iam = line.type === 'IAM' ? isupOfLine(line) : undefined;
  return iam?.type === 'IAM' ? iam.params.calledPartyNumber.digits : undefined;
}

/** The ISUP messages on the circuit of the call to `digits`, from its IAM to `last`: `out IAM`, `in ACM`... */
async function isupOf(digits: string, last: string): Promise<string[]> {
  const iam = await tandem.waitForLog((l) => l.dir === 'out' && calledOf(l) === digits);
  const lines = () => tandem.logs().slice(tandem.logs().indexOf(iam)).filter((l) => l.mod === 'isup' && l.cic === iam.cic);
  await tandem.waitForLog(() => lines().some((m) => `${String(m.dir)} ${String(m.type)}` === last));
  const trace = lines().map((l) => `${String(l.dir)} ${String(l.type)}`);
  return trace.slice(0, trace.indexOf(last) + 1);
}

async function idleExchange(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { body } = await tandem.admin('GET', '/sim/sim-e1');
    const state = body as { circuits: { call?: unknown }[]; unexpected: unknown[] };
    if (state.circuits.every((c) => c.call === undefined)) {
      expect(state.unexpected).toEqual([]);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('a circuit still has a call');
}

describe('SIP → PSTN', () => {
  it('answered, the caller hangs up: 200, ACK, BYE; IAM, ACM, ANM, then REL and RLC', async () => {
    await pbxCall('pbx-uac-answer.xml', '0301234560', ['-d', '300']);
    expect(await isupOf('49301234560', 'in RLC')).toEqual(['out IAM', 'in ACM', 'in ANM', 'out REL', 'in RLC']);
    await idleExchange();
  }, 40_000);

  it('answered over TCP, the caller hangs up', async () => {
    await pbxCall('pbx-uac-answer.xml', '0301234570', ['-t', 't1', '-d', '100']);
    expect(await isupOf('49301234570', 'in RLC')).toEqual(['out IAM', 'in ACM', 'in ANM', 'out REL', 'in RLC']);
    await idleExchange();
  }, 40_000);

  it('answered, the far end hangs up: BYE with Reason Q.850 cause 16', async () => {
    await pbxCall('pbx-uac-far-hangup.xml', '0301234516');
    expect(await isupOf('49301234516', 'out RLC')).toEqual(['out IAM', 'in ACM', 'in ANM', 'in REL', 'out RLC']);
    await idleExchange();
  }, 40_000);

  it('busy: 486 with Reason Q.850 cause 17', async () => {
    await pbxCall('pbx-uac-486.xml', '0301234517');
    expect(await isupOf('49301234517', 'out RLC')).toEqual(['out IAM', 'in REL', 'out RLC']);
    await idleExchange();
  }, 40_000);

  it('unallocated number: 404 with Reason Q.850 cause 1', async () => {
    await pbxCall('pbx-uac-404.xml', '0301234504');
    expect(await isupOf('49301234504', 'out RLC')).toEqual(['out IAM', 'in REL', 'out RLC']);
    await idleExchange();
  }, 40_000);

  it('congestion: REL cause 34 on the E1: 503 with Reason cause 34', async () => {
    await pbxCall('pbx-uac-503.xml', '0301234534');
    expect(await isupOf('49301234534', 'out RLC')).toEqual(['out IAM', 'in REL', 'out RLC']);
    await idleExchange();
  }, 40_000);

  it('CANCEL before the answer: 200 to the CANCEL, 487, and REL toward the PSTN', async () => {
    await pbxCall('pbx-uac-cancel.xml', '0301234519');
    expect(await isupOf('49301234519', 'in RLC')).toEqual(['out IAM', 'in ACM', 'out REL', 'in RLC']);
    await idleExchange();
  }, 40_000);
});
