// The adapter between parsed messages and the transaction layer: the TxRequest / TxResponse view
// with canonical URIs and Vias (RFC 3261 §19.1.4, §20.42), the ACK for 300-699 (§17.1.1.3), the
// 100 (Trying) (§8.2.6), the CANCEL (§9.1); and two transaction layers talking through it.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { fieldValues, parseMessage, serializeMessage, type SipMessage, type SipRequest, type SipResponse } from '../../../src/sip/message/index.js';
import type { TxTarget } from '../../../src/sip/transaction/message.js';
import { buildCancel, builtTx, canonicalUri, pick, sipMessageFactory, toTxMessage } from '../../../src/sip/transaction/parser-adapter.js';
import { TransactionLayer } from '../../../src/sip/transaction/transaction-layer.js';
import type { TuEvent } from '../../../src/sip/transaction/transaction-user.js';
import { inviteLines, octets, valueOf, wire } from '../helpers.js';

function parse(lines: readonly string[], body = ''): SipMessage {
  return valueOf(parseMessage(octets(wire(lines, body))));
}

const invite = parse(
  inviteLines(['Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKprx', 'Route: <sip:p1.example.com;lr>', 'Route: <sip:p2.example.com;lr>', 'Timestamp: 54']),
) as SipRequest;
const header = (m: SipMessage, name: string): string[] => fieldValues(m.headers, name);

function response(status: number, toTag?: string): SipResponse {
  const headers = invite.headers
    .filter((h) => ['Via', 'From', 'To', 'Call-ID', 'CSeq'].includes(h.name))
    .map((h) => (h.name === 'To' && toTag !== undefined ? { name: 'To', value: `${h.value};tag=${toTag}` } : h));
  return { kind: 'response', status, reason: 'X', headers, body: new Uint8Array() };
}

describe('parser adapter', () => {
  it('gives the transaction layer the fields it matches on, in canonical form', () => {
    const tx = valueOf(toTxMessage(invite));
    expect(tx).toMatchObject({
      kind: 'request',
      method: 'INVITE',
      // With the magic cookie, matching reads branch, sent-by and method only (§17.2.3).
      requestUri: '',
      branch: 'z9hG4bK776asdhds',
      sentBy: 'pc33.atlanta.example.com:5060',
      topVia: '',
      cseq: { seq: 314159, method: 'INVITE' },
      callId: 'a84b4c76e66710@pc33.atlanta.example.com',
      fromTag: '1928301774',
    });
    expect(tx.toTag).toBeUndefined();
    expect(tx.payload).toBe(invite);
    const res = valueOf(toTxMessage(response(486, 'b1')));
    expect(res).toMatchObject({ kind: 'response', status: 486, toTag: 'b1', branch: 'z9hG4bK776asdhds' });
  });

  it('gives an RFC 2543 request (no magic cookie) its top Via and Request-URI in canonical form, for RFC 2543 matching', () => {
    const old = parse(inviteLines().map((l) => (l.startsWith('Via:') ? 'Via: SIP/2.0/UDP PC33.Atlanta.example.com;Branch=Old1' : l)));
    expect(valueOf(toTxMessage(old))).toMatchObject({
      requestUri: 'sip:bob@biloxi.example.com',
      branch: 'Old1',
      sentBy: 'pc33.atlanta.example.com:5060',
      topVia: 'SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=Old1',
    });
  });

  it('makes equal URIs (§19.1.4) equal strings, and keeps unequal ones apart', () => {
    const canon = (text: string): string => {
      const lines = inviteLines().map((l) => (l.startsWith('INVITE ') ? `INVITE ${text} SIP/2.0` : l.startsWith('Via:') ? 'Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=rfc2543' : l));
      return valueOf(toTxMessage(parse(lines) as SipRequest)).requestUri;
    };
    expect(canon('sip:%61lice@AtLanTa.CoM;Transport=UDP')).toBe(canon('sip:alice@atlanta.com;transport=udp'));
    expect(canon('sip:carol@chicago.com;security=on;newparam=5')).toBe(canon('sip:carol@chicago.com;newparam=5;security=on'));
    expect(canon('sip:ALICE@atlanta.com')).not.toBe(canon('sip:alice@atlanta.com'));
    expect(canonicalUri({ kind: 'tel', number: '+1-201', params: [] })).toBe('tel:+1-201');
  });

  it('a Via on TLS defaults to port 5061; a message without Via is an error, not a throw', () => {
    const tls = parse(inviteLines().map((l) => (l.startsWith('Via:') ? 'Via: SIP/2.0/TLS Gw.Example.NET;branch=z9hG4bKt' : l)));
    expect(valueOf(toTxMessage(tls)).sentBy).toBe('gw.example.net:5061');
    const noVia = { ...invite, headers: invite.headers.filter((h) => h.name !== 'Via') };
    expect(toTxMessage(noVia)).toMatchObject({ ok: false, error: { code: 'SIP_MISSING_HEADER', header: 'Via' } });
    expect(() => builtTx(noVia)).toThrow(/invalid request/);
  });

  it('builds the ACK for a 300-699 response: top Via, Route, From, Call-ID of the INVITE; To of the response', () => {
    const ack = sipMessageFactory.ack(valueOf(toTxMessage(invite)), valueOf(toTxMessage(response(486, 'b1')))).payload as SipRequest;
    expect([ack.method, ack.uri]).toEqual(['ACK', 'sip:bob@biloxi.example.com']);
    expect(header(ack, 'Via')).toEqual(['SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds']);
    expect(header(ack, 'Route')).toEqual(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
    expect(header(ack, 'To')).toEqual(['Bob <sip:bob@biloxi.example.com>;tag=b1']);
    expect(header(ack, 'CSeq')).toEqual(['314159 ACK']);
    expect(header(ack, 'Max-Forwards')).toEqual(['70']);
    expect(valueOf(parseMessage(serializeMessage(ack)))).toMatchObject({ method: 'ACK' });
  });

  it('builds the 100 (Trying): every Via, From, To without a tag, Call-ID, CSeq, Timestamp', () => {
    const trying = sipMessageFactory.trying(valueOf(toTxMessage(invite))).payload as SipResponse;
    expect([trying.status, trying.reason]).toEqual([100, 'Trying']);
    expect(header(trying, 'Via')).toHaveLength(2);
    expect(header(trying, 'To')).toEqual(['Bob <sip:bob@biloxi.example.com>']);
    expect(header(trying, 'Timestamp')).toEqual(['54']);
    expect(header(trying, 'CSeq')).toEqual(['314159 INVITE']);
  });

  it('settles an answered INVITE: its fields without the message; with the magic cookie, without top Via and Request-URI', () => {
    const withBody = parse(inviteLines(['Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKprx', 'Timestamp: 54']), 'v=0\r\n') as SipRequest;
    const tx = valueOf(toTxMessage(withBody));
    const settled = sipMessageFactory.settled(tx);
    const { payload, ...fields } = settled;
    const { payload: original, ...originalFields } = tx;
    expect(original).toBe(withBody);
    expect(fields).toEqual({ ...originalFields, topVia: '', requestUri: '' });
    const message = payload as SipRequest;
    expect([message.method, message.uri, message.headers, message.body.length]).toEqual(['INVITE', '', [], 0]);
    // Nothing may answer it: a response built from it has no Via, which builtTx refuses.
    const answer: SipResponse = { kind: 'response', status: 200, reason: 'OK', headers: message.headers, body: new Uint8Array() };
    expect(() => builtTx(answer)).toThrow(/invalid response/);
  });

  it('settles an RFC 2543 INVITE with every field RFC 2543 matching compares', () => {
    const old = parse(inviteLines([]).map((l) => (l.startsWith('Via:') ? 'Via: SIP/2.0/UDP pc33.atlanta.example.com' : l))) as SipRequest;
    const tx = valueOf(toTxMessage(old));
    expect(tx.branch).toBeUndefined();
    const { payload, ...fields } = sipMessageFactory.settled(tx);
    const { payload: original, ...originalFields } = tx;
    expect(original).toBe(old);
    expect(fields).toEqual(originalFields);
    expect((payload as SipRequest).headers).toEqual([]);
  });

  it('builds the CANCEL: same Request-URI, top Via (branch), From, To, Call-ID, Route; CSeq number with CANCEL', () => {
    const cancel = buildCancel(invite, [{ name: 'Reason', value: 'Q.850;cause=16' }]);
    expect(cancel).toMatchObject({ method: 'CANCEL', branch: 'z9hG4bK776asdhds', cseq: { seq: 314159, method: 'CANCEL' } });
    const message = cancel.payload as SipRequest;
    expect(message.uri).toBe(invite.uri);
    expect(header(message, 'Via')).toHaveLength(1);
    expect(header(message, 'Route')).toHaveLength(2);
    expect(header(message, 'Reason')).toEqual(['Q.850;cause=16']);
  });

  it('lets two transaction layers complete INVITE/486/ACK: the ACK it builds matches the server transaction', () => {
    const clock = new FakeClock();
    const events: string[] = [];
    const at = (name: string): TxTarget => ({ transport: 'UDP', host: name, port: 5060, reliable: false });
    const layers = new Map<string, TransactionLayer<SipMessage>>();
    const make = (name: string, peer: string): TransactionLayer<SipMessage> =>
      new TransactionLayer<SipMessage>({
        clock,
        factory: sipMessageFactory,
        send: (m) => {
          const arrived = valueOf(toTxMessage(valueOf(parseMessage(serializeMessage(m.payload)))));
          clock.setTimer(10, () => layers.get(peer)?.receive(arrived, at(name)));
        },
        tu: (e: TuEvent<SipMessage>) => {
          events.push(`${name} ${e.type}${e.type === 'response' ? ` ${e.response.status}` : ''}`);
          if (e.type === 'request') e.tx.respond(builtTx(response(486, 'b1')));
        },
      });
    layers.set('uac', make('uac', 'uas'));
    layers.set('uas', make('uas', 'uac'));
    const started = layers.get('uac')?.request(valueOf(toTxMessage(invite)), at('uas'));
    expect(started?.ok).toBe(true);
    clock.advance(100);
    expect(events).toEqual(['uas request', 'uac response 100', 'uac response 486']);
    expect(layers.get('uas')?.size).toBe(1);
    clock.advance(6000);
    expect([layers.get('uac')?.size, layers.get('uas')?.size]).toEqual([1, 0]);
  });
});

describe('pick', () => {
  const received = parse([
    'OPTIONS sip:b@example.com SIP/2.0',
    'v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1',
    'Via: SIP/2.0/UDP b.example.com;branch=z9hG4bK2',
    'From: <sip:a@example.com>;tag=1',
    'To: <sip:b@example.com>',
    'i: pick-1',
    'CSeq: 1 OPTIONS',
    'Max-Forwards: 70',
    'Content-Length: 0',
  ]);

  it('takes the fields in the order of the names asked, then in wire order, named as asked', () => {
    expect(pick(received.headers, ['Call-ID', 'Via', 'From']).map((f) => `${f.name}: ${f.value}`)).toEqual([
      'Call-ID: pick-1',
      'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1',
      'Via: SIP/2.0/UDP b.example.com;branch=z9hG4bK2',
      'From: <sip:a@example.com>;tag=1',
    ]);
    expect(pick(received.headers, ['Route'])).toEqual([]);
  });

  it('hands out the very field when it is named as asked, a copy under the asked name otherwise', () => {
    const [compactVia, via] = pick(received.headers, ['Via']);
    expect(compactVia).not.toBe(received.headers[0]);
    expect(compactVia).toEqual({ name: 'Via', value: 'SIP/2.0/UDP a.example.com;branch=z9hG4bK1' });
    expect(via).toBe(received.headers[1]);
    expect(pick(received.headers, ['From'])[0]).toBe(received.headers[2]);
  });

  it('copies the first field of a message kept with its received octets, so a response built from it does not keep the request alive', () => {
    const canonical = parse([
      'OPTIONS sip:b@example.com SIP/2.0',
      'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK3',
      'From: <sip:a@example.com>;tag=1',
      'To: <sip:b@example.com>',
      'Call-ID: pick-2',
      'CSeq: 1 OPTIONS',
      'Max-Forwards: 70',
      'Content-Length: 0',
    ]);
    // written canonically: its octets are kept, on its first field
    const [via, from] = pick(canonical.headers, ['Via', 'From']);
    expect(via).not.toBe(canonical.headers[0]);
    expect(via).toEqual({ name: 'Via', value: 'SIP/2.0/UDP a.example.com;branch=z9hG4bK3' });
    expect(from).toBe(canonical.headers[1]);
  });

  it('a response built from the picked fields serializes as its own message, not as the request it took them from', () => {
    const headers = pick(received.headers, ['Via', 'From', 'To', 'Call-ID', 'CSeq']);
    const built: SipResponse = { kind: 'response', status: 200, reason: 'OK', headers, body: new Uint8Array() };
    const text = Buffer.from(serializeMessage(built)).toString('latin1');
    expect(text.startsWith('SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r\n')).toBe(true);
    expect(text).toContain('Call-ID: pick-1\r\n');
    expect(valueOf(toTxMessage(built))).toMatchObject({ kind: 'response', status: 200, branch: 'z9hG4bK1', callId: 'pick-1', fromTag: '1' });
  });
});
