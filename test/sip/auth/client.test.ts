// DigestClient: which challenge it answers, with what, and when it refuses to.
import { describe, expect, it } from 'vitest';
import {
  AuthNoChallenge,
  AuthNoCredentials,
  AuthRejected,
  DigestClient,
  parseDigestCredentials,
  type DigestAlgorithm,
  type DigestCredentials,
} from '../../../src/sip/auth/index.js';
import type { HeaderField } from '../../../src/sip/message/index.js';
import { valueOf } from '../helpers.js';
import { failure, request, responseWith, unwrap, withFields } from './support.js';

const URI = 'sip:gw.example.net';
const first = request('REGISTER', URI);

function client(algorithms?: readonly DigestAlgorithm[]): DigestClient {
  const secrets: Record<string, { username: string; password: string }> = {
    carrier: { username: 'trunk7', password: 'pw' },
    'edge.carrier': { username: 'trunk7-edge', password: 'pw2' },
  };
  return new DigestClient({ credentials: (realm) => secrets[realm], ...(algorithms === undefined ? {} : { algorithms }) });
}

const challenge = (algorithm: string, extra = '', realm = 'carrier', nonce = 'n1'): string => `Digest realm="${realm}", nonce="${nonce}", algorithm=${algorithm}, qop="auth"${extra}`;
const www = (...values: string[]): HeaderField[] => values.map((value) => ({ name: 'WWW-Authenticate', value }));

function read(field: HeaderField | undefined): DigestCredentials {
  const parsed = valueOf(parseDigestCredentials(field?.value ?? ''));
  if (parsed === undefined) throw new Error('not Digest');
  return parsed;
}

describe('DigestClient.answer', () => {
  it('answers the strongest algorithm it supports, in any order offered, echoing opaque', () => {
    const offered = www(challenge('MD5'), challenge('SHA-256-sess'), challenge('SHA-256', ', opaque="op"'), challenge('SHA-512-256'));
    const [field, ...others] = unwrap(client().answer(first, responseWith(401, offered)));
    expect(others).toEqual([]);
    expect(read(field)).toMatchObject({ username: 'trunk7', realm: 'carrier', uri: URI, algorithm: 'SHA-256', qop: 'auth', nc: '00000001', opaque: 'op' });
    expect(read(field).cnonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads several challenges in one field, and skips a field that does not parse', () => {
    const offered = [{ name: 'WWW-Authenticate', value: 'Digest realm="carrier' }, ...www(`${challenge('MD5')}, ${challenge('SHA-256')}`)];
    expect(read(unwrap(client().answer(first, responseWith(401, offered)))[0]).algorithm).toBe('SHA-256');
  });

  it('keeps to the algorithms it is given', () => {
    expect(read(unwrap(client(['MD5']).answer(first, responseWith(401, www(challenge('SHA-256'), challenge('MD5')))))[0]).algorithm).toBe('MD5');
    expect(failure(client(['MD5']).answer(first, responseWith(401, www(challenge('SHA-256'))))).code).toBe(AuthNoChallenge.code);
  });

  it('finds nothing to answer in auth-int only, -sess without qop, unknown algorithms, other schemes or other statuses', () => {
    const unusable = www(
      'Digest realm="carrier", nonce="n", qop="auth-int"',
      'Digest realm="carrier", nonce="n", algorithm=MD5-sess',
      challenge('SHA-512-256'),
      'Negotiate',
    );
    expect(failure(client().answer(first, responseWith(401, unusable))).code).toBe(AuthNoChallenge.code);
    expect(failure(client().answer(first, responseWith(403, www(challenge('MD5'))))).code).toBe(AuthNoChallenge.code);
    expect(failure(client().answer(first, responseWith(407, www(challenge('MD5'))))).code).toBe(AuthNoChallenge.code);
  });

  it('fails without credentials for any realm challenged', () => {
    const failed = failure(client().answer(first, responseWith(401, www(challenge('MD5', '', 'elsewhere')))));
    expect([failed.code, failed.message]).toEqual([AuthNoCredentials.code, 'No credentials for the challenged realm: realms elsewhere']);
  });

  it('answers a 407 from two forking proxies with one Proxy-Authorization per realm it knows', () => {
    const offered = [challenge('MD5', '', 'carrier', 'a'), challenge('MD5', '', 'edge.carrier', 'b'), challenge('MD5', '', 'elsewhere', 'c')].map((value) => ({
      name: 'Proxy-Authenticate',
      value,
    }));
    const fields = unwrap(client().answer(request('INVITE', 'sip:+15551234@carrier'), responseWith(407, offered)));
    expect(fields.map((f) => [f.name, read(f).realm, read(f).username])).toEqual([
      ['Proxy-Authorization', 'carrier', 'trunk7'],
      ['Proxy-Authorization', 'edge.carrier', 'trunk7-edge'],
    ]);
  });

  it('does not retry credentials the realm rejected, unless the challenge says stale', () => {
    const c = client();
    const retry = withFields(request('REGISTER', URI, [], 2), unwrap(c.answer(first, responseWith(401, www(challenge('MD5'))))));
    const again = failure(c.answer(retry, responseWith(401, www(challenge('MD5', '', 'carrier', 'n2')))));
    expect(again.code).toBe(AuthRejected.code);
    expect(c.authorize(retry)).toEqual([]);
    const stale = unwrap(c.answer(retry, responseWith(401, www(challenge('MD5', ', stale=true', 'carrier', 'n2')))));
    expect(read(stale[0])).toMatchObject({ nonce: 'n2', nc: '00000001' });
  });
});

describe('DigestClient nonce counts and authorize', () => {
  it('counts each use of a nonce, and starts again at 1 with a new nonce', () => {
    const c = client();
    expect(c.authorize(first)).toEqual([]);
    expect(read(unwrap(c.answer(first, responseWith(401, www(challenge('MD5')))))[0]).nc).toBe('00000001');
    expect(c.authorize(first).map((f) => read(f).nc)).toEqual(['00000002']);
    const again = unwrap(c.answer(first, responseWith(401, www(challenge('MD5', ', stale=true')))));
    expect(read(again[0]).nc).toBe('00000003');
    expect(read(unwrap(c.answer(first, responseWith(401, www(challenge('MD5', '', 'carrier', 'n2')))))[0]).nc).toBe('00000001');
    const next = request('REGISTER', URI, [], 9);
    const [field] = c.authorize(next);
    expect(read(field)).toMatchObject({ nonce: 'n2', nc: '00000002', uri: URI });
    expect(read(field).cnonce).not.toBe(read(again[0]).cnonce);
  });

  it('authorizes the RFC 2069 form without a nonce count', () => {
    const c = client();
    unwrap(c.answer(first, responseWith(401, www('Digest realm="carrier", nonce="old"'))));
    const [field] = c.authorize(first);
    expect(read(field)).toMatchObject({ nonce: 'old', algorithm: 'MD5' });
    expect([read(field).qop, read(field).nc, read(field).cnonce]).toEqual([undefined, undefined, undefined]);
  });
});
