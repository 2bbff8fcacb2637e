// Strings that are equal when the URIs are (RFC 3261 §19.1.4, §10.3 step 5), to find bindings by.
// In SIP URIs user and password compare case-sensitively and everything else ignoring case, and
// the order of parameters does not matter. (The rule that a parameter present in only one URI
// is ignored, unless it is user, ttl, method, maddr or transport, is not applied: such contacts
// are different bindings here.)

import { formatUri, type Uri } from '../message/index.js';

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The canonical address-of-record: scheme, user, host and port; no parameters or headers. */
export function aorKey(uri: Uri): string | undefined {
  if (uri.kind !== 'sip') return undefined;
  const { secure, user, host, port } = uri;
  return formatUri({ kind: 'sip', secure, user, host: host.toLowerCase(), port, params: [], headers: [] });
}

/** The key of a contact address: the URI with case and parameter order normalised. */
export function contactKey(uri: Uri): string {
  if (uri.kind !== 'sip') return formatUri(uri).toLowerCase();
  const lower = <T extends { name: string; value?: string }>(p: T): T => ({ ...p, name: p.name.toLowerCase(), value: p.value?.toLowerCase() });
  return formatUri({
    ...uri,
    host: uri.host.toLowerCase(),
    params: uri.params.map(lower).sort(byName),
    headers: uri.headers.map(lower).sort(byName),
  });
}
