// Which configured peer a request comes from (docs/operations.md "Access"): its source address
// against each peer's ACL (CIDR prefixes), then, for peers with inbound credentials, RFC 3261
// §22 digest authentication of INVITEs by a DigestChallenger per realm (role uas: 401 and
// WWW-Authenticate). A source no peer admits gets 403 (a stranger: gateway.sip.strangers may
// drop it); credentials that do not authenticate get the challenger's 401 (or 400 for malformed
// ones). Pure apart from the injected clock.
import { BlockList, isIPv6 } from 'node:net';
import type { PeerConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import { DigestChallenger, type DigestAlgorithm } from '../sip/auth/index.js';
import type { HeaderField, SipRequest } from '../sip/message/index.js';

/** Why a request was refused before it reached call control; `refusedBy` of the CDR. */
export type RefusedBy = 'acl' | 'auth';

export type AccessDecision =
  | { readonly ok: true; readonly peer: PeerConfig; readonly username?: string }
  | {
      readonly ok: false;
      readonly by: RefusedBy;
      readonly status: 400 | 401 | 403 | 407;
      readonly reason: string;
      readonly headers: readonly HeaderField[];
      /** for the log: the authentication error code (GW_ERR_SIP_AUTH_*), and what was wrong */
      readonly code?: string;
      readonly detail: string;
      /** no peer's ACL admits the source (gateway.sip.strangers decides whether it is answered) */
      readonly stranger?: boolean;
    };

export interface PeerAccessOptions {
  readonly peers: readonly PeerConfig[];
  readonly clock: Clock;
  /** offered in this order (default SHA-256 then MD5, RFC 8760) */
  readonly algorithms?: readonly DigestAlgorithm[];
}

/** Methods whose requests are challenged when the peer has inbound credentials. */
const CHALLENGED = new Set(['INVITE']);

/** The ACL of a peer as a node:net BlockList (IPv4 and IPv6 prefixes, or single addresses). */
function aclOf(acl: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of acl) {
    const [address = '', prefix] = entry.split('/');
    const family = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function forbidden(detail: string, stranger = false): AccessDecision {
  return { ok: false, by: 'acl', status: 403, reason: 'Forbidden', headers: [], detail, ...(stranger ? { stranger } : {}) };
}

interface PeerEntry {
  readonly peer: PeerConfig;
  readonly acl: BlockList | undefined;
}

export class PeerAccess {
  readonly #entries: PeerEntry[];
  readonly #challengers = new Map<string, DigestChallenger>();

  constructor(options: PeerAccessOptions) {
    this.#entries = options.peers.map((peer) => ({ peer, acl: peer.acl.length === 0 ? undefined : aclOf(peer.acl) }));
    const realms = new Map<string, PeerConfig[]>();
    for (const peer of options.peers) {
      const inbound = peer.auth.inbound;
      if (inbound !== undefined) realms.set(inbound.realm, [...(realms.get(inbound.realm) ?? []), peer]);
    }
    for (const [realm, peers] of realms) {
      const lookup = (username: string) => {
        const peer = peers.find((p) => p.auth.inbound?.username === username);
        return peer?.auth.inbound === undefined ? undefined : { id: peer.name, password: peer.auth.inbound.password };
      };
      this.#challengers.set(realm, new DigestChallenger({ realm, lookup, clock: options.clock, ...(options.algorithms === undefined ? {} : { algorithms: options.algorithms }) }));
    }
  }

  /**
   * The peer `request` from `address` belongs to. Peers whose ACL holds the address come first,
   * in configuration order; a peer without an ACL (credentials only) admits any address. Of
   * these, a peer without inbound credentials is taken as it is; otherwise the request must
   * authenticate as one of them (INVITE only: other requests are taken as the first candidate's).
   */
  identify(request: SipRequest, address: string): AccessDecision {
    // The transport gives addresses in canonical form: an IPv6 one is the only kind with a colon.
    const family = address.includes(':') ? 'ipv6' : 'ipv4';
    const matched = this.#entries.filter((e) => e.acl?.check(address, family) === true).map((e) => e.peer);
    const open = this.#entries.filter((e) => e.acl === undefined).map((e) => e.peer);
    const candidates = [...matched, ...open];
    const first = candidates[0];
    if (first === undefined) return forbidden(`${address} matches no peer's acl`, true);
    const trusted = candidates.find((p) => p.auth.inbound === undefined);
    if (trusted !== undefined) return { ok: true, peer: trusted };
    if (!CHALLENGED.has(request.method)) return { ok: true, peer: first };
    return this.#authenticate(request, candidates, address);
  }

  #authenticate(request: SipRequest, candidates: readonly PeerConfig[], address: string): AccessDecision {
    const failures: AccessDecision[] = [];
    for (const realm of new Set(candidates.map((p) => p.auth.inbound?.realm))) {
      const auth = realm === undefined ? undefined : this.#challengers.get(realm)?.authenticate(request);
      if (auth === undefined) continue;
      if (!auth.ok) {
        const { error, status, reason, headers } = auth.error;
        failures.push({ ok: false, by: 'auth', status, reason, headers, code: error.code, detail: error.message });
        continue;
      }
      const peer = candidates.find((p) => p.name === auth.value.account);
      if (peer !== undefined) return { ok: true, peer, username: auth.value.username };
      return forbidden(`user ${auth.value.username} (peer ${auth.value.account}) may not send from ${address}`);
    }
    return failures[0] ?? forbidden(`${address}: no realm to authenticate in`);
  }
}
