// End to end, PSTN → SIP failover over a route whose targets are two SIP peers: the simulated E1
// calls a number routed to the PBX, then the carrier (SIPp UAS on 127.0.0.1 and 127.0.0.2). The
// PBX answers 503 (RFC 3398: cause 41, a failover cause of the route), so the INVITE goes to the
// carrier, which answers; the PSTN side then hangs up, and the carrier (a SIP-I peer) gets a BYE
// whose application/ISUP body, captured on lo and decoded by tshark, is the REL with cause 16.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isupProblems, tsharkIsup } from '../support/tshark-isup.js';
import { captureUdp, isupBodies, label } from './capture.js';
import { sippUas } from './sipp.js';
import { startTandem, type Tandem } from './tandem.js';

let tandem: Tandem;
beforeAll(async () => {
  tandem = await startTandem({
    changes: { routesFirst: [{ name: 'pstn-failover', from: ['sim-e1'], match: '^2002$', to: ['pbx', 'carrier'], failoverCauses: [34, 38, 41, 42, 47] }] },
  });
}, 20_000);
afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
});

const CAUSE = 'isup.cause_indicator';

describe('PSTN → SIP failover to the route’s next peer', () => {
  it('503 from the PBX, 200 from the carrier: ACM/ANM toward the PSTN; the BYE to the carrier carries REL 16', async () => {
    const pbx = await sippUas({ scenario: 'pbx-uas-503.xml', ip: '127.0.0.1', port: tandem.ports.pbx });
    const carrier = await sippUas({ scenario: 'pbx-uas-answer.xml', ip: '127.0.0.2', port: tandem.ports.carrier });
    const capture = await captureUdp(tandem.ports.sip);
    const from = tandem.logs().length;
    const { status, body } = await tandem.admin('POST', '/sim/sim-e1/originate', { called: '2002', calling: '301234567', holdMs: 300 });
    expect(status, JSON.stringify(body)).toBe(200);
    const cic = (body as { cic: number }).cic;
    const [first, second] = [await pbx.done, await carrier.done];
    await tandem.waitForLog((l) => l.mod === 'isup' && l.cic === cic && l.dir === 'out' && l.type === 'RLC');
    const datagrams = await capture.stop(); // before any assertion, so that no tshark is left running

    expect(first.code, first.diagnostics).toBe(0);
    expect(second.code, second.diagnostics).toBe(0);
    const isup = tandem
      .logs()
      .slice(from)
      .filter((l) => l.mod === 'isup' && l.cic === cic)
      .map((l) => `${String(l.dir)} ${String(l.type)}`);
    expect(isup).toEqual(['in IAM', 'out ACM', 'out ANM', 'in REL', 'out RLC']);
    const routed = tandem.logs().filter((l) => l.mod === 'cdr' && l.type === 'routed' && l.route === 'pstn-failover');
    expect(routed.map((l) => l.sipPeer)).toEqual(['pbx', 'carrier']);

    const toCarrier = datagrams.filter((d) => d.from === `127.0.0.1:${tandem.ports.sip}` && d.to.startsWith('127.0.0.2:'));
    expect(toCarrier.map((d) => label(d.message))).toEqual(expect.arrayContaining(['INVITE', 'ACK', 'BYE']));
    const bye = toCarrier.find((d) => d.message.kind === 'request' && d.message.method === 'BYE');
    const bodies = bye === undefined ? [] : isupBodies(bye.message);
    const decoded = tsharkIsup(bodies.map((octets) => ({ octets, framing: 'body' as const })));
    expect(decoded.flatMap(isupProblems)).toEqual([]);
    expect(decoded.map((f) => ({ type: f.messageType, cause: f.fields.get(CAUSE)?.[0] }))).toEqual([{ type: 12, cause: '16' }]);
  }, 60_000);
});
