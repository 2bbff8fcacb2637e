// The INVITE of a P→S call (RFC 3398 §8.2.1; Q.1912.5): Request-URI and To from the called
// number, From, P-Asserted-Identity and Privacy from the calling identity, Diversion or History-Info
// from the redirection parameters, Max-Forwards from the hop counter (with the peer's ratio), the
// target peer's outbound number rules applied, the circuit's SDP as the offer, and for SIP-I and
// SIP-T peers the IAM as an application/isup part. It goes to the peer's configured address over its
// transport, answering its 401/407 with the peer's outbound digest credentials when it has some.
import type { IsupMessageOf } from 'ss7-isup-codec';
import { DigestClient } from '../../sip/auth/index.js';
import { formatDiversion, formatHistoryInfo, formatNameAddr, formatPrivacy, formatUri, type HeaderField } from '../../sip/message/index.js';
import type { TxTarget } from '../../sip/transaction/message.js';
import type { InviteOptions } from '../../sip/ua/index.js';
import { inviteFromIam, telephoneSubscriberOf, type MappingFailure } from '../mapping/index.js';
import type { Result } from '../../core/result.js';
import { ok } from '../../core/result.js';
import { rewriteIdentity, withNumber } from './invite-facts.js';
import { applyNumberRules } from './routing.js';
import type { SipPeer } from './sip-peer.js';
import type { CallLogger } from './options.js';

export interface OutgoingInvite {
  readonly target: string;
  readonly options: InviteOptions & { readonly nextHop: TxTarget };
  /** as sent, for the CDR */
  readonly called: string;
  readonly calling?: string;
}

/** The INVITE to `peer` for `iam` (its called number complete), offering `sdp`. */
export function outgoingInvite(iam: IsupMessageOf<'IAM'>, peer: SipPeer, sdp: string, log: CallLogger): Result<OutgoingInvite, MappingFailure> {
  const mapped = inviteFromIam(iam, peer.mapping);
  if (!mapped.ok) return mapped;
  const rules = peer.config.numbers.outbound;
  const m = mapped.value;
  const calledNumber = telephoneSubscriberOf(m.requestUri)?.number ?? '';
  const called = applyNumberRules(calledNumber, rules, 'called');
  const target = formatUri(withNumber(m.requestUri, called));
  const from = rewriteIdentity(m.identity.from, rules);
  const pai = m.identity.pai.map((p) => rewriteIdentity(p, rules));
  const headers: HeaderField[] = [
    ...pai.map((p) => ({ name: 'P-Asserted-Identity', value: formatNameAddr(p) })),
    ...(m.identity.privacy.length === 0 ? [] : [{ name: 'Privacy', value: formatPrivacy(m.identity.privacy) }]),
    ...m.diversion.map((d) => ({ name: 'Diversion', value: formatDiversion(d) })),
    ...m.historyInfo.map((h) => ({ name: 'History-Info', value: formatHistoryInfo(h) })),
  ];
  const { address, transport, auth } = peer.config;
  const outbound = auth.outbound;
  const calling = telephoneSubscriberOf((pai[0] ?? from).uri)?.number;
  return ok({
    target,
    called,
    ...(calling === undefined ? {} : { calling }),
    options: {
      from: formatNameAddr(from),
      sdp,
      parts: peer.parts(iam, log),
      headers,
      maxForwards: m.maxForwards,
      ...(outbound === undefined ? {} : { auth: new DigestClient({ credentials: () => outbound }) }),
      nextHop: { transport: transport.toUpperCase(), host: address.host, port: address.port, reliable: transport !== 'udp' },
    },
  });
}
