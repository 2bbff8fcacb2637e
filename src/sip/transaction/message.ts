// ADAPTER POINT. What the transaction layer (RFC 3261 §17) reads from a SIP message, what it
// asks the message layer to build, and how it reaches the wire. The transaction layer depends on
// nothing else of src/sip/message: an adapter maps the parser's message type onto TxRequest /
// TxResponse (keeping the parsed message as `payload`) and implements TxMessageFactory. That
// adapter is the only code to write when the parser lands.

/** The fields both requests and responses carry. Strings are compared as they are given. */
interface TxCommon<P> {
  /** `branch` parameter of the top Via, if any. */
  readonly branch?: string;
  /** sent-by (host[:port]) of the top Via, in one canonical form (RFC 3261 §17.2.3). */
  readonly sentBy: string;
  /**
   * The whole top Via in a canonical form, compared for RFC 2543 matching (RFC 3261 §17.2.3);
   * empty when the branch has the magic cookie (such a message is never matched that way).
   */
  readonly topVia: string;
  readonly cseq: { readonly seq: number; readonly method: string };
  readonly callId: string;
  readonly fromTag?: string;
  readonly toTag?: string;
  /** The message itself, opaque to this layer: the parser's type, or the octets to send. */
  readonly payload: P;
}

export interface TxRequest<P> extends TxCommon<P> {
  readonly kind: 'request';
  readonly method: string;
  /**
   * The Request-URI in a canonical form, so that equal URIs (RFC 3261 §19.1.4) are equal strings,
   * compared for RFC 2543 matching; empty when the branch has the magic cookie.
   */
  readonly requestUri: string;
}

export interface TxResponse<P> extends TxCommon<P> {
  readonly kind: 'response';
  /** 100-699, as the parser guarantees. */
  readonly status: number;
}

export type TxMessage<P> = TxRequest<P> | TxResponse<P>;

/** Where a message goes to or came from. `reliable`: TCP, TLS, SCTP, WS (RFC 3261 §17, Table 4). */
export interface TxTarget {
  readonly transport: string;
  readonly host: string;
  readonly port: number;
  readonly reliable: boolean;
}

/**
 * Hands a message to the transport (RFC 3261 §18). A failure to send, now or later, is reported
 * through `onError`; the transaction then informs the TU (RFC 3261 §17.1.4, §17.2.4).
 */
export type TxSend<P> = (message: TxMessage<P>, target: TxTarget, onError: (reason: string) => void) => void;

/** The messages the transaction layer builds itself. */
export interface TxMessageFactory<P> {
  /** RFC 3261 §17.1.1.3: the ACK for a 300-699 response to `invite`. */
  ack(invite: TxRequest<P>, response: TxResponse<P>): TxRequest<P>;
  /** RFC 3261 §17.2.1, §8.2.6: the 100 (Trying) to `invite` (To tag: SHOULD NOT be added). */
  trying(invite: TxRequest<P>): TxResponse<P>;
  /**
   * What an INVITE server transaction keeps of `invite` once its final response is sent (it lives
   * on for Timer L, H or I): its fields, except that with the magic cookie (matched by branch,
   * sent-by and method) the top Via and Request-URI, which only RFC 2543 matching reads, are empty;
   * and no message: nothing answers the INVITE after its final response (a 2xx is retransmitted
   * as sent), so neither the message nor its body is held meanwhile.
   */
  settled(invite: TxRequest<P>): TxRequest<P>;
}
