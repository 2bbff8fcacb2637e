// The grammar of WWW-Authenticate, Proxy-Authenticate, Authorization and Proxy-Authorization
// values (RFC 3261 §25.1, RFC 7235 §4.1) and the typed Digest challenge and credentials.
import { describe, expect, it } from 'vitest';
import {
  formatDigestChallenge,
  formatDigestCredentials,
  parseAuthValues,
  parseDigestChallenges,
  parseDigestCredentials,
  readDigestChallenge,
  type DigestChallenge,
  type DigestCredentials,
} from '../../../src/sip/auth/index.js';
import { errorOf, valueOf } from '../helpers.js';

describe('parseAuthValues', () => {
  it('reads one challenge, values as written', () => {
    expect(valueOf(parseAuthValues('Digest realm="atlanta.com", qop="auth", algorithm=MD5'))).toEqual([
      {
        scheme: 'Digest',
        params: [
          { name: 'realm', value: '"atlanta.com"' },
          { name: 'qop', value: '"auth"' },
          { name: 'algorithm', value: 'MD5' },
        ],
      },
    ]);
  });

  it('splits several challenges in one field (RFC 7235 §4.1), SHA-256 first then MD5', () => {
    const values = valueOf(parseAuthValues('Digest realm="r", nonce="n1", algorithm=SHA-256, Digest realm="r", nonce="n1", algorithm=MD5'));
    expect(values.map((v) => [v.scheme, v.params.at(-1)?.value])).toEqual([
      ['Digest', 'SHA-256'],
      ['Digest', 'MD5'],
    ]);
  });

  it('keeps commas, "=" and escaped quotes inside quoted-strings', () => {
    const [value] = valueOf(parseAuthValues('Digest realm="a, b=c \\"q\\"", nonce="x"'));
    expect(value?.params[0]).toEqual({ name: 'realm', value: '"a, b=c \\"q\\""' });
  });

  it('allows LWS around "=" and after commas, a scheme without parameters, and empty elements', () => {
    expect(valueOf(parseAuthValues('Digest  realm = "r" ,\tnonce= "n",, Negotiate'))).toEqual([
      { scheme: 'Digest', params: [{ name: 'realm', value: '"r"' }, { name: 'nonce', value: '"n"' }] },
      { scheme: 'Negotiate', params: [] },
    ]);
  });

  it.each([
    ['an auth-param before any scheme', 'realm="r", Digest nonce="n"'],
    ['a parameter given twice', 'Digest realm="r", REALM="s"'],
    ['a value that is neither token nor quoted-string', 'Digest uri=sip:a@b'],
    ['an unterminated quoted-string', 'Digest realm="r'],
    ['a token68 (not SIP grammar)', 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='],
    ['nothing', '  '],
  ])('refuses %s', (_, text) => {
    expect(errorOf(parseAuthValues(text)).code).toBe('SIP_BAD_HEADER');
  });
});

describe('Digest challenges', () => {
  it('reads the RFC 3261 §20.44 example', () => {
    const [challenge] = valueOf(
      parseDigestChallenges(
        'Digest realm="atlanta.com", domain="sip:boxesbybob.com", qop="auth", nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5',
      ),
    );
    expect(challenge).toEqual({
      realm: 'atlanta.com',
      nonce: 'f84f1cec41e6cbe5aea9c8e88d359',
      algorithm: 'MD5',
      qop: ['auth'],
      opaque: '',
      domain: 'sip:boxesbybob.com',
      stale: false,
      params: [],
    });
  });

  it('defaults the algorithm to MD5, reads qop-options as a list and stale ignoring case, keeps other parameters', () => {
    const [challenge] = valueOf(parseDigestChallenges('Digest realm=r, nonce="n", qop="auth-int, auth", stale=TRUE, userhash=true'));
    expect(challenge).toMatchObject({ realm: 'r', algorithm: 'MD5', qop: ['auth-int', 'auth'], stale: true, params: [{ name: 'userhash', value: 'true' }] });
  });

  it('leaves out other schemes', () => {
    expect(valueOf(parseDigestChallenges('Negotiate, Digest realm="r", nonce="n"')).map((c) => c.realm)).toEqual(['r']);
  });

  it('needs realm and nonce', () => {
    expect(errorOf(parseDigestChallenges('Digest realm="r"')).code).toBe('SIP_BAD_HEADER');
    expect(errorOf(readDigestChallenge({ scheme: 'Basic', params: [] })).code).toBe('SIP_BAD_HEADER');
  });

  it('formats with quoted realm, nonce, opaque and qop, and token algorithm and stale; reads back the same', () => {
    const challenge: DigestChallenge = {
      realm: 'gw "one"',
      nonce: 'abc',
      algorithm: 'SHA-256',
      qop: ['auth'],
      opaque: 'xyz',
      stale: true,
      params: [{ name: 'charset', value: 'UTF-8' }],
    };
    const text = formatDigestChallenge(challenge);
    expect(text).toBe('Digest realm="gw \\"one\\"", nonce="abc", opaque="xyz", stale=true, algorithm=SHA-256, qop="auth", charset=UTF-8');
    expect(valueOf(parseDigestChallenges(text))).toEqual([challenge]);
  });
});

describe('Digest credentials', () => {
  it('reads the RFC 3261 §20.7 example, given the uri it abbreviates away', () => {
    const credentials = valueOf(
      parseDigestCredentials(
        'Digest username="Alice", realm="atlanta.com", nonce="84a4cc6f3082121f32b42a2187831a9e", uri="sip:bob@biloxi.com", response="7587245234b3434cc3412213e5f113a5432"',
      ),
    );
    expect(credentials).toEqual({
      username: 'Alice',
      realm: 'atlanta.com',
      nonce: '84a4cc6f3082121f32b42a2187831a9e',
      uri: 'sip:bob@biloxi.com',
      response: '7587245234b3434cc3412213e5f113a5432',
      params: [],
    });
  });

  it('formats with quoted strings and token algorithm, qop and nc; reads back the same', () => {
    const credentials: DigestCredentials = {
      username: 'pbx1',
      realm: 'gw',
      nonce: 'n',
      uri: 'sip:gw.example.net',
      response: 'ab12',
      algorithm: 'SHA-256',
      cnonce: 'c',
      opaque: 'o',
      qop: 'auth',
      nc: '0000000a',
      params: [],
    };
    const text = formatDigestCredentials(credentials);
    expect(text).toBe(
      'Digest username="pbx1", realm="gw", nonce="n", uri="sip:gw.example.net", response="ab12", algorithm=SHA-256, cnonce="c", opaque="o", qop=auth, nc=0000000a',
    );
    expect(valueOf(parseDigestCredentials(text))).toEqual(credentials);
  });

  it('gives undefined for another scheme', () => {
    expect(valueOf(parseDigestCredentials('Other token=abc'))).toBeUndefined();
  });

  it.each([
    ['no username', 'Digest realm="r", nonce="n", uri="sip:a", response="00"'],
    ['a response that is not hex', 'Digest username="u", realm="r", nonce="n", uri="sip:a", response="xyz"'],
    ['an nc that is not 8 hex digits', 'Digest username="u", realm="r", nonce="n", uri="sip:a", response="00", nc=1'],
    ['two credentials in one field', 'Digest username="u", realm="r", nonce="n", uri="sip:a", response="00", Digest username="v"'],
  ])('refuses %s', (_, text) => {
    expect(errorOf(parseDigestCredentials(text)).code).toBe('SIP_BAD_HEADER');
  });
});
