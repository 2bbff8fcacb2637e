// Schema of the `gateway` section: this node's identity, SIP listeners, admin API and CDR spool.
import { fmt, list, object, str, type Schema } from './common.js';

const listenList = (transport: string, port: number): Schema =>
  list(
    `Addresses to listen on for SIP over ${transport}; the port defaults to ${port}.`,
    fmt('listen-address', `An IP address of this host, with an optional port (default ${port}).`),
    { minItems: 1, uniqueItems: true },
  );

export const gatewaySchema: Schema = object(
  'This gateway: its node id, SIP listeners, admin API and CDR spool. Exactly one file defines it.',
  {
    nodeId: fmt('node-id', 'Name of this node; it appears in logs, CDRs and the default digest realm.'),
    sip: object(
      'SIP transport settings.',
      {
        listen: object(
          'SIP listen addresses per transport; at least one transport.',
          { udp: listenList('UDP', 5060), tcp: listenList('TCP', 5060), tls: listenList('TLS', 5061) },
          { minProperties: 1 },
        ),
        tls: object(
          'Certificate and key for SIP over TLS; required when `listen.tls` is set. Relative paths are relative to the file that names them, and the files must exist.',
          {
            certFile: str('PEM certificate chain presented by this gateway.'),
            keyFile: str('PEM private key of the certificate.'),
            caFile: str('PEM CA bundle used to verify TLS peers; the system store when absent.'),
          },
          { required: ['certFile', 'keyFile'] },
        ),
      },
      { required: ['listen'] },
    ),
    admin: object(
      'The admin HTTP API (health, metrics, circuit state).',
      { listen: fmt('listen-address', 'Address of the admin API; keep it on loopback or a management network. The port defaults to 8080.', { default: '127.0.0.1:8080' }) },
      { default: {} },
    ),
    cdr: object(
      'Call detail records.',
      { spoolDir: str('Directory where CDRs are spooled before delivery. Relative paths are relative to the file that names it.') },
      { required: ['spoolDir'] },
    ),
  },
  { required: ['nodeId', 'sip', 'cdr'] },
);
