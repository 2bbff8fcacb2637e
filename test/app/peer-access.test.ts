// PeerAccess: which peer a request belongs to, by ACL and digest, with a real DigestClient
// answering the challenges.
import { describe, expect, it } from 'vitest';
import { validateConfig, type PeerConfig } from '../../src/config/index.js';
import { FakeClock } from '../../src/core/clock.js';
import { PeerAccess, type AccessDecision } from '../../src/app/peer-access.js';
import { DigestClient } from '../../src/sip/auth/index.js';
import { responseTo } from '../../src/sip/registrar/index.js';
import { request, withFields } from '../sip/auth/support.js';

const PEERS = `peers:
  pbx:
    address: 127.0.0.1:5070
    acl: [127.0.0.1/32, 10.1.0.0/16]
  secure:
    address: 192.0.2.7
    acl: [192.0.2.0/24]
    auth: { inbound: { username: alice, password: wonderland } }
  roaming:
    address: 198.51.100.1
    auth: { inbound: { username: bob, password: builder, realm: roam.example } }
  v6:
    address: '[2001:db8::1]:5060'
    acl: ['2001:db8::/32']
`;

function peers(text = PEERS): PeerConfig[] {
  const gateway = 'gateway:\n  nodeId: gw1\n  sip: { listen: { udp: [127.0.0.1:5060] } }\n  cdr: { spoolDir: cdr }\n';
  const result = validateConfig([
    { path: 'gateway.yaml', text: gateway },
    { path: 'peers.yaml', text },
  ]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return [...result.config.peers];
}

const URI = 'sip:+4930123@gw.example.net';
const access = () => new PeerAccess({ peers: peers(), clock: new FakeClock(1_000_000) });
const peerOf = (d: AccessDecision) => (d.ok ? d.peer.name : `${d.status} ${d.by}`);

/** The INVITE from `address`, challenged, then sent again with `username`/`password` answering the challenge. */
function answered(a: PeerAccess, address: string, username: string, password: string): AccessDecision {
  const first = request('INVITE', URI);
  const refused = a.identify(first, address);
  if (refused.ok) throw new Error('not challenged');
  const client = new DigestClient({ credentials: () => ({ username, password }) });
  const fields = client.answer(first, responseTo(first, refused.status, refused.reason, refused.headers));
  if (!fields.ok) throw new Error(fields.error.message);
  return a.identify(withFields(request('INVITE', URI, [], 2), fields.value), address);
}

describe('PeerAccess', () => {
  it('takes a request from an address in a peer ACL as that peer, IPv4 and IPv6', () => {
    const a = access();
    expect(peerOf(a.identify(request('INVITE', URI), '127.0.0.1'))).toBe('pbx');
    expect(peerOf(a.identify(request('INVITE', URI), '10.1.200.3'))).toBe('pbx');
    expect(peerOf(a.identify(request('INVITE', URI), '2001:db8:0:1::9'))).toBe('v6');
  });

  it('refuses a source no ACL holds with 403 when no peer may come from anywhere', () => {
    const only = new PeerAccess({ peers: peers().filter((p) => p.name !== 'roaming'), clock: new FakeClock() });
    const d = only.identify(request('INVITE', URI), '203.0.113.9');
    expect(d).toMatchObject({ ok: false, by: 'acl', status: 403, headers: [], stranger: true });
  });

  it('marks only a source no peer may come from as a stranger: not credentials used from outside their peer\'s ACL', () => {
    const shared = `peers:
  secure: { address: 192.0.2.7, acl: [192.0.2.0/24], auth: { inbound: { username: alice, password: wonderland, realm: r.example } } }
  roaming: { address: 198.51.100.1, auth: { inbound: { username: bob, password: builder, realm: r.example } } }
`;
    const d = answered(new PeerAccess({ peers: peers(shared), clock: new FakeClock(1_000_000) }), '203.0.113.9', 'alice', 'wonderland');
    expect(d).toMatchObject({ ok: false, by: 'acl', status: 403, detail: 'user alice (peer secure) may not send from 203.0.113.9' });
    expect(d).not.toHaveProperty('stranger');
    expect(access().identify(request('INVITE', URI), '203.0.113.9')).not.toHaveProperty('stranger');
  });

  it('challenges an INVITE without credentials with 401 and WWW-Authenticate (SHA-256, then MD5)', () => {
    const d = access().identify(request('INVITE', URI), '192.0.2.7');
    expect(d).toMatchObject({ ok: false, by: 'auth', status: 401, code: 'GW_ERR_SIP_AUTH_MISSING' });
    const challenges = d.ok ? [] : d.headers.map((h) => `${h.name}: ${/algorithm=([\w-]+)/.exec(h.value)?.[1]}`);
    expect(challenges).toEqual(['WWW-Authenticate: SHA-256', 'WWW-Authenticate: MD5']);
  });

  it('takes an INVITE with the right credentials as the peer they belong to', () => {
    expect(peerOf(answered(access(), '192.0.2.7', 'alice', 'wonderland'))).toBe('secure');
    const roaming = answered(access(), '203.0.113.9', 'bob', 'builder');
    expect(roaming).toMatchObject({ ok: true, username: 'bob' });
    expect(peerOf(roaming)).toBe('roaming');
  });

  it('refuses a wrong password with 401 and a fresh challenge', () => {
    const d = answered(access(), '192.0.2.7', 'alice', 'looking-glass');
    expect(d).toMatchObject({ ok: false, by: 'auth', status: 401, code: 'GW_ERR_SIP_AUTH_BAD_RESPONSE' });
  });

  it('from outside every ACL, challenges only in the realms of peers that may come from anywhere', () => {
    const a = access();
    const first = request('INVITE', URI);
    const refused = a.identify(first, '203.0.113.9');
    expect(refused).toMatchObject({ ok: false, status: 401 });
    // alice's realm is the node id, bob's is roam.example: from 203.0.113.9 only bob may come.
    expect(refused.ok ? [] : refused.headers.map((h) => /realm="([^"]+)"/.exec(h.value)?.[1])).toEqual(['roam.example', 'roam.example']);
  });

  it('does not challenge requests other than INVITE', () => {
    expect(peerOf(access().identify(request('OPTIONS', URI), '192.0.2.7'))).toBe('secure');
  });
});
