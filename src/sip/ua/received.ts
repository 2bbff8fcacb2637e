// What the layer above receives: a request or response with its body split into parts.
import type { SipRequest, SipResponse } from '../message/index.js';
import { decodeBodyLeniently, type ReceivedBody } from './body.js';

export interface ReceivedRequest {
  readonly method: string;
  readonly message: SipRequest;
  readonly body: ReceivedBody;
}

export interface ReceivedResponse {
  readonly status: number;
  readonly reason: string;
  readonly message: SipResponse;
  readonly body: ReceivedBody;
}

export function requestView(message: SipRequest, body: ReceivedBody): ReceivedRequest {
  return { method: message.method, message, body };
}

/** A response as received; a body that does not decode is one part of unknown type. */
export function responseView(message: SipResponse): ReceivedResponse {
  return { status: message.status, reason: message.reason, message, body: decodeBodyLeniently(message) };
}
