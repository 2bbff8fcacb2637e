// Route sets and in-dialog routing (RFC 3261 §12.1.1, §12.1.2, §12.2.1.1): the route set is the
// Record-Route of the dialog-creating message (reversed at the UAC), and a request within the
// dialog goes to the remote target through it, with loose (lr) or strict routing (§16.12.1.2).
import { ok, type Result } from '../../core/result.js';
import { formatNameAddr, getParam, parseRoute, readList, type HeaderField, type NameAddr, type SipError, type Uri } from '../message/index.js';

/** Who holds the dialog: the UA that sent the dialog-creating request (UAC) or answered it (UAS). */
export type DialogRole = 'uac' | 'uas';

/** §12.1.1, §12.1.2: Record-Route in order (UAS), reversed (UAC). */
export function routeSetOf(headers: readonly HeaderField[], role: DialogRole): Result<NameAddr[], SipError> {
  const recordRoute = readList(headers, 'Record-Route', parseRoute);
  if (!recordRoute.ok) return recordRoute;
  return ok(role === 'uac' ? recordRoute.value.reverse() : recordRoute.value);
}

/** A route entry whose URI has the lr parameter: the element routes loosely (RFC 3261 §19.1.1). */
export function isLooseRoute(entry: NameAddr): boolean {
  return entry.uri.kind === 'sip' && getParam(entry.uri.params, 'lr') !== undefined;
}

/** Where an in-dialog request goes: its Request-URI, its Route entries, and the next hop to send it to. */
export interface Routing {
  readonly requestUri: Uri;
  readonly route: readonly NameAddr[];
  readonly nextHop: Uri;
}

/** A URI as a Request-URI (§19.1.1 Table 1): no method parameter, no headers. */
function asRequestUri(uri: Uri): Uri {
  if (uri.kind !== 'sip') return uri;
  return { ...uri, params: uri.params.filter((p) => p.name.toLowerCase() !== 'method'), headers: [] };
}

/**
 * §12.2.1.1. Empty route set: Request-URI is the remote target, no Route. First entry loose
 * (lr): Request-URI is the remote target, Route is the route set, the next hop its first entry.
 * Strict: Request-URI is the first entry, Route the rest followed by the remote target.
 */
export function routeRequest(routeSet: readonly NameAddr[], remoteTarget: Uri): Routing {
  const [first, ...rest] = routeSet;
  if (first === undefined) return { requestUri: remoteTarget, route: [], nextHop: remoteTarget };
  if (isLooseRoute(first)) return { requestUri: remoteTarget, route: routeSet, nextHop: first.uri };
  const requestUri = asRequestUri(first.uri);
  return { requestUri, route: [...rest, { uri: remoteTarget, params: [] }], nextHop: requestUri };
}

/** Route header fields, one per entry, in order. */
export function routeFields(route: readonly NameAddr[]): HeaderField[] {
  return route.map((entry) => ({ name: 'Route', value: formatNameAddr(entry) }));
}
