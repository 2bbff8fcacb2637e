// End to end, SIP-I (Q.1912.5 profile C): SIPp as the carrier (127.0.0.2) sends an INVITE whose
// application/ISUP body is an IAM with an optional parameter no table knows; a route sends the
// carrier's calls to +49301… onto the simulated E1. The IAM reaching the circuit must carry that
// parameter unchanged, and the ISUP bodies Tandem sends back to the carrier, captured on lo and
// decoded by tshark, must be the ones expected, with nothing tshark objects to.
import { encode, NatureOfAddress, type IsupMessageOf, type OptionalParam } from 'ss7-isup-codec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iam, rel } from '../../src/drivers/isup-messages.js';
import { isupProblems, tsharkIsup } from '../support/tshark-isup.js';
import { captureUdp, isupBodies, label } from './capture.js';
import { sipp } from './sipp.js';
import { freePort, isupOfLine, startTandem, type Tandem } from './tandem.js';

/** A parameter name code Q.763 leaves spare, with a value of its own. */
const UNKNOWN: Extract<OptionalParam, { name: 'unknown' }> = { name: 'unknown', code: 0xd7, value: Uint8Array.from([0x5a, 0xa5, 0x01]) };
const CALLED = '49301234560';

function carrierIam(): Uint8Array {
  const m: IsupMessageOf<'IAM'> = iam(0, { called: CALLED, calling: '4940123456' });
  m.params.calledPartyNumber = { ...m.params.calledPartyNumber, natureOfAddress: NatureOfAddress.INTERNATIONAL };
  m.optional.push(UNKNOWN);
  return encode({ ...m, cic: undefined });
}

let tandem: Tandem;
beforeAll(async () => {
  tandem = await startTandem({ changes: { routesFirst: [{ name: 'carrier-to-pstn', from: ['carrier'], match: '^\\+?49301', to: ['sim-e1'] }] } });
}, 20_000);
afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
});

describe('SIP-I carrier → PSTN', () => {
  it('passes an unknown IAM parameter to the circuit unchanged; its ISUP bodies decode in tshark as expected', async () => {
    const capture = await captureUdp(tandem.ports.sip);
    const run = await sipp({
      scenario: 'carrier-uac-iam.xml',
      ip: '127.0.0.2',
      port: await freePort(),
      remote: `127.0.0.1:${tandem.ports.sip}`,
      keys: { called: `+${CALLED}`, calling: '+4940123456' },
      files: { 'iam.bin': carrierIam(), 'rel.bin': encode({ ...rel(0, 16), cic: undefined }) },
      args: ['-d', '200'],
    }).done;
    const datagrams = await capture.stop(); // before any assertion, so that no tshark is left running

    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([1, 0]);

    const line = await tandem.waitForLog((l) => l.mod === 'isup' && l.dir === 'out' && l.type === 'IAM');
    const onCircuit = isupOfLine(line);
    expect(onCircuit?.type).toBe('IAM');
    expect(onCircuit?.type === 'IAM' ? onCircuit.params.calledPartyNumber.digits : undefined).toBe(CALLED);
    const unknown = onCircuit?.type === 'IAM' ? onCircuit.optional.filter((p) => p.name === 'unknown') : [];
    expect(unknown.map((p) => ({ code: p.code, value: [...p.value] }))).toEqual([{ code: UNKNOWN.code, value: [...UNKNOWN.value] }]);
    await tandem.waitForLog((l) => l.mod === 'isup' && l.cic === line.cic && l.type === 'RLC');

    const sent = datagrams.filter((d) => d.from === `127.0.0.1:${tandem.ports.sip}` && d.to.startsWith('127.0.0.2:'));
    const bodies = sent.flatMap((d) => isupBodies(d.message).map((octets) => ({ label: label(d.message), octets })));
    const decoded = tsharkIsup(bodies.map((b) => ({ octets: b.octets, framing: 'body' })));
    expect(decoded.flatMap(isupProblems)).toEqual([]);
    const seen = decoded.map((f, i) => ({
      in: bodies[i]?.label,
      type: f.messageType,
      ...(f.fields.has(CALLED_STATUS) ? { calledPartysStatus: f.fields.get(CALLED_STATUS)?.[0] } : {}),
    }));
    expect(seen).toEqual(EXPECTED_BODIES);
  }, 60_000);
});

const CALLED_STATUS = 'isup.called_partys_status_indicator';

/**
 * Q.1912.5 profile C: the ACM (type 6) in the 183, with the called party's status the simulated
 * exchange sent (0, no indication), and the ANM (type 9) in the 200. Tandem's 200 to the BYE
 * carries no RLC: the profile lets it ride there, and it is commonly left out.
 */
const EXPECTED_BODIES = [
  { in: '183 INVITE', type: 6, calledPartysStatus: '0x0000' },
  { in: '200 INVITE', type: 9 },
];
