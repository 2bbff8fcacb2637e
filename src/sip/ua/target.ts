// Where a request goes (RFC 3261 §8.1.2, §18.1.1; RFC 3263 without DNS): the transport, address
// and port of a sip: or sips: URI (the maddr parameter first, then the host), which must be an IP
// address here: the UA core resolves no names.
import { isIP } from 'node:net';
import type { GwError } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { formatUri, getParam, type Uri } from '../message/index.js';
import type { TxTarget } from '../transaction/message.js';
import { BadTarget } from './errors.js';

const TRANSPORTS: Readonly<Record<string, string>> = { udp: 'UDP', tcp: 'TCP', tls: 'TLS' };

/** The transport, IP address and port to send a request for `uri` to. */
export function uriTarget(uri: Uri): Result<TxTarget, GwError> {
  if (uri.kind !== 'sip') return err(new BadTarget(`${formatUri(uri)}: not a sip: or sips: URI`));
  const host = (getParam(uri.params, 'maddr')?.value ?? uri.host).replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) === 0) return err(new BadTarget(`${formatUri(uri)}: ${host} is not an IP address`));
  const named = getParam(uri.params, 'transport')?.value?.toLowerCase();
  const transport = uri.secure ? 'TLS' : named === undefined ? 'UDP' : TRANSPORTS[named];
  if (transport === undefined) return err(new BadTarget(`${formatUri(uri)}: transport ${named ?? ''} is not supported`));
  return ok({ transport, host, port: uri.port ?? (transport === 'TLS' ? 5061 : 5060), reliable: transport !== 'UDP' });
}
