// A UAC answering Digest challenges (RFC 3261 §22.2, RFC 7616) on the in-memory wire: the callee
// UA authenticates with the DigestChallenger (401 as a UAS, 407 as a proxy would), for MD5 and
// SHA-256; the caller retries once with new CSeq and branch, same Call-ID and From tag; the 401 is
// ACKed; a second challenge ends the call with the 401; re-INVITE and BYE are answered too.
import { describe as group, expect, it } from 'vitest';
import { DigestChallenger, DigestClient, type DigestAlgorithm } from '../../../src/sip/auth/index.js';
import { fieldValues, parseFromTo, parseVia, serializeMessage, type SipMessage, type SipRequest } from '../../../src/sip/message/index.js';
import { responseTo } from '../../../src/sip/registrar/index.js';
import type { ClientCall, ServerCall, SipStatusError } from '../../../src/sip/ua/index.js';
import { Wire } from './wire.js';

const SDP = 'v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n';
const REALM = 'carrier.example';

const field = (message: SipMessage, name: string): string => fieldValues(message.headers, name)[0] ?? '';
const branchOf = (message: SipMessage): string | undefined => {
  const via = parseVia(field(message, 'Via'));
  return via.ok ? via.value[0]?.branch : undefined;
};
const fromTag = (message: SipMessage): string | undefined => {
  const from = parseFromTo(field(message, 'From'));
  return from.ok ? from.value.tag : undefined;
};

interface Setup {
  readonly wire: Wire;
  call: ClientCall;
  readonly log: string[];
  server: ServerCall | undefined;
}

/** A calls B; B authenticates each INVITE with a challenger knowing `pbx7`/`s3cret`; A answers with `password`. */
async function challengedCall(algorithm: DigestAlgorithm, role: 'uas' | 'proxy', password = 's3cret', withAuth = true): Promise<Setup> {
  const wire = new Wire();
  const challenger = new DigestChallenger({ realm: REALM, role, algorithms: [algorithm], clock: wire.clock, lookup: (u) => (u === 'pbx7' ? { id: 'trunk-7', password: 's3cret' } : undefined) });
  const a = wire.ua('A');
  const b = wire.ua('B');
  const log: string[] = [];
  const setup: Setup = { wire, log, server: undefined, call: undefined as unknown as ClientCall };
  b.on('invite', (call) => {
    const auth = challenger.authenticate(call.invite.message);
    if (!auth.ok) {
      log.push(`B ${auth.error.status} ${auth.error.error.code}`);
      call.reject(auth.error.status, { headers: auth.error.headers });
      return;
    }
    log.push(`B accepted ${auth.value.account} ${auth.value.algorithm}`);
    setup.server = call;
    call.answer({ sdp: SDP });
  });
  const auth = new DigestClient({ credentials: (realm) => (realm === REALM ? { username: 'pbx7', password } : undefined) });
  const placed = a.invite('sip:+15551230000@192.0.2.2', { from: '<sip:+15551110000@192.0.2.1>', sdp: SDP, ...(withAuth ? { auth } : {}) });
  if (!placed.ok) throw placed.error;
  setup.call = placed.value;
  placed.value.on('answered', () => log.push('A answered'));
  placed.value.on('failed', (e: SipStatusError) => log.push(`A failed ${e.status}`));
  placed.value.on('terminated', (t) => log.push(`A terminated ${t.cause}`));
  await wire.run(200);
  return setup;
}

group('answering Digest challenges', () => {
  for (const algorithm of ['MD5', 'SHA-256'] as const) {
    it(`retries the INVITE once after 401 (${algorithm}), checked by the DigestChallenger`, async () => {
      const { wire, log } = await challengedCall(algorithm, 'uas');
      expect(wire.trace()).toEqual([
        '     0  A>B INVITE 1',
        '    10  B>A 100 (INVITE 1)',
        '    10  B>A 401 (INVITE 1)',
        '    20  A>B ACK 1',
        '    20  A>B INVITE 2',
        '    30  B>A 100 (INVITE 2)',
        '    30  B>A 200 (INVITE 2)',
        '    40  A>B ACK 2',
      ]);
      expect(log).toEqual([`B 401 GW_ERR_SIP_AUTH_MISSING`, `B accepted trunk-7 ${algorithm}`, 'A answered']);
      const [first, second] = wire.from('A').filter((m): m is SipRequest => m.kind === 'request' && m.method === 'INVITE');
      if (first === undefined || second === undefined) throw new Error('two INVITEs expected');
      expect(field(second, 'Call-ID')).toBe(field(first, 'Call-ID'));
      expect(fromTag(second)).toBe(fromTag(first));
      expect(branchOf(first)).toMatch(/^z9hG4bK-a\d$/);
      expect(branchOf(second)).toMatch(/^z9hG4bK-a\d$/);
      expect(branchOf(second)).not.toBe(branchOf(first));
      expect(fieldValues(first.headers, 'Authorization')).toEqual([]);
      const credentials = field(second, 'Authorization');
      expect(credentials).toContain(`algorithm=${algorithm}`);
      expect(credentials).toContain('qop=auth');
      expect(credentials).toContain('nc=00000001');
      expect(credentials).toMatch(/cnonce="[0-9a-f]{32}"/);
      // the ACK of the 401 belongs to the first transaction: its branch and CSeq
      const ack = wire.from('A').find((m) => m.kind === 'request' && m.method === 'ACK');
      expect(ack && branchOf(ack)).toBe(branchOf(first));
    });
  }

  it('answers a 407 with Proxy-Authorization', async () => {
    const { wire, log } = await challengedCall('SHA-256', 'proxy');
    expect(log).toEqual([`B 407 GW_ERR_SIP_AUTH_MISSING`, 'B accepted trunk-7 SHA-256', 'A answered']);
    const invites = wire.from('A').filter((m) => m.kind === 'request' && m.method === 'INVITE');
    expect(invites.map((m) => fieldValues(m.headers, 'Proxy-Authorization').length)).toEqual([0, 1]);
    expect(invites.map((m) => fieldValues(m.headers, 'Authorization').length)).toEqual([0, 0]);
  });

  it('passes up the 401 when the retry is challenged again (stale=false)', async () => {
    const { wire, log } = await challengedCall('MD5', 'uas', 'wrong');
    expect(wire.trace()).toEqual([
      '     0  A>B INVITE 1',
      '    10  B>A 100 (INVITE 1)',
      '    10  B>A 401 (INVITE 1)',
      '    20  A>B ACK 1',
      '    20  A>B INVITE 2',
      '    30  B>A 100 (INVITE 2)',
      '    30  B>A 401 (INVITE 2)',
      '    40  A>B ACK 2',
    ]);
    expect(log).toEqual(['B 401 GW_ERR_SIP_AUTH_MISSING', 'B 401 GW_ERR_SIP_AUTH_BAD_RESPONSE', 'A failed 401', 'A terminated failed']);
  });

  it('without credentials a 401 fails the call at once', async () => {
    const { wire, log } = await challengedCall('MD5', 'uas', 's3cret', false);
    expect(wire.trace()).toEqual(['     0  A>B INVITE 1', '    10  B>A 100 (INVITE 1)', '    10  B>A 401 (INVITE 1)', '    20  A>B ACK 1']);
    expect(log).toEqual(['B 401 GW_ERR_SIP_AUTH_MISSING', 'A failed 401', 'A terminated failed']);
  });

  it('answers a challenge to a re-INVITE; its 2xx is ACKed with the retry CSeq', async () => {
    const setup = await challengedCall('SHA-256', 'uas');
    const { wire, call } = setup;
    const server = setup.server;
    if (server === undefined) throw new Error('not answered');
    const challenger = new DigestChallenger({ realm: REALM, algorithms: ['SHA-256'], clock: wire.clock, lookup: () => ({ id: 'trunk-7', password: 's3cret' }) });
    server.on('reinvite', (incoming) => {
      const auth = challenger.authenticate(incoming.message);
      if (auth.ok) incoming.accept({ sdp: SDP });
      else incoming.reject(auth.error.status, { headers: auth.error.headers });
    });
    const outcome = call.reinvite({ sdp: SDP.replace('4000', '4002') });
    await wire.run(100);
    expect((await outcome).ok).toBe(true);
    expect(wire.trace().slice(8)).toEqual([
      '   200  A>B INVITE 3',
      '   210  B>A 100 (INVITE 3)',
      '   210  B>A 401 (INVITE 3)',
      '   220  A>B ACK 3',
      '   220  A>B INVITE 4',
      '   230  B>A 100 (INVITE 4)',
      '   230  B>A 200 (INVITE 4)',
      '   240  A>B ACK 4',
    ]);
  });

  it('answers a challenge to a BYE (the callee here a raw peer)', async () => {
    const wire = new Wire();
    const a = wire.ua('A');
    const peer = wire.peer('P');
    const challenger = new DigestChallenger({ realm: REALM, algorithms: ['MD5'], clock: wire.clock, lookup: () => ({ id: 'trunk-7', password: 's3cret' }) });
    const auth = new DigestClient({ credentials: () => ({ username: 'pbx7', password: 's3cret' }) });
    const placed = a.invite('sip:+15551230000@192.0.2.2', { from: '<sip:+15551110000@192.0.2.1>', sdp: SDP, auth });
    if (!placed.ok) throw placed.error;
    const ended: string[] = [];
    placed.value.on('terminated', (t) => ended.push(t.cause));
    /** P answers the last request it got, as text lines (the wire adds Content-Length). */
    const reply = (status: number, headers: { name: string; value: string }[] = []): void => {
      const request = peer.inbox.at(-1);
      if (request?.kind !== 'request') throw new Error('no request');
      const text = Buffer.from(serializeMessage(responseTo(request, status, status === 200 ? 'OK' : 'Unauthorized', headers, 'p1'))).toString('latin1');
      peer.send('A', text.split('\r\n\r\n')[0]?.split('\r\n').filter((l) => !l.startsWith('Content-Length')) ?? []);
    };
    await wire.run(10);
    reply(200, [{ name: 'Contact', value: '<sip:192.0.2.2:5060>' }]);
    await wire.run(20);
    expect(placed.value.bye().ok).toBe(true);
    await wire.run(20);
    const bye = peer.inbox.at(-1);
    if (bye?.kind !== 'request') throw new Error('no BYE');
    const denied = challenger.authenticate(bye);
    if (denied.ok) throw new Error('BYE without credentials accepted');
    reply(401, [...denied.error.headers]);
    await wire.run(20);
    const retried = peer.inbox.at(-1);
    if (retried?.kind !== 'request') throw new Error('no retried BYE');
    const accepted = challenger.authenticate(retried);
    expect(accepted.ok && accepted.value.account).toBe('trunk-7');
    reply(200);
    await wire.run(20);
    expect(wire.trace()).toEqual(['     0  A>B INVITE 1'.replace('B', 'P'), '    10  P>A 200 (INVITE 1)', '    20  A>P ACK 1', '    30  A>P BYE 2', '    50  P>A 401 (BYE 2)', '    60  A>P BYE 3', '    70  P>A 200 (BYE 3)']);
    expect(field(retried, 'Call-ID')).toBe(field(bye, 'Call-ID'));
    expect(branchOf(retried)).toMatch(/^z9hG4bK-a\d$/);
    expect(branchOf(retried)).not.toBe(branchOf(bye));
    expect(ended).toEqual(['local-bye']);
  });
});
