// The registrar's parts: URI keys, the binding update of §10.3 step 7, the in-memory store, and
// responses built from a request (§8.2.6.2).
import { describe, expect, it } from 'vitest';
import { fieldValues, parseMessage, parseUri, type SipRequest, type Uri } from '../../../src/sip/message/index.js';
import { updateBindings, type Binding } from '../../../src/sip/registrar/bindings.js';
import { MemoryBindingStore, responseTo } from '../../../src/sip/registrar/index.js';
import { aorKey, contactKey } from '../../../src/sip/registrar/uri-keys.js';
import { octets, valueOf, wire } from '../helpers.js';
import { unwrap } from '../auth/support.js';

const uri = (text: string): Uri => valueOf(parseUri(text));
const source = { transport: 'udp', address: '192.0.2.10', port: 5060 };

function binding(user: string, callId: string, cseq: number, expiresAt = 60_000): Binding {
  const u = uri(`sip:${user}@192.0.2.10`);
  return { contact: { uri: u, params: [] }, key: contactKey(u), callId, cseq, expiresAt, source };
}

describe('URI keys', () => {
  it('aorKey keeps scheme, user, host (any case) and port, and drops parameters and headers', () => {
    expect(aorKey(uri('sip:Alice@Atlanta.EXAMPLE.com;transport=tcp?subject=x'))).toBe('sip:Alice@atlanta.example.com');
    expect(aorKey(uri('sips:alice@atlanta.example.com:5061'))).toBe('sips:alice@atlanta.example.com:5061');
    expect(aorKey(uri('sip:%61lice@atlanta.example.com'))).toBe(aorKey(uri('sip:alice@atlanta.example.com')));
    expect(aorKey(uri('tel:+15551234'))).toBeUndefined();
  });

  it('contactKey ignores parameter order and case of all but user and password', () => {
    expect(contactKey(uri('sip:bob@Biloxi.com;Transport=TCP;lr'))).toBe(contactKey(uri('sip:bob@biloxi.com;lr;transport=tcp')));
    expect(contactKey(uri('sip:Bob@biloxi.com'))).not.toBe(contactKey(uri('sip:bob@biloxi.com')));
    expect(contactKey(uri('sip:bob@biloxi.com:5060'))).not.toBe(contactKey(uri('sip:bob@biloxi.com')));
    expect(contactKey(uri('tel:+1-555-1234'))).toBe('tel:+1-555-1234');
  });
});

describe('updateBindings (RFC 3261 §10.3 step 7)', () => {
  const update = (contacts: [string, number][] | '*', callId: string, cseq: number) => ({
    contacts: contacts === '*' ? ('*' as const) : contacts.map(([user, expires]) => ({ contact: binding(user, '', 0).contact, key: binding(user, '', 0).key, expires })),
    callId,
    cseq,
    now: 1_000,
    source,
  });

  it('adds, refreshes and removes, leaving the others alone', () => {
    const current = [binding('a', 'c1', 1), binding('b', 'c1', 1)];
    const next = unwrap(updateBindings(current, update([['a', 30], ['b', 0], ['z', 0], ['n', 10]], 'c1', 2)));
    expect(next.map((b) => [b.key, b.cseq, b.expiresAt])).toEqual([
      ['sip:a@192.0.2.10', 2, 31_000],
      ['sip:n@192.0.2.10', 2, 11_000],
    ]);
  });

  it('fails on a binding of the same Call-ID with a CSeq not below, and lets another Call-ID through', () => {
    const current = [binding('a', 'c1', 5)];
    const failed = updateBindings(current, update([['a', 30]], 'c1', 5));
    expect(failed).toEqual({ ok: false, error: current[0] });
    expect(updateBindings(current, update('*', 'c1', 4)).ok).toBe(false);
    expect(updateBindings(current, update([['a', 30]], 'c2', 1)).ok).toBe(true);
    expect(updateBindings(current, update('*', 'c2', 1))).toEqual({ ok: true, value: [] });
  });
});

describe('MemoryBindingStore', () => {
  it('returns what was saved per account, and forgets an account saved empty', () => {
    const store = new MemoryBindingStore();
    expect(store.load('a')).toEqual([]);
    store.save('a', [binding('x', 'c', 1)]);
    expect(store.load('a')).toHaveLength(1);
    expect(store.load('b')).toEqual([]);
    store.save('a', []);
    expect(store.load('a')).toEqual([]);
  });
});

describe('responseTo (RFC 3261 §8.2.6.2)', () => {
  function parsed(lines: string[]): SipRequest {
    const message = valueOf(parseMessage(octets(wire(lines))));
    if (message.kind !== 'request') throw new Error('not a request');
    return message;
  }
  const lines = [
    'OPTIONS sip:gw.example.net SIP/2.0',
    'Via: SIP/2.0/UDP proxy.example.net;branch=z9hG4bK-2',
    'v: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-1',
    'Max-Forwards: 69',
    't: sip:gw.example.net',
    'From: <sip:pbx1@gw.example.net>;tag=abc',
    'Call-ID: c1',
    'CSeq: 7 OPTIONS',
    'Accept: application/sdp',
    'Content-Length: 0',
  ];

  it('copies the Via fields in order, From, To with a new tag, Call-ID and CSeq, then the given fields', () => {
    const response = responseTo(parsed(lines), 200, 'OK', [{ name: 'Allow', value: 'REGISTER' }], 'tag1');
    expect(response).toMatchObject({ kind: 'response', status: 200, reason: 'OK', body: new Uint8Array(0) });
    expect(response.headers).toEqual([
      { name: 'Via', value: 'SIP/2.0/UDP proxy.example.net;branch=z9hG4bK-2' },
      { name: 'v', value: 'SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-1' },
      { name: 't', value: 'sip:gw.example.net;tag=tag1' },
      { name: 'From', value: '<sip:pbx1@gw.example.net>;tag=abc' },
      { name: 'Call-ID', value: 'c1' },
      { name: 'CSeq', value: '7 OPTIONS' },
      { name: 'Allow', value: 'REGISTER' },
    ]);
  });

  it('keeps a To tag already there, and makes a random one otherwise', () => {
    const tagged = parsed(lines.map((l) => (l.startsWith('t:') ? 't: <sip:gw.example.net>;tag=old' : l)));
    expect(fieldValues(responseTo(tagged, 486, 'Busy Here').headers, 'To')).toEqual(['<sip:gw.example.net>;tag=old']);
    const a = fieldValues(responseTo(parsed(lines), 200, 'OK').headers, 'To')[0];
    const b = fieldValues(responseTo(parsed(lines), 200, 'OK').headers, 'To')[0];
    expect(a).toMatch(/;tag=[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });
});
