// Answering a 401 or 407 to a request this UA sent (RFC 3261 §8.1.3.5, §22.2, §22.3; RFC 7616):
// the request is sent again once, in a new client transaction (new branch, CSeq one higher, same
// Call-ID and From tag), with the Authorization or Proxy-Authorization fields the DigestClient
// computes. A challenge it cannot or must not answer (no credentials for the realm, or the realm
// challenged again credentials it already sent without stale=true) reaches the handler as the
// final response it is. The transaction layer ACKs the 401/407 of an INVITE as for any non-2xx.
import type { DigestClient } from '../auth/client.js';
import type { HeaderField, SipRequest, SipResponse } from '../message/index.js';
import type { TxTarget } from '../transaction/message.js';
import { viaField } from './builders.js';
import type { ClientHandler, UaCore } from './core.js';

/** How to retry one request after a challenge. */
export interface ChallengeRetry {
  readonly client: DigestClient;
  /** the CSeq number of the retried request (the call's or dialog's next one) */
  readonly nextSeq: () => number;
  /** the retried request, just before it is sent (e.g. to CANCEL or ACK it later) */
  readonly retried?: (request: SipRequest) => void;
  /** false once the retry no longer makes sense (e.g. the call is being cancelled) */
  readonly proceed?: () => boolean;
}

/** At most one retry per request, and one more only for a challenge marked stale=true. */
const MAX_RETRIES = 2;

const CREDENTIALS = { 401: 'authorization', 407: 'proxy-authorization' } as const;

/**
 * `request` with a fresh top Via branch, CSeq `seq`, and `fields` in place of the request's own
 * credentials of the same header (those of the other header, answering another hop, stay).
 */
export function retriedRequest(core: UaCore, request: SipRequest, status: 401 | 407, seq: number, fields: readonly HeaderField[]): SipRequest {
  const replaced = CREDENTIALS[status];
  let via = false;
  const headers: HeaderField[] = [];
  for (const field of request.headers) {
    const name = field.name.toLowerCase();
    if (name === replaced) continue;
    if ((name === 'via' || name === 'v') && !via) {
      via = true;
      headers.push(viaField(core.local, core.ids.branch()));
    } else if (name === 'cseq') headers.push({ name: field.name, value: `${seq} ${request.method}` });
    else headers.push(field);
  }
  // Credentials go after the last Via-to-Contact block, before the body's headers: order is free (§7.3.1).
  const bodyAt = headers.findIndex((f) => f.name.toLowerCase().startsWith('content-'));
  headers.splice(bodyAt === -1 ? headers.length : bodyAt, 0, ...fields);
  return { ...request, headers };
}

/**
 * Sends `request` through the core; a 401/407 final response is answered with `retry.client`
 * and the request sent again, the handler seeing only the responses of the last attempt.
 */
export function requestWithAuth(core: UaCore, request: SipRequest, target: TxTarget, handler: ClientHandler, retry: ChallengeRetry | undefined): void {
  if (retry === undefined) {
    core.request(request, target, handler);
    return;
  }
  let current = request;
  let retries = 0;
  const wrapped: ClientHandler = {
    response: (response: SipResponse) => {
      const status = response.status;
      if ((status === 401 || status === 407) && retries < MAX_RETRIES && (retry.proceed?.() ?? true)) {
        const fields = retry.client.answer(current, response);
        if (fields.ok) {
          retries += 1;
          current = retriedRequest(core, current, status, retry.nextSeq(), fields.value);
          retry.retried?.(current);
          core.request(current, target, wrapped);
          return;
        }
      }
      handler.response(response);
    },
    failure: (error) => handler.failure(error),
  };
  core.request(request, target, wrapped);
}
