// SIP-I calls end to end (Q.1912.5 profile C): the ISUP message rides in each SIP message that has
// one, the encapsulated ISUP a peer sends wins over the header mapping (unknown parameters passed
// through), bad required parts are refused with 400/415, and plain peers never get an ISUP body.
import { decode, encode, findOptional, type IsupMessage } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import { acm, iam, rel } from '../../../src/drivers/isup-messages.js';
import { answerAfter, busy, ringThenAnswer } from '../../../src/drivers/sim/behaviour.js';
import { fieldValues, parseMultipart, type SipMessage } from '../../../src/sip/message/index.js';
import { call, gateway, SDP_CARRIER, SDP_PBX, type Gateway } from '../call/harness.js';

const UNKNOWN = { name: 'unknown' as const, code: 0xf2, value: Uint8Array.of(0xde, 0xad) };
const ISUP_TYPE = 'application/isup;version=itu-t92+;base=itu-t92+';

/** The ISUP messages in `message`'s body (multipart or single part), decoded. */
function isupOf(message: SipMessage): IsupMessage[] {
  const type = fieldValues(message.headers, 'Content-Type')[0] ?? '';
  const parts = type.startsWith('multipart/')
    ? (() => {
        const split = parseMultipart(message.body, /boundary=([^;]+)/.exec(type)?.[1] ?? '');
        return split.ok ? split.value.map((p) => ({ type: fieldValues(p.headers, 'Content-Type')[0] ?? '', disposition: fieldValues(p.headers, 'Content-Disposition')[0], body: p.body })) : [];
      })()
    : [{ type, disposition: fieldValues(message.headers, 'Content-Disposition')[0], body: message.body }];
  return parts.filter((p) => p.type.startsWith('application/isup')).map((p) => {
    expect([p.type, p.disposition]).toEqual([ISUP_TYPE, 'signal;handling=required']);
    const d = decode(p.body);
    if (!d.ok) throw new Error(d.error.message);
    return d.value;
  });
}

const fromGw = (g: Gateway, to: string): SipMessage[] => g.wire.sent.filter((s) => s.from === 'GW' && s.to === to).map((s) => s.message);
const label = (m: SipMessage): string => (m.kind === 'request' ? m.method : String(m.status));

describe('SIP-I S→P: the carrier’s IAM is forwarded', () => {
  it('the INVITE’s IAM wins over the headers except for the called number; its unknown parameter 0xF2 reaches the circuit unchanged', async () => {
    const g = gateway({ sim: { rules: [{ called: '4930100', behaviour: ringThenAnswer(100) }] } });
    const carried = iam(0, { called: '309999', calling: '5550100' });
    const body = encode({ ...carried, optional: [...carried.optional, UNKNOWN] });
    const c = call(g.carrier, '192.0.2.3', '+4930100', { sdp: SDP_CARRIER, parts: [{ contentType: ISUP_TYPE, disposition: 'signal;handling=required', body }] });
    await g.run(300);
    const sent = g.tap.sent.find((m) => m.type === 'IAM');
    if (sent?.type !== 'IAM') throw new Error('no IAM');
    expect(sent.params.calledPartyNumber.digits).toBe('4930100');
    expect(findOptional(sent.optional, 'callingPartyNumber')?.digits).toBe('5550100');
    expect(sent.optional.filter((p) => p.name === 'unknown')).toEqual([UNKNOWN]);
    expect(c.seen).toEqual(['180', '200 sdp']);
    expect(fromGw(g, 'CARRIER').map((m) => `${label(m)} ${isupOf(m).map((i) => i.type).join(',')}`)).toEqual(['100 ', '180 ACM', '200 ANM']);
  });

  it('a REL before answer rides in the final response, with its cause', async () => {
    const g = gateway({ sim: { defaultBehaviour: busy() } });
    call(g.carrier, '192.0.2.3', '+4930170', { sdp: SDP_CARRIER });
    await g.run(100);
    const final = fromGw(g, 'CARRIER').find((m) => m.kind === 'response' && m.status === 486);
    expect(isupOf(final as SipMessage)).toMatchObject([{ type: 'REL', params: { causeIndicators: { causeValue: 17 } } }]);
  });

  it('a CPG after answer goes in INFO; an INFO with a CPG goes to the circuit', async () => {
    const g = gateway({ sim: { defaultBehaviour: { steps: [{ afterMs: 0, send: 'ACM', status: 'free' }, { afterMs: 100, send: 'ANM' }, { afterMs: 100, send: 'CPG', event: 'progress' }] } } });
    const c = call(g.carrier, '192.0.2.3', '+4930100', { sdp: SDP_CARRIER });
    await g.run(300);
    const info = fromGw(g, 'CARRIER').find((m) => m.kind === 'request' && m.method === 'INFO');
    expect(isupOf(info as SipMessage)).toMatchObject([{ type: 'CPG', params: { eventInformation: { event: 2 } } }]);
    const cpg = encode({ type: 'CPG', params: { eventInformation: { event: 1, presentationRestricted: false } }, optional: [] });
    const answered = c.call.sendInfo({ parts: [{ contentType: ISUP_TYPE, disposition: 'signal;handling=required', body: cpg }] });
    await g.run(100);
    expect((await answered).ok).toBe(true);
    expect(g.trace.filter((l) => l.includes('GW>sim CPG'))).toEqual(['   310  GW>sim CPG 1 event=1']);
    const other = c.call.sendInfo({ parts: [{ contentType: ISUP_TYPE, disposition: 'signal;handling=required', body: encode({ type: 'ANM', params: {}, optional: [] }) }] });
    await g.run(100);
    expect((await other).ok).toBe(true);
    expect(g.logs.some((l) => l.msg === 'ISUP message in INFO not forwarded')).toBe(true);
    const bad = c.call.sendInfo({ parts: [{ contentType: ISUP_TYPE, disposition: 'signal;handling=required', body: Uint8Array.of(0x2c) }] });
    await g.run(100);
    expect(await bad).toMatchObject({ ok: false, error: { status: 400 } });
    expect(g.trace.filter((l) => l.includes('GW>sim CPG'))).toHaveLength(1);
  });
});

describe('SIP-I S→P: ISUP parts that cannot be used', () => {
  const invite = (g: Gateway, contentType: string, disposition: string, body: Uint8Array) =>
    call(g.carrier, '192.0.2.3', '+4930100', { sdp: SDP_CARRIER, parts: [{ contentType, disposition, body }] });

  it('a required part that does not decode: 400 with a Warning, no IAM, no crash', async () => {
    const g = gateway();
    const c = invite(g, ISUP_TYPE, 'signal;handling=required', Uint8Array.of(0x01, 0x00, 0x60));
    await g.run(100);
    expect(c.seen[0]).toBe('failed 400');
    const refusal = fromGw(g, 'CARRIER').find((m) => m.kind === 'response' && m.status === 400);
    expect(refusal?.kind === 'response' && refusal.reason).toBe('Bad ISUP Body');
    expect(fieldValues(refusal?.headers ?? [], 'Warning')[0]).toMatch(/^399 tandem "ISUP body does not decode: TRUNCATED at IAM/);
    expect(g.tap.sent).toEqual([]);
    expect(g.steps('k1')).toEqual(['attemptStarted', 'released:gateway:-:400']);
  });

  it('a required part of an ISUP variant the codec does not decode: 415 with Accept', async () => {
    const g = gateway();
    const c = invite(g, 'application/isup;version=ansi00;base=ansi00', 'signal;handling=required', encode(iam(0, { called: '1' })));
    await g.run(100);
    expect(c.seen[0]).toBe('failed 415');
    const refusal = fromGw(g, 'CARRIER').find((m) => m.kind === 'response' && m.status === 415);
    expect(fieldValues(refusal?.headers ?? [], 'Accept')).toEqual(['application/sdp, application/isup;version=itu-t92+;base=itu-t92+']);
  });

  it('an optional part that does not decode is ignored: the IAM is mapped from the headers', async () => {
    const g = gateway({ sim: { defaultBehaviour: answerAfter(0) } });
    const c = invite(g, ISUP_TYPE, 'signal;handling=optional', Uint8Array.of(0x01));
    await g.run(100);
    expect(c.seen.at(-1)).toBe('200 sdp');
    expect(g.trace).toContain('    10  GW>sim IAM 1 called=4930100');
  });
});

describe('SIP-I P→S', () => {
  it('the INVITE carries the IAM as received (without its CIC) next to the SDP', async () => {
    const g = gateway({ routes: [{ name: 'in', match: '.*', to: [{ kind: 'peer', name: 'carrier' }], failoverCauses: [] }] });
    g.carrier.on('invite', (c) => c.progress(180));
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(100);
    const [invite] = fromGw(g, 'CARRIER');
    expect(fieldValues(invite?.headers ?? [], 'Content-Type')[0]).toMatch(/^multipart\/mixed;boundary=/);
    const sentIam = iam(4, { called: '301234', calling: '5550100' });
    expect(isupOf(invite as SipMessage)).toEqual([{ type: 'IAM', params: sentIam.params, optional: sentIam.optional }]);
  });

  it('the carrier’s encapsulated ACM and REL are sent in place of the mapped ones', async () => {
    const g = gateway({ routes: [{ name: 'in', match: '.*', to: [{ kind: 'peer', name: 'carrier' }], failoverCauses: [] }] });
    const carriedAcm = acm(0, 'noIndication', true);
    g.carrier.on('invite', (c) => {
      c.progress(180, { parts: [{ contentType: ISUP_TYPE, disposition: 'signal;handling=required', body: encode(carriedAcm) }] });
      g.clock.setTimer(100, () => void c.reject(486, { parts: [{ contentType: ISUP_TYPE, disposition: 'signal;handling=required', body: encode(rel(0, 21)) }] }));
    });
    g.sim.originate({ called: '301234' });
    await g.run(300);
    expect(g.trace.filter((l) => l.includes('GW>sim'))).toEqual(['    30  GW>sim ACM 4 status=0', '   130  GW>sim REL 4 cause=21']);
    expect(g.tap.sent[0]).toMatchObject({ optional: carriedAcm.optional });
  });
});

describe('SIP-I: REL in BYE (RFC 3372; Q.1912.5 profile C)', () => {
  const toCarrier = [{ name: 'in', match: '.*', to: [{ kind: 'peer' as const, name: 'carrier' }], failoverCauses: [] }];
  const carrierAnswers = (g: Gateway): void => {
    g.carrier.on('invite', (c) => {
      c.progress(180);
      g.clock.setTimer(100, () => void c.answer({ sdp: SDP_CARRIER }));
    });
  };
  const bye = (g: Gateway): SipMessage | undefined => fromGw(g, 'CARRIER').find((m) => m.kind === 'request' && m.method === 'BYE');

  it('S→P: a REL from the PSTN after answer rides in the BYE, as received, next to the Reason', async () => {
    const g = gateway({ sim: { defaultBehaviour: answerAfter(0) } });
    call(g.carrier, '192.0.2.3', '+4930100', { sdp: SDP_CARRIER });
    await g.run(100);
    g.tap.inject(rel(1, 31));
    await g.run(100);
    const sent = bye(g);
    expect(isupOf(sent as SipMessage)).toEqual([{ type: 'REL', params: { causeIndicators: rel(1, 31).params.causeIndicators }, optional: [] }]);
    expect(fieldValues(sent?.headers ?? [], 'Reason')[0]).toMatch(/^Q\.850;cause=31;/);
  });

  it('P→S: a REL from the PSTN after answer rides in the BYE', async () => {
    const g = gateway({ routes: toCarrier });
    carrierAnswers(g);
    g.sim.originate({ called: '301234', calling: '5550100', holdMs: 200 });
    await g.run(500);
    expect(isupOf(bye(g) as SipMessage)).toMatchObject([{ type: 'REL', params: { causeIndicators: { causeValue: 16 } } }]);
  });

  it('P→S: releaseAll sends REL 16 in the BYE; a ringing call gets a CANCEL without a body', async () => {
    const g = gateway({ routes: toCarrier });
    carrierAnswers(g);
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(300);
    void g.control.releaseAll();
    await g.run(100);
    expect(isupOf(bye(g) as SipMessage)).toMatchObject([{ type: 'REL', params: { causeIndicators: { causeValue: 16 } } }]);
    const h = gateway({ routes: toCarrier });
    h.carrier.on('invite', (c) => c.progress(180));
    h.sim.originate({ called: '301234', calling: '5550100' });
    await h.run(100);
    void h.control.releaseAll();
    await h.run(100);
    const cancel = fromGw(h, 'CARRIER').find((m) => m.kind === 'request' && m.method === 'CANCEL');
    expect([cancel?.body.length, fieldValues(cancel?.headers ?? [], 'Reason')[0]?.startsWith('Q.850;cause=16;')]).toEqual([0, true]);
  });

  it('an incoming BYE with a REL: its cause and location go to the circuit, not the Reason’s', async () => {
    const g = gateway({ sim: { defaultBehaviour: answerAfter(0) } });
    const c = call(g.carrier, '192.0.2.3', '+4930100', { sdp: SDP_CARRIER });
    await g.run(100);
    const carried = rel(0, 31);
    const ci = { ...carried.params.causeIndicators, location: 3 };
    c.call.bye({ reason: [{ protocol: 'Q.850', cause: 17, params: [] }], parts: [{ contentType: ISUP_TYPE, disposition: 'signal;handling=required', body: encode({ ...carried, params: { causeIndicators: ci } }) }] });
    await g.run(100);
    const sent = g.tap.sent.find((m) => m.type === 'REL');
    expect(sent?.type === 'REL' ? sent.params.causeIndicators : undefined).toEqual(ci);
  });

  it('a plain peer’s BYE with a REL part: the part is not read, the Reason’s cause is used', async () => {
    const g = gateway({ sim: { defaultBehaviour: answerAfter(0) } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    c.call.bye({ reason: [{ protocol: 'Q.850', cause: 17, params: [] }], parts: [{ contentType: ISUP_TYPE, disposition: 'signal;handling=optional', body: encode(rel(0, 31)) }] });
    await g.run(100);
    const sent = g.tap.sent.find((m) => m.type === 'REL');
    expect(sent?.type === 'REL' ? sent.params.causeIndicators.causeValue : undefined).toBe(17);
  });
});

describe('plain peers never get an ISUP body', () => {
  it('no message to the PBX carries application/isup, in either direction', async () => {
    const g = gateway({ sim: { defaultBehaviour: ringThenAnswer(100) } });
    g.pbx.on('invite', (c) => {
      c.progress(180);
      g.clock.setTimer(100, () => void c.answer({ sdp: SDP_PBX }));
    });
    const out = call(g.pbx, '192.0.2.2', '+4930100');
    g.sim.originate({ called: '301234', holdMs: 500 });
    await g.run(1000);
    out.call.bye();
    await g.run(100);
    const toPbx = fromGw(g, 'PBX');
    expect(toPbx.map(label)).toEqual(expect.arrayContaining(['INVITE', '180', '200', 'BYE']));
    expect(toPbx.flatMap((m) => fieldValues(m.headers, 'Content-Type')).filter((t) => !t.startsWith('application/sdp'))).toEqual([]);
  });
});
