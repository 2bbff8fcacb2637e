// An incoming INVITE before its S→P call starts: the app layer names the peer it comes from (or
// refuses it), the INVITE is read with the peer's inbound number rules, and a SIP-I or SIP-T
// peer's application/isup part is decoded. A required part that cannot be used refuses the INVITE
// with 400 or 415 and a Warning saying why (isup-body.ts); the call never starts.
import type { ServerCall } from '../../sip/ua/index.js';
import { CallRecord, presentationOf } from './cdr.js';
import type { CallContext } from './context.js';
import { inviteIn } from './invite-facts.js';
import type { CallLogger, PeerDecision } from './options.js';
import { SipPeer } from './sip-peer.js';
import { SipToPstnCall } from './sip-to-pstn-call.js';

export interface IncomingInvite {
  readonly key: string;
  readonly sip: ServerCall;
  readonly decision: PeerDecision;
  readonly ctx: CallContext;
  readonly log: CallLogger;
}

/** The S→P call for `sip`, or undefined when the INVITE was refused (answered, and its CDR ended). */
export function admitInvite({ key, sip, decision, ctx, log }: IncomingInvite): SipToPstnCall | undefined {
  const record = new CallRecord(key, ctx.clock, ctx.onCallEvent);
  const config = decision.kind === 'peer' ? ctx.config.peers.find((p) => p.name === decision.peer) : undefined;
  const started = { type: 'attemptStarted', direction: 'sipToPstn', callId: sip.callId } as const;
  if (config === undefined) {
    const refusal = decision.kind === 'refuse' ? decision : { status: 403, by: 'acl' as const, headers: [] };
    if (decision.kind === 'peer') log.error({ peer: decision.peer }, 'peerOf named a peer the configuration does not have');
    record.step({ ...started, called: sip.invite.message.uri });
    sip.reject(refusal.status, { headers: refusal.headers ?? [] });
    record.refused(refusal.by, { sipStatus: refusal.status });
    return undefined;
  }
  const peer = SipPeer.of(config, ctx.mapping);
  const invite = inviteIn(sip.invite, sip.from, config.numbers.inbound);
  const presentation = presentationOf(invite.presentation);
  record.step({
    ...started,
    sipPeer: peer.name,
    profile: config.profile,
    called: invite.calledIn,
    ...(invite.callingIn === undefined ? {} : { calling: invite.callingIn }),
    ...(presentation === undefined ? {} : { presentation }),
  });
  const isup = peer.read(sip.invite.body, ['IAM']);
  if (!isup.ok) {
    log.info({ status: isup.error.status, detail: isup.error.detail }, 'INVITE refused: ISUP body');
    sip.reject(isup.error.status, { phrase: isup.error.phrase, headers: isup.error.headers });
    record.released('gateway', { sipStatus: isup.error.status });
    return undefined;
  }
  const encapsulated = isup.value?.type === 'IAM' ? (isup.value) : undefined;
  return new SipToPstnCall({ key, sip, peer, invite, encapsulated, ctx, log, record });
}
