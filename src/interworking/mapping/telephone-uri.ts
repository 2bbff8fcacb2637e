// Telephone numbers in URIs: a tel URI (RFC 3966) or a SIP URI whose user part is a
// telephone-subscriber (RFC 3261 §19.1.1, `user=phone`). A SIP user part of digits without
// `user=phone` is taken as a number too, as PBXs commonly send it (Tandem rule). Parameters of
// the number (`;cpc=...`, `;npdi`) come back separately; the cpc parameter is read from them.
import type { Param, SipUri, TelUri, Uri } from '../../sip/message/index.js';
import { getParam } from '../../sip/message/index.js';
import { formatTelNumber, type TelNumber } from './numbering.js';

export interface TelephoneSubscriber {
  /** As written: `+` and digits, or local digits, visual separators included. */
  readonly number: string;
  readonly params: readonly Param[];
}

const PHONE = /^\+?[0-9\-.()]+$/;

/** Splits `number;param=value;flag` (a telephone-subscriber in a SIP user part). */
function splitSubscriber(user: string): TelephoneSubscriber {
  const [number = '', ...rest] = user.split(';');
  const params = rest.map((p): Param => {
    const eq = p.indexOf('=');
    return eq < 0 ? { name: p } : { name: p.slice(0, eq), value: p.slice(eq + 1) };
  });
  return { number, params };
}

/**
 * The telephone number a URI names, or undefined when it names none. With `user=phone` the
 * number is returned even when malformed, so that the caller can reject it (484).
 */
export function telephoneSubscriberOf(uri: Uri): TelephoneSubscriber | undefined {
  if (uri.kind === 'tel') return { number: uri.number, params: uri.params };
  if (uri.kind !== 'sip' || uri.user === undefined) return undefined;
  const sub = splitSubscriber(uri.user);
  if (getParam(uri.params, 'user')?.value?.toLowerCase() === 'phone') return sub;
  return PHONE.test(sub.number) ? sub : undefined;
}

export interface UriStyle {
  /** `tel` URIs, or SIP URIs with `user=phone` at `host`. */
  readonly scheme: 'tel' | 'sip';
  /** Host of SIP URIs. */
  readonly host: string;
  /** phone-context of local numbers (RFC 3966 §5.1.5 requires one), e.g. `+33`. */
  readonly phoneContext: string;
}

/** A URI naming `n`, with `params` (e.g. cpc) after the number. */
export function uriForNumber(n: TelNumber, style: UriStyle, params: readonly Param[] = []): TelUri | SipUri {
  const context: Param[] = n.kind === 'local' ? [{ name: 'phone-context', value: style.phoneContext }] : [];
  const numberParams = [...params, ...context];
  const number = formatTelNumber(n);
  if (style.scheme === 'tel') return { kind: 'tel', number, params: numberParams };
  const user = [number, ...numberParams.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`))].join(';');
  return { kind: 'sip', secure: false, user, host: style.host, params: [{ name: 'user', value: 'phone' }], headers: [] };
}
