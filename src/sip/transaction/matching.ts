// Which transaction a message belongs to: responses to client transactions (RFC 3261 §17.1.3),
// requests to server transactions (§17.2.3, RFC 6026 §8.10) with the fallback for RFC 2543
// requests that carry no magic cookie, and a CANCEL to the INVITE it cancels (§9.2).
import type { TxRequest, TxResponse } from './message.js';

/** Branches of RFC 3261 elements start with it (§8.1.1.7). */
export const MAGIC_COOKIE = 'z9hG4bK';

export function hasMagicCookie(branch: string | undefined): branch is string {
  return branch?.startsWith(MAGIC_COOKIE) === true;
}

/** §17.1.3: a client transaction is named by the top Via branch and the CSeq method (CANCEL shares the branch). */
export function clientKey(branch: string, method: string): string {
  return `${branch} ${method}`;
}

/** The client transaction a response belongs to; undefined: the response has no branch. */
export function responseKey(response: TxResponse<unknown>): string | undefined {
  return response.branch === undefined ? undefined : clientKey(response.branch, response.cseq.method);
}

/**
 * §17.2.3: with the magic cookie, a request matches on branch, sent-by and method, an ACK matching
 * its INVITE. Undefined: an RFC 2543 request, matched by matchesRfc2543() instead.
 */
export function serverKey(request: TxRequest<unknown>): string | undefined {
  if (!hasMagicCookie(request.branch)) return undefined;
  return `${request.branch} ${request.sentBy} ${request.method === 'ACK' ? 'INVITE' : request.method}`;
}

/** §9.2: the key of the INVITE server transaction a CANCEL cancels (its method taken as INVITE). */
export function cancelledKey(cancel: TxRequest<unknown>): string | undefined {
  return serverKey({ ...cancel, method: 'INVITE' });
}

/** The fields every RFC 2543 match compares (§17.2.3): Request-URI, From tag, Call-ID, CSeq number, top Via. */
function sameRfc2543Request(original: TxRequest<unknown>, incoming: TxRequest<unknown>): boolean {
  return (
    incoming.requestUri === original.requestUri &&
    incoming.fromTag === original.fromTag &&
    incoming.callId === original.callId &&
    incoming.cseq.seq === original.cseq.seq &&
    incoming.topVia === original.topVia
  );
}

/**
 * §17.2.3 for requests without the magic cookie. An ACK matches the INVITE that created the
 * transaction if its To tag is that of the response the transaction sent (`responseToTag`);
 * any other request must also have the original's To tag and CSeq method.
 */
export function matchesRfc2543(original: TxRequest<unknown>, responseToTag: string | undefined, incoming: TxRequest<unknown>): boolean {
  if (!sameRfc2543Request(original, incoming)) return false;
  if (incoming.method === 'ACK') return original.method === 'INVITE' && incoming.toTag === responseToTag;
  return incoming.method === original.method && incoming.cseq.method === original.cseq.method && incoming.toTag === original.toTag;
}

/** §9.2: an RFC 2543 CANCEL cancels the INVITE it would match if its method were INVITE. */
export function cancelsRfc2543(invite: TxRequest<unknown>, cancel: TxRequest<unknown>): boolean {
  return invite.method === 'INVITE' && sameRfc2543Request(invite, cancel) && cancel.toTag === invite.toTag;
}
