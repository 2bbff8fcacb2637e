// Registrar (RFC 3261 §10.3) driven with parsed REGISTERs, authenticated by a DigestClient, on a
// FakeClock: bindings, expirations, ordering, removal, and every refusal.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { AuthMissing, DigestChallenger, DigestClient } from '../../../src/sip/auth/index.js';
import { fieldValues, parseMessage, type SipRequest } from '../../../src/sip/message/index.js';
import {
  Registrar,
  RegisterBadExtension,
  RegisterBadRequest,
  RegisterForbidden,
  RegisterIntervalTooBrief,
  RegisterOutOfOrder,
  RegisterTooManyBindings,
  type RegisterOutcome,
  type RegistrarOptions,
} from '../../../src/sip/registrar/index.js';
import { octets, wire } from '../helpers.js';
import { unwrap } from '../auth/support.js';

const SOURCE = { transport: 'udp', address: '192.0.2.10', port: 5060 };

interface Register {
  readonly lines?: readonly string[];
  readonly cseq?: number;
  readonly callId?: string;
  readonly to?: string;
  readonly from?: string;
}

function register({ lines = [], cseq = 1, callId = 'reg-1@pbx', to = 'sip:pbx1@gw.example.net', from = to }: Register): SipRequest {
  const parsed = parseMessage(
    octets(
      wire([
        'REGISTER sip:gw.example.net SIP/2.0',
        `Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-${callId.replace(/@/g, ".")}-${cseq}`,
        'Max-Forwards: 70',
        `From: <${from}>;tag=pbx`,
        `To: <${to}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} REGISTER`,
        ...lines,
        'Content-Length: 0',
      ]),
    ),
  );
  if (!parsed.ok || parsed.value.kind !== 'request') throw new Error(JSON.stringify(parsed));
  return parsed.value;
}

/** A registrar for pbx1 and pbx2, and `send`, which authenticates each REGISTER as `user`. */
function setup(options: Partial<RegistrarOptions> = {}, user = 'pbx1') {
  const clock = new FakeClock(0);
  const lookup = (u: string) => (['pbx1', 'pbx2', 'orphan'].includes(u) ? { id: u, password: `${u}-pw` } : undefined);
  const auth = new DigestChallenger({ realm: 'gw.example.net', clock, lookup, nonceLifetimeMs: 30 * 86_400_000 });
  const accounts = [
    { id: 'pbx1', aor: 'sip:pbx1@gw.example.net' },
    { id: 'pbx2', aor: 'sip:pbx2@GW.example.net;transport=tcp' },
  ];
  const registrar = new Registrar({ clock, auth, accounts, ...options });
  const client = new DigestClient({ credentials: () => ({ username: user, password: `${user}-pw` }) });
  const probe = register({ cseq: 0 });
  unwrap(client.answer(probe, registrar.handle(probe, SOURCE).response));
  const send = (r: Register): RegisterOutcome => {
    const req = register(r);
    return registrar.handle({ ...req, headers: [...req.headers, ...client.authorize(req)] }, SOURCE);
  };
  return { clock, registrar, send };
}

/** Status, and the Contact fields of the response. */
const summary = (o: RegisterOutcome): [number, string[]] => [o.response.status, fieldValues(o.response.headers, 'Contact')];

describe('Registrar: authentication', () => {
  it('challenges a REGISTER without credentials with 401, copying Via, From, To (tagged), Call-ID and CSeq', () => {
    const { registrar } = setup();
    const { response, error } = registrar.handle(register({ lines: ['Contact: <sip:pbx1@192.0.2.10>', 'Expires: 60'] }), SOURCE);
    expect([response.status, response.reason, error?.code]).toEqual([401, 'Unauthorized', AuthMissing.code]);
    expect(response.headers.map((h) => h.name)).toEqual(['Via', 'From', 'To', 'Call-ID', 'CSeq', 'WWW-Authenticate', 'WWW-Authenticate']);
    expect(fieldValues(response.headers, 'To')[0]).toMatch(/^<sip:pbx1@gw\.example\.net>;tag=[0-9a-f]{16}$/);
    expect(registrar.targetsFor('pbx1')).toEqual([]);
  });

  it('lets an account register only its own address-of-record, From equal to To', () => {
    const { send } = setup();
    expect(send({ to: 'sip:pbx2@gw.example.net', lines: ['Contact: <sip:pbx1@192.0.2.10>'] }).error?.code).toBe(RegisterForbidden.code);
    const third = send({ from: 'sip:admin@gw.example.net', lines: ['Contact: <sip:pbx1@192.0.2.10>'] });
    expect([third.response.status, third.error?.code]).toEqual([403, RegisterForbidden.code]);
    expect(setup({}, 'orphan').send({ lines: [] }).error?.message).toContain('orphan has no address-of-record');
  });

  it('compares addresses-of-record without parameters, host ignoring case', () => {
    const { send, registrar } = setup({}, 'pbx2');
    const ok = send({ to: 'sip:pbx2@gw.EXAMPLE.net;user=ip', from: 'sip:pbx2@gw.example.net', lines: ['Contact: <sip:pbx2@192.0.2.20>'] });
    expect(ok.response.status).toBe(200);
    expect(registrar.targetsFor('pbx2')).toHaveLength(1);
    expect(send({ to: 'sip:PBX2@gw.example.net', lines: [] }).error?.code).toBe(RegisterForbidden.code);
  });

  it('answers Require with 420 and Unsupported, before authenticating', () => {
    const { registrar } = setup();
    const { response, error } = registrar.handle(register({ lines: ['Require: path, gruu'] }), SOURCE);
    expect([response.status, error?.code, fieldValues(response.headers, 'Unsupported')]).toEqual([420, RegisterBadExtension.code, ['path, gruu']]);
  });
});

describe('Registrar: bindings', () => {
  it('binds a contact for the Expires asked and lists it in the 200; the target carries the source', () => {
    const { send, registrar } = setup();
    const outcome = send({ lines: ['Contact: <sip:pbx1@192.0.2.10:5062>;q=0.5', 'Expires: 300'] });
    expect(summary(outcome)).toEqual([200, ['<sip:pbx1@192.0.2.10:5062>;q=0.5;expires=300']]);
    expect(outcome.error).toBeUndefined();
    expect(registrar.targetsFor('pbx1')).toMatchObject([
      { contact: { uri: { kind: 'sip', host: '192.0.2.10', port: 5062 } }, callId: 'reg-1@pbx', cseq: 1, expiresAt: 300_000, source: SOURCE },
    ]);
  });

  it('takes the expires parameter over Expires, the default without either, and shortens to the maximum', () => {
    const { send } = setup({ maxExpires: 1800, defaultExpires: 600 });
    const outcome = send({ lines: ['Contact: <sip:a@192.0.2.10>;expires=120, <sip:b@192.0.2.10>', 'Contact: <sip:c@192.0.2.10>;expires=7200', 'Expires: 90'] });
    expect(summary(outcome)[1]).toEqual(['<sip:a@192.0.2.10>;expires=120', '<sip:b@192.0.2.10>;expires=90', '<sip:c@192.0.2.10>;expires=1800']);
    expect(summary(send({ cseq: 2, lines: ['Contact: <sip:d@192.0.2.10>'] }))[1]).toContain('<sip:d@192.0.2.10>;expires=600');
  });

  it('answers a non-zero expiration below the minimum with 423 and Min-Expires, changing nothing', () => {
    const { send, registrar } = setup({ minExpires: 120 });
    send({ lines: ['Contact: <sip:a@192.0.2.10>', 'Expires: 600'] });
    const outcome = send({ cseq: 2, lines: ['Contact: <sip:a@192.0.2.10>;expires=0, <sip:b@192.0.2.10>;expires=60'] });
    expect([outcome.response.status, outcome.response.reason, outcome.error?.code]).toEqual([423, 'Interval Too Brief', RegisterIntervalTooBrief.code]);
    expect(fieldValues(outcome.response.headers, 'Min-Expires')).toEqual(['120']);
    expect(registrar.targetsFor('pbx1').map((b) => b.contact.uri)).toMatchObject([{ user: 'a' }]);
  });

  it('expires bindings under the clock, listing the seconds left meanwhile', () => {
    const { send, registrar, clock } = setup();
    send({ lines: ['Contact: <sip:pbx1@192.0.2.10>', 'Expires: 300'] });
    clock.advance(299_500);
    expect(summary(send({ cseq: 2 }))).toEqual([200, ['<sip:pbx1@192.0.2.10>;expires=1']]);
    clock.advance(500);
    expect(registrar.targetsFor('pbx1')).toEqual([]);
    expect(summary(send({ cseq: 3 }))).toEqual([200, []]);
  });

  it('refreshes with a higher CSeq; refuses the same or a lower one on the same Call-ID; takes any from another Call-ID', () => {
    const { send, registrar, clock } = setup();
    send({ cseq: 5, lines: ['Contact: <sip:pbx1@192.0.2.10>', 'Expires: 300'] });
    clock.advance(100_000);
    for (const cseq of [5, 4]) {
      const late = send({ cseq, lines: ['Contact: <sip:pbx1@192.0.2.10>', 'Expires: 0'] });
      expect([late.response.status, late.error?.code]).toEqual([400, RegisterOutOfOrder.code]);
    }
    expect(summary(send({ cseq: 6, lines: ['Contact: <sip:pbx1@192.0.2.10>', 'Expires: 300'] }))[1]).toEqual(['<sip:pbx1@192.0.2.10>;expires=300']);
    expect(registrar.targetsFor('pbx1')[0]).toMatchObject({ cseq: 6, expiresAt: 400_000 });
    send({ callId: 'reboot@pbx', cseq: 1, lines: ['Contact: <sip:pbx1@192.0.2.10>', 'Expires: 200'] });
    expect(registrar.targetsFor('pbx1')).toMatchObject([{ callId: 'reboot@pbx', cseq: 1, expiresAt: 300_000 }]);
  });

  it('treats URIs equal by RFC 3261 §19.1.4 as one binding, and a contact listed twice as one', () => {
    const { send, registrar } = setup();
    send({ lines: ['Contact: <sip:pbx1@PBX.example.net;transport=UDP;lr>, <sip:pbx1@pbx.example.net;lr;transport=udp>;expires=60', 'Expires: 600'] });
    expect(registrar.targetsFor('pbx1').map((b) => b.expiresAt)).toEqual([60_000]);
  });

  it('removes a binding with expires 0, and all of them with Contact: * and Expires: 0', () => {
    const { send, registrar } = setup();
    send({ lines: ['Contact: <sip:a@192.0.2.10>, <sip:b@192.0.2.10>, <sip:c@192.0.2.10>', 'Expires: 600'] });
    expect(summary(send({ cseq: 2, lines: ['Contact: <sip:b@192.0.2.10>;expires=0', 'Contact: <sip:z@192.0.2.10>;expires=0'] }))[1]).toHaveLength(2);
    const star = send({ cseq: 3, lines: ['Contact: *'] });
    expect([star.response.status, star.error?.code]).toEqual([400, RegisterBadRequest.code]);
    expect(summary(send({ cseq: 4, lines: ['Contact: *', 'Expires: 0'] }))).toEqual([200, []]);
    expect(registrar.targetsFor('pbx1')).toEqual([]);
  });

  it('refuses Contact: * on the Call-ID of a binding with a CSeq not below it', () => {
    const { send, registrar } = setup();
    send({ cseq: 3, lines: ['Contact: <sip:a@192.0.2.10>', 'Expires: 600'] });
    expect(send({ cseq: 3, lines: ['Contact: *', 'Expires: 0'] }).error?.code).toBe(RegisterOutOfOrder.code);
    expect(registrar.targetsFor('pbx1')).toHaveLength(1);
  });

  it('orders targets by q, highest first', () => {
    const { send, registrar } = setup();
    send({ lines: ['Contact: <sip:low@192.0.2.10>;q=0.1, <sip:none@192.0.2.10>, <sip:mid@192.0.2.10>;q=0.7', 'Expires: 600'] });
    expect(registrar.targetsFor('pbx1').map((b) => (b.contact.uri.kind === 'sip' ? b.contact.uri.user : ''))).toEqual(['none', 'mid', 'low']);
  });

  it('refuses more bindings than allowed, keeping the old ones', () => {
    const { send, registrar } = setup({ maxBindings: 2 });
    send({ lines: ['Contact: <sip:a@192.0.2.10>, <sip:b@192.0.2.10>', 'Expires: 600'] });
    const outcome = send({ cseq: 2, lines: ['Contact: <sip:c@192.0.2.10>', 'Expires: 600'] });
    expect([outcome.response.status, outcome.error?.code]).toEqual([403, RegisterTooManyBindings.code]);
    expect(registrar.targetsFor('pbx1')).toHaveLength(2);
  });

  it('answers a malformed Expires with 400', () => {
    const outcome = setup().send({ lines: ['Contact: <sip:a@192.0.2.10>', 'Expires: soon'] });
    expect([outcome.response.status, outcome.error?.code]).toEqual([400, RegisterBadRequest.code]);
  });
});

describe('Registrar: configuration and dispatch', () => {
  it('refuses an account whose aor is not a SIP URI, and a request that is not a REGISTER', () => {
    const clock = new FakeClock(0);
    const auth = new DigestChallenger({ realm: 'r', clock, lookup: () => undefined });
    expect(() => new Registrar({ clock, auth, accounts: [{ id: 'x', aor: 'tel:+15551234' }] })).toThrow(RangeError);
    const registrar = new Registrar({ clock, auth, accounts: [] });
    expect(() => registrar.handle({ ...register({}), method: 'INVITE' }, SOURCE)).toThrow(RangeError);
  });

  it('keeps bindings in the store it is given', () => {
    const saved: [string, number][] = [];
    const store = { load: () => [], save: (account: string, bindings: readonly unknown[]) => void saved.push([account, bindings.length]) };
    setup({ store }).send({ lines: ['Contact: <sip:a@192.0.2.10>'] });
    expect(saved).toEqual([['pbx1', 1]]);
  });
});
