// Known answers: the worked examples of RFC 7616 §3.9.1 (MD5 and SHA-256), RFC 2617 §3.5 and
// RFC 2069 §2.4 (with erratum 749), computed by digestResponse and by a DigestClient answering
// the RFCs' challenges; and the -sess algorithms step by step.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestClient, digestAlgorithm, digestResponse, parseDigestCredentials, utf8Bytes, utf8Text } from '../../../src/sip/auth/index.js';
import type { SipRequest, SipResponse } from '../../../src/sip/message/index.js';
import { valueOf } from '../helpers.js';
import { responseWith, unwrap } from './support.js';

const RFC7616 = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  method: 'GET',
  uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  qop: { nc: '00000001', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ' },
};
const OPAQUE = 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS';
/** The responses RFC 7616 §3.9.1 publishes. */
const RFC7616_MD5 = '8ca523f5e9506fed4657c9700eebdbec';
const RFC7616_SHA256 = '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1';

const get: SipRequest = { kind: 'request', method: 'GET', uri: '/dir/index.html', headers: [], body: new Uint8Array(0) };

function unauthorized(...challenges: string[]): SipResponse {
  return responseWith(401, challenges.map((value) => ({ name: 'WWW-Authenticate', value })));
}

/** The one credentials field a client gives for `response`, read. */
function answered(client: DigestClient, response: SipResponse): ReturnType<typeof parseDigestCredentials> {
  const fields = unwrap(client.answer(get, response));
  expect(fields.map((f) => f.name)).toEqual(['Authorization']);
  return parseDigestCredentials(fields[0]?.value ?? '');
}

describe('RFC 7616 §3.9.1 (Mufasa, "Circle of Life")', () => {
  it('gives the published MD5 and SHA-256 responses', () => {
    expect(digestResponse({ ...RFC7616, algorithm: 'MD5' })).toBe(RFC7616_MD5);
    expect(digestResponse({ ...RFC7616, algorithm: 'SHA-256' })).toBe(RFC7616_SHA256);
  });

  const sha256 = `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="${RFC7616.nonce}", opaque="${OPAQUE}"`;
  const md5 = `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="${RFC7616.nonce}", opaque="${OPAQUE}"`;
  const client = (algorithms?: ['MD5']): DigestClient =>
    new DigestClient({
      credentials: (realm) => (realm === 'http-auth@example.org' ? { username: 'Mufasa', password: 'Circle of Life' } : undefined),
      cnonce: () => RFC7616.qop.cnonce,
      ...(algorithms === undefined ? {} : { algorithms }),
    });

  it('answers the RFC\'s two challenges with SHA-256, the Authorization the RFC shows', () => {
    const rfc = `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="${RFC7616.nonce}", nc=00000001, cnonce="${RFC7616.qop.cnonce}", qop=auth, response="${RFC7616_SHA256}", opaque="${OPAQUE}"`;
    expect(valueOf(answered(client(), unauthorized(sha256, md5)))).toEqual(valueOf(parseDigestCredentials(rfc)));
  });

  it('answers with MD5 when that is all it may use, the Authorization the RFC shows', () => {
    const rfc = `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="${RFC7616.nonce}", nc=00000001, cnonce="${RFC7616.qop.cnonce}", qop=auth, response="${RFC7616_MD5}", opaque="${OPAQUE}"`;
    expect(valueOf(answered(client(['MD5']), unauthorized(sha256, md5)))).toEqual(valueOf(parseDigestCredentials(rfc)));
  });
});

describe('RFC 2617 §3.5 and RFC 2069 §2.4', () => {
  const rfc2617 = { username: 'Mufasa', password: 'Circle Of Life', realm: 'testrealm@host.com', method: 'GET', uri: '/dir/index.html', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093' };

  it('gives the RFC 2617 response for qop=auth', () => {
    expect(digestResponse({ ...rfc2617, algorithm: 'MD5', qop: { nc: '00000001', cnonce: '0a4f113b' } })).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('answers the RFC 2617 challenge as the RFC does', () => {
    const client = new DigestClient({ credentials: () => ({ username: 'Mufasa', password: 'Circle Of Life' }), cnonce: () => '0a4f113b' });
    const challenge = 'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"';
    expect(valueOf(answered(client, unauthorized(challenge)))).toMatchObject({ response: '6629fae49393a05397450978507c4ef1', nc: '00000001', qop: 'auth', cnonce: '0a4f113b' });
  });

  it('answers an RFC 2069 challenge (no qop) without qop, nc or cnonce: erratum 749\'s response', () => {
    const client = new DigestClient({ credentials: () => ({ username: 'Mufasa', password: 'CircleOfLife' }) });
    const challenge = 'Digest realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"';
    expect(valueOf(answered(client, unauthorized(challenge)))).toEqual({
      username: 'Mufasa',
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      uri: '/dir/index.html',
      response: '1949323746fe6a43ef61f9606e7febea',
      algorithm: 'MD5',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      params: [],
    });
  });
});

describe('-sess algorithms (RFC 7616 §3.4.2)', () => {
  const h = (hash: string, ...parts: string[]): string => createHash(hash).update(parts.join(':')).digest('hex');

  it.each([
    ['MD5-sess', 'md5'],
    ['SHA-256-sess', 'sha256'],
  ] as const)('%s hashes H(user:realm:password):nonce:cnonce as A1', (algorithm, hash) => {
    const ha1 = h(hash, h(hash, 'Mufasa', RFC7616.realm, RFC7616.password), RFC7616.nonce, RFC7616.qop.cnonce);
    const expected = h(hash, ha1, RFC7616.nonce, '00000001', RFC7616.qop.cnonce, 'auth', h(hash, 'GET', '/dir/index.html'));
    expect(digestResponse({ ...RFC7616, algorithm })).toBe(expected);
  });

  it('refuses to compute without qop', () => {
    expect(() => digestResponse({ ...RFC7616, algorithm: 'MD5-sess', qop: undefined })).toThrow(RangeError);
  });
});

describe('names and octets', () => {
  it('reads algorithm names ignoring case, and knows no others', () => {
    expect(digestAlgorithm('sha-256-SESS')).toBe('SHA-256-sess');
    expect(digestAlgorithm('SHA-512-256')).toBeUndefined();
  });

  it('hashes text as UTF-8 octets', () => {
    const bytes = utf8Bytes('Jürgen');
    expect(bytes).toBe('J\u00c3\u00bcrgen');
    expect(utf8Text(bytes)).toBe('Jürgen');
    const input = { ...RFC7616, algorithm: 'MD5' as const, username: bytes, qop: undefined };
    const ha1 = createHash('md5').update(`Jürgen:${RFC7616.realm}:${RFC7616.password}`, 'utf8').digest('hex');
    const ha2 = createHash('md5').update('GET:/dir/index.html').digest('hex');
    expect(digestResponse(input)).toBe(createHash('md5').update(`${ha1}:${RFC7616.nonce}:${ha2}`).digest('hex'));
  });
});
