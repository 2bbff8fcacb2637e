// Schema of the `gateway` section: this node's identity, SIP listeners, admin API, CDR spool and
// runtime tuning.
import { bool, fmt, int, list, object, oneOf, str, type Schema } from './common.js';

const listenList = (transport: string, port: number): Schema =>
  list(
    `Addresses to listen on for SIP over ${transport}; the port defaults to ${port}.`,
    fmt('listen-address', `An IP address of this host, with an optional port (default ${port}).`),
    { minItems: 1, uniqueItems: true },
  );

export const gatewaySchema: Schema = object(
  'This gateway: its node id, SIP listeners, admin API, CDR spool and runtime tuning. Exactly one file defines it.',
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
        strangers: oneOf(
          ['reject', 'drop'],
          'How a request from a stranger (a source address no peer\'s `acl` admits) is answered: `reject` with 403 Forbidden, `drop` not at all (it is discarded; a scanner gets no sign of a SIP server). Either way it is logged (one by one up to a limit per source, docs/operations.md "Access") and a refused INVITE is reported to the CDR hook. While a peer without `acl` (credentials only) is configured, every source may try its credentials: there are no strangers.',
          { default: 'reject' },
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
      'Call detail records (docs/cdr.md): every record is appended to the local spool first; with `redis` set, the spool is shipped to Redis, otherwise the spool is the store.',
      {
        spoolDir: str('Directory where CDRs are spooled before delivery. Relative paths are relative to the file that names it.'),
        fsync: oneOf(['always', 'interval', 'never'], 'When spooled records reach the disk: `always` (an append completes after fdatasync), `interval` (synced within `fsyncIntervalMs`; a crash can lose that much), `never` (left to the operating system).', {
          default: 'always',
        }),
        fsyncIntervalMs: int('With `fsync: interval`: the most time between a write and its sync, in ms.', 10, 60_000, { default: 1000 }),
        maxSegmentBytes: int('A spool segment is closed before a write would take it past this size, in bytes (a record is never split).', 4096, 1 << 30, { default: 16 << 20 }),
        maxSegmentAgeMs: int('A spool segment is closed once it has been open this long, in ms; closed segments are removed once shipped.', 1000, 86_400_000, { default: 300_000 }),
        redis: object(
          'Ship CDRs to Redis: the spool is shipped to a bull queue, and a worker stores them in Redis (hash per CDR + indexes). Absent: no Redis, the spool is the store.',
          {
            url: fmt('redis-url', 'The Redis server. The password may be in the URL; it is never logged.'),
            keyPrefix: str('Prefix of every Redis key: the queue `<prefix>bull:cdr` and the store `<prefix>cdr:*`.', { default: 'tandem:' }),
            worker: bool('Run a CDR worker inside `tandem start`, storing the queue into Redis. Set false when `tandem cdr-worker` processes do it.', true),
            workerConcurrency: int('Queue jobs (up to 500 CDRs each) the in-process worker stores at once.', 1, 64, { default: 4 }),
            retentionDays: int('The in-process worker keeps CDRs this many days, by setup time: it does not store older ones and deletes them every minute.', 1, 3650, { default: 90 }),
          },
          { required: ['url'] },
        ),
      },
      { required: ['spoolDir'] },
    ),
    runtime: object(
      'How the Node.js runtime of `tandem start` is tuned (docs/operations.md "Memory").',
      {
        heapGrowthPercent: int(
          'How far the JavaScript heap may grow past what the last full garbage collection left live before the next one, in percent (V8 `--heap-growing-percent`). Lower keeps the resident memory per held call down at some CPU cost; 0 leaves it to V8, which lets the heap grow up to 4 times its live size.',
          0,
          400,
          { default: 75 },
        ),
      },
      { default: {} },
    ),
  },
  { required: ['nodeId', 'sip', 'cdr'] },
);
