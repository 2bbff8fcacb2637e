// DigestChallenger against DigestClient and hand-made credentials: round trips for every
// algorithm, then each way a request fails: replay, stale, wrong realm, user or password,
// tampered or foreign nonce, malformed credentials, another uri, an algorithm not offered.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import {
  AuthBadNonce,
  AuthBadResponse,
  AuthMalformed,
  AuthMissing,
  AuthReplay,
  AuthStale,
  AuthUnknownUser,
  AuthUnsupported,
  AuthUriMismatch,
  AuthWrongRealm,
  DigestChallenger,
  DigestClient,
  digestResponse,
  formatDigestCredentials,
  parseDigestChallenges,
  type AuthFailure,
  type DigestAlgorithm,
  type DigestChallengerOptions,
  type DigestCredentials,
} from '../../../src/sip/auth/index.js';
import { fieldValues, type SipRequest } from '../../../src/sip/message/index.js';
import { failure, request, responseWith, unwrap, withFields } from './support.js';

const REALM = 'gw.example.net';
const URI = 'sip:gw.example.net';
const ACCOUNTS: Record<string, { id: string; password: string }> = { pbx1: { id: 'acct-1', password: 's3cret' } };

function setup(options: Partial<DigestChallengerOptions> = {}, password = 's3cret') {
  const clock = new FakeClock(1_000_000);
  const challenger = new DigestChallenger({ realm: REALM, clock, lookup: (u) => ACCOUNTS[u], ...options });
  const client = new DigestClient({ credentials: (realm) => (realm === REALM ? { username: 'pbx1', password } : undefined) });
  /** The request, challenged, then re-sent with the client's credentials (CSeq 2). */
  const answered = (first: SipRequest = request('REGISTER', URI)): SipRequest => {
    const denied = failure(challenger.authenticate(first));
    const fields = unwrap(client.answer(first, responseWith(denied.status, denied.headers)));
    return withFields(request(first.method, first.uri, [], 2), fields);
  };
  return { clock, challenger, client, answered };
}

/** The challenges of a failure, read. */
function challenges(failed: AuthFailure) {
  return failed.headers.flatMap((h) => unwrap(parseDigestChallenges(h.value)));
}

function expectChallenge(failed: AuthFailure, code: string, stale = false): void {
  expect(failed.error.code).toBe(code);
  expect([failed.status, failed.reason]).toEqual([401, 'Unauthorized']);
  expect(new Set(challenges(failed).map((c) => c.stale))).toEqual(new Set([stale]));
}

/** Hand-made credentials with a right response for `nonce`, changed by `change`. */
function credentials(nonce: string, change: Partial<DigestCredentials> = {}, algorithm: DigestAlgorithm = 'MD5'): string {
  const base = { username: 'pbx1', realm: REALM, nonce, uri: URI, algorithm, cnonce: 'c1', qop: 'auth', nc: '00000001', params: [] };
  const response = digestResponse({ ...base, password: 's3cret', method: 'REGISTER', qop: { nc: '00000001', cnonce: 'c1' } });
  return formatDigestCredentials({ ...base, response, ...change });
}

describe('DigestChallenger: challenges', () => {
  it('challenges a request without credentials: 401, one challenge per algorithm offered, one nonce, qop=auth', () => {
    const { challenger } = setup();
    const failed = failure(challenger.authenticate(request('REGISTER', URI)));
    expectChallenge(failed, AuthMissing.code);
    expect(failed.headers.map((h) => h.name)).toEqual(['WWW-Authenticate', 'WWW-Authenticate']);
    const [sha, md5] = challenges(failed);
    expect(sha).toMatchObject({ realm: REALM, algorithm: 'SHA-256', qop: ['auth'] });
    expect(md5).toMatchObject({ realm: REALM, algorithm: 'MD5', nonce: sha?.nonce });
  });

  it('as a proxy, answers 407 with Proxy-Authenticate and reads only Proxy-Authorization', () => {
    const { challenger, client } = setup({ role: 'proxy' });
    const first = request('INVITE', 'sip:+15551234@gw.example.net');
    const denied = failure(challenger.authenticate(first));
    expect([denied.status, denied.reason, denied.headers[0]?.name]).toEqual([407, 'Proxy Authentication Required', 'Proxy-Authenticate']);
    const fields = unwrap(client.answer(first, responseWith(407, denied.headers)));
    expect(fields.map((f) => f.name)).toEqual(['Proxy-Authorization']);
    const retry = withFields(request('INVITE', first.uri, [], 2), fields);
    expect(unwrap(challenger.authenticate(retry)).account).toBe('acct-1');
    const asUas = withFields(request('INVITE', first.uri, [], 3), fields.map((f) => ({ ...f, name: 'Authorization' })));
    expect(failure(challenger.authenticate(asUas)).error.code).toBe(AuthMissing.code);
  });

  it('refuses to offer no algorithm', () => {
    expect(() => setup({ algorithms: [] })).toThrow(RangeError);
  });
});

describe('DigestChallenger: round trips', () => {
  it('authenticates the client\'s answer with the strongest algorithm offered', () => {
    const { challenger, answered } = setup();
    expect(unwrap(challenger.authenticate(answered()))).toEqual({ account: 'acct-1', username: 'pbx1', algorithm: 'SHA-256' });
  });

  it.each(['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'] as const)('authenticates %s', (algorithm) => {
    const { challenger, answered } = setup({ algorithms: [algorithm] });
    expect(unwrap(challenger.authenticate(answered())).algorithm).toBe(algorithm);
  });

  it('accepts a UTF-8 username and password and gives the username as text', () => {
    const lookup = (u: string) => (u === 'jürgen' ? { id: 'acct-2', password: 'pässwörd' } : undefined);
    const challenger = new DigestChallenger({ realm: 'réalm', clock: new FakeClock(0), lookup });
    const client = new DigestClient({ credentials: (realm) => (realm === 'réalm' ? { username: 'jürgen', password: 'pässwörd' } : undefined) });
    const first = request('REGISTER', URI);
    const denied = failure(challenger.authenticate(first));
    const retry = withFields(request('REGISTER', URI, [], 2), unwrap(client.answer(first, responseWith(401, denied.headers))));
    expect(unwrap(challenger.authenticate(retry))).toMatchObject({ account: 'acct-2', username: 'jürgen' });
  });

  it('accepts later requests with the next nonce count, and a nonce of another challenger sharing the key', () => {
    const key = new Uint8Array(32).fill(1);
    const { challenger, client, answered } = setup({ key });
    expect(unwrap(challenger.authenticate(answered())).account).toBe('acct-1');
    const next = request('REGISTER', URI, [], 3);
    const fields = client.authorize(next);
    expect(fields[0]?.value).toContain('nc=00000002');
    const other = new DigestChallenger({ realm: REALM, clock: new FakeClock(1_000_000), lookup: (u) => ACCOUNTS[u], key });
    expect(unwrap(other.authenticate(withFields(next, fields))).account).toBe('acct-1');
  });
});

describe('DigestChallenger: failures', () => {
  it('refuses a replay (the same nonce count again, or a lower one) with stale=true', () => {
    const { challenger, client, answered } = setup();
    const retry = answered();
    unwrap(challenger.authenticate(retry));
    expectChallenge(failure(challenger.authenticate(retry)), AuthReplay.code, true);
    const third = request('REGISTER', URI, [], 3);
    unwrap(challenger.authenticate(withFields(third, client.authorize(third))));
    expectChallenge(failure(challenger.authenticate(retry)), AuthReplay.code, true);
  });

  it('answers an expired nonce with stale=true when the response is right, and the client retries at once', () => {
    const { clock, challenger, client, answered } = setup();
    const retry = answered();
    clock.advance(300_001);
    const stale = failure(challenger.authenticate(retry));
    expectChallenge(stale, AuthStale.code, true);
    const fields = unwrap(client.answer(retry, responseWith(401, stale.headers)));
    expect(unwrap(challenger.authenticate(withFields(request('REGISTER', URI, [], 3), fields))).account).toBe('acct-1');
  });

  it('answers an expired nonce with a wrong response as a wrong response, not stale', () => {
    const { clock, challenger, answered } = setup({}, 'wrong');
    const retry = answered();
    clock.advance(300_001);
    expectChallenge(failure(challenger.authenticate(retry)), AuthBadResponse.code);
  });

  it('refuses a wrong password, an unknown user and credentials only for another realm', () => {
    const wrong = setup({}, 'wrong');
    expectChallenge(failure(wrong.challenger.authenticate(wrong.answered())), AuthBadResponse.code);
    const nobody = setup({ lookup: () => undefined });
    expectChallenge(failure(nobody.challenger.authenticate(nobody.answered())), AuthUnknownUser.code);
    const other = setup({ realm: 'other.example.net' });
    const client = new DigestClient({ credentials: () => ({ username: 'pbx1', password: 's3cret' }) });
    const first = request('REGISTER', URI);
    const fields = unwrap(client.answer(first, responseWith(401, failure(other.challenger.authenticate(first)).headers)));
    const failed = failure(setup().challenger.authenticate(withFields(first, fields)));
    expectChallenge(failed, AuthWrongRealm.code);
    expect(failed.error.message).toContain('other.example.net');
  });

  it('picks the credentials for its realm among others', () => {
    const { challenger, answered } = setup();
    const retry = answered();
    const foreign = { name: 'Authorization', value: credentials('x').replace(`realm="${REALM}"`, 'realm="elsewhere"') };
    expect(unwrap(challenger.authenticate({ ...retry, headers: [...retry.headers.slice(0, -1), foreign, ...retry.headers.slice(-1)] })).account).toBe('acct-1');
  });

  it('refuses a tampered nonce even with a response computed for it', () => {
    const { challenger, client } = setup();
    const first = request('REGISTER', URI);
    const denied = failure(challenger.authenticate(first));
    const nonce = challenges(denied)[0]?.nonce ?? '';
    const tampered = `${nonce.slice(0, 10)}${nonce[10] === 'A' ? 'B' : 'A'}${nonce.slice(11)}`;
    const headers = denied.headers.map((h) => ({ ...h, value: h.value.replace(nonce, tampered) }));
    const fields = unwrap(client.answer(first, responseWith(401, headers)));
    expectChallenge(failure(challenger.authenticate(withFields(request('REGISTER', URI, [], 2), fields))), AuthBadNonce.code);
  });

  it('refuses a nonce of another challenger', () => {
    const { answered } = setup();
    expectChallenge(failure(setup().challenger.authenticate(answered())), AuthBadNonce.code);
  });

  it('answers malformed credentials, or no nc and cnonce with qop, with 400 and no challenge', () => {
    const { challenger } = setup();
    for (const value of ['Digest username="pbx1"', credentials('n', { nc: undefined }), credentials('n', { cnonce: undefined })]) {
      const failed = failure(challenger.authenticate(request('REGISTER', URI, [`Authorization: ${value}`])));
      expect([failed.error.code, failed.status, failed.reason, failed.headers]).toEqual([AuthMalformed.code, 400, 'Bad Request', []]);
    }
  });

  it('answers credentials for another uri with 400', () => {
    const { challenger } = setup();
    const nonce = challenges(failure(challenger.authenticate(request('REGISTER', URI))))[0]?.nonce ?? '';
    const failed = failure(challenger.authenticate(request('REGISTER', URI, [`Authorization: ${credentials(nonce, { uri: 'sip:other.example.net' })}`])));
    expect([failed.error.code, failed.status]).toEqual([AuthUriMismatch.code, 400]);
  });

  it('refuses an algorithm not offered, and the RFC 2069 form (no qop)', () => {
    const { challenger } = setup({ algorithms: ['SHA-256'] });
    const nonce = challenges(failure(challenger.authenticate(request('REGISTER', URI))))[0]?.nonce ?? '';
    for (const value of [credentials(nonce), credentials(nonce, { algorithm: 'SHA-512-256' }), credentials(nonce, { qop: undefined }, 'SHA-256')]) {
      expectChallenge(failure(challenger.authenticate(request('REGISTER', URI, [`Authorization: ${value}`]))), AuthUnsupported.code);
    }
  });

  it('compares responses of any length or case without throwing', () => {
    const { challenger, answered } = setup();
    const retry = answered();
    const value = fieldValues(retry.headers, 'Authorization')[0] ?? '';
    const upper = value.replace(/response="([0-9a-f]+)"/, (_, hex: string) => `response="${hex.toUpperCase()}"`);
    const short = value.replace(/response="([0-9a-f]+)"/, 'response="abcd"');
    const base = retry.headers.filter((h) => h.name !== 'Authorization');
    expect(failure(challenger.authenticate({ ...retry, headers: [...base, { name: 'Authorization', value: short }] })).error.code).toBe(AuthBadResponse.code);
    expect(unwrap(challenger.authenticate({ ...retry, headers: [...base, { name: 'Authorization', value: upper }] })).account).toBe('acct-1');
  });
});
