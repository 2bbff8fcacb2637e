// The requests a call sends within its dialog (RFC 3261 §12.2.1.1, §13.2.2.4): the dialog part
// from the Dialog, then this UA's Via (a fresh branch), Max-Forwards, Contact, Allow and
// Supported on target refresh requests, and the body; the ACK for a 2xx; and the status a
// transaction failure stands for (§8.1.3.1).
import type { GwError } from '../../core/errors.js';
import { ok, type Result } from '../../core/result.js';
import type { Dialog } from '../dialog/dialog.js';
import { fieldValues, parseTokenList, type SipMessage, type SipRequest } from '../message/index.js';
import type { TxTarget } from '../transaction/message.js';
import { encodeBody, sdpString, type ReceivedBody } from './body.js';
import { contactField, viaField } from './builders.js';
import { allowField, supportedField } from './capabilities.js';
import type { UaCore } from './core.js';
import { SipStatusError } from './errors.js';
import { ownString } from '../../core/strings.js';
import type { RequestOptions } from './session-events.js';

export interface Outgoing {
  readonly request: SipRequest;
  readonly target: TxTarget;
}

/** `method` with CSeq `seq` in `dialog`; Contact, Allow, Supported on INVITE and UPDATE (target refreshes). */
export function inDialogRequest(core: UaCore, dialog: Dialog, method: string, seq: number, options: RequestOptions): Result<Outgoing, GwError> {
  const part = dialog.request(method, seq);
  const target = core.targetOf(part.nextHop);
  if (!target.ok) return target;
  const ack = method === 'ACK';
  const body = encodeBody(options, core.ids.boundary);
  const refresh = method === 'INVITE' || method === 'UPDATE' ? [contactField(core.local), allowField(), supportedField()] : [];
  const headers = [
    viaField(core.local, core.ids.branch()),
    { name: 'Max-Forwards', value: '70' },
    ...part.headers,
    ...refresh,
    ...(ack ? [] : [{ name: 'User-Agent', value: core.product }]),
    ...(options.headers ?? []),
    ...body.headers,
  ];
  return ok({ request: { kind: 'request', method, uri: part.uri, headers, body: body.body }, target: target.value });
}


/** No body, or only the SDP last received: a session refresh, answered without asking the layer above. */
export function refreshOnly(body: ReceivedBody, remoteSdp: string | undefined): boolean {
  return body.parts.length === 0 || (body.parts.length === 1 && body.sdp !== undefined && remoteSdp !== undefined && sdpString(body.sdp) === remoteSdp);
}

/** §8.1.3.1: a timeout stands for 408, a transport error for 503. */
export function failureStatus(error: GwError): SipStatusError {
  return new SipStatusError(error.code === 'GW_ERR_TX_TIMEOUT' ? 408 : 503, error.message, undefined, { cause: error });
}

/**
 * The sets of methods seen lately, by their list: a peer sends the same Allow in every INVITE,
 * so its calls share one set instead of each keeping its own for its whole life. Bounded: a
 * peer varying its Allow empties it now and then.
 */
const methodSets = new Map<string, ReadonlySet<string>>();
const METHOD_SETS_MAX = 64;

/** The methods of a message's Allow fields (a set shared by the calls that got the same list); undefined when it has none. */
export function allowedMethods(message: SipMessage): ReadonlySet<string> | undefined {
  const methods = fieldValues(message.headers, 'Allow').flatMap((v) => {
    const list = parseTokenList(v);
    return list.ok ? list.value : [];
  });
  if (methods.length === 0) return undefined;
  const key = methods.join(',');
  let set = methodSets.get(key);
  if (set === undefined) {
    if (methodSets.size >= METHOD_SETS_MAX) methodSets.clear();
    // Own copies of the names: the parsed ones are slices of the whole message text.
    set = new Set(methods.map((m) => ownString(m)));
    methodSets.set(ownString(key), set);
  }
  return set;
}
