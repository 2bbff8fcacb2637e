// Calls over TLS with OpenSSL as the independent peer. Debian's SIPp (sip-tester 3.6.1) is built
// without OpenSSL (`sipp -t l1`: "To use a TLS transport you must compile SIPp with OpenSSL"), so
// `openssl s_client` / `s_server` carry hand-written SIP instead: a call from OpenSSL to the Tandem
// UA on its TlsTransport, and one from the Tandem UA to OpenSSL. The certificate is self-signed,
// made by `openssl req -x509` in a temporary directory, and verified by both sides.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock.js';
import { fieldValues, parseMessage, type SipMessage } from '../../../src/sip/message/index.js';
import { TlsTransport, TransportLayer } from '../../../src/sip/transport/index.js';
import { TransportBinding, UserAgent } from '../../../src/sip/ua/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-tls-sip-'));
const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
execFileSync('openssl', [
  'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
  '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost',
  '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
], { stdio: 'pipe' });
const identity = { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SDP = 'v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8\r\n';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A Tandem UA on TLS 127.0.0.1 (a free port), trusting the test certificate. */
async function tandem(): Promise<{ ua: UserAgent; port: number }> {
  const transport = new TlsTransport({ host: '127.0.0.1', port: 0, ...identity, ca: identity.cert, clock: systemClock });
  const layer = new TransportLayer();
  layer.register(transport);
  const { port } = await transport.listen();
  const binding = new TransportBinding(layer);
  const ua = new UserAgent({ clock: systemClock, send: binding.send, local: { transport: 'TLS', host: '127.0.0.1', port } });
  const detach = binding.attach(ua);
  cleanup.push(async () => {
    detach();
    await layer.close();
  });
  return { ua, port };
}

/** An OpenSSL process whose stdout is read as SIP messages, one at a time. */
class OpenSsl {
  readonly #child: ChildProcessWithoutNullStreams;
  #buffer = Buffer.alloc(0);
  #waiting: (() => void) | undefined;
  #log = '';

  constructor(args: readonly string[]) {
    this.#child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stdout.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#waiting?.();
    });
    this.#child.stderr.on('data', (chunk: Buffer) => (this.#log = (this.#log + chunk.toString('latin1')).slice(-2000)));
    cleanup.push(() => {
      this.#child.kill();
    });
  }

  get log(): string {
    return this.#log;
  }

  /** Sends `lines` (CRLF added, Content-Length computed) over the TLS connection. */
  send(lines: readonly string[], body = ''): void {
    this.#child.stdin.write(`${[...lines, `Content-Length: ${Buffer.byteLength(body)}`].join('\r\n')}\r\n\r\n${body}`);
  }

  /** The next SIP message read from the connection (keep-alive CRLFs skipped), within `ms`. */
  async next(ms = 5000): Promise<SipMessage> {
    const end = Date.now() + ms;
    for (;;) {
      const message = this.#take();
      if (message !== undefined) return message;
      if (Date.now() > end) throw new Error(`no SIP message from openssl; stderr: ${this.#log}; stdout: ${this.#buffer.toString('latin1')}`);
      await new Promise<void>((resolve) => {
        this.#waiting = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  #take(): SipMessage | undefined {
    const text = this.#buffer.toString('latin1');
    const start = text.search(/[A-Z]/);
    if (start < 0) return undefined;
    const head = text.indexOf('\r\n\r\n', start);
    if (head < 0) return undefined;
    const length = Number(/\r\nContent-Length:\s*(\d+)/i.exec(text.slice(start, head))?.[1] ?? '0');
    const end = head + 4 + length;
    if (this.#buffer.length < end) return undefined;
    const parsed = parseMessage(new Uint8Array(this.#buffer.subarray(start, end)));
    this.#buffer = this.#buffer.subarray(end);
    if (!parsed.ok) throw new Error(`openssl passed on a message that does not parse: ${parsed.error.message}`);
    return parsed.value;
  }
}

const header = (message: SipMessage, name: string): string => fieldValues(message.headers, name)[0] ?? '';
const summary = (message: SipMessage): string => (message.kind === 'request' ? `${message.method} ${header(message, 'CSeq')}` : `${message.status} ${header(message, 'CSeq')}`);

/** A free TCP port on 127.0.0.1. */
function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Waits until something accepts TCP connections on 127.0.0.1:`port`. */
async function accepting(port: number): Promise<void> {
  for (const end = Date.now() + 5000; Date.now() < end; ) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing accepts on 127.0.0.1:${port}`);
}

describe('SIP over TLS with OpenSSL as the peer (SIPp here has no TLS)', () => {
  it('openssl s_client calls the Tandem UA: INVITE, 180, 200, ACK, BYE, 200 on one verified connection', async () => {
    const { ua, port } = await tandem();
    const events: string[] = [];
    ua.on('invite', (call) => {
      events.push(`invite ${Buffer.from(call.invite.body.sdp ?? []).toString().split('\r\n')[1] ?? ''}`);
      call.on('ack', () => events.push('ack'));
      call.on('bye', () => events.push('bye'));
      call.on('terminated', (t) => events.push(`terminated ${t.cause}`));
      call.progress(180);
      call.answer({ sdp: SDP });
    });
    const client = new OpenSsl(['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', '-CAfile', certFile, '-verify_return_error', '-quiet']);
    const dialog = [
      'From: <sip:+15551110000@localhost>;tag=ossl1',
      'Call-ID: tls-call-1@localhost',
      'Max-Forwards: 70',
    ];
    const uri = `sips:+15551230000@localhost:${port}`;
    client.send(
      [`INVITE ${uri} SIP/2.0`, 'Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-ossl-1', ...dialog, `To: <${uri}>`, 'CSeq: 1 INVITE', 'Contact: <sips:caller@127.0.0.1:5999;transport=tls>', 'Content-Type: application/sdp'],
      SDP,
    );
    const seen: SipMessage[] = [];
    do seen.push(await client.next());
    while (seen.at(-1)?.kind !== 'response' || (seen.at(-1) as { status: number }).status < 200);
    expect(seen.map(summary)).toEqual(['100 1 INVITE', '180 1 INVITE', '200 1 INVITE']);
    const ok = seen.at(-1) as SipMessage;
    expect(header(ok, 'Contact')).toContain('transport=tls');
    const to = header(ok, 'To');
    client.send([`ACK ${uri} SIP/2.0`, 'Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-ossl-2', ...dialog, `To: ${to}`, 'CSeq: 1 ACK']);
    client.send([`BYE ${uri} SIP/2.0`, 'Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-ossl-3', ...dialog, `To: ${to}`, 'CSeq: 2 BYE']);
    expect(summary(await client.next())).toBe('200 2 BYE');
    expect(events).toEqual(['invite o=x 1 1 IN IP4 127.0.0.1', 'ack', 'bye', 'terminated remote-bye']);
  }, 20_000);

  it('the Tandem UA calls openssl s_server: INVITE over TLS, the certificate verified (its IP address SAN), 200, ACK, BYE, 200', async () => {
    const { ua } = await tandem();
    const port = await freeTcpPort();
    // The UA's next hop is an address: Node verifies the certificate against 127.0.0.1.
    const server = new OpenSsl(['s_server', '-accept', `127.0.0.1:${port}`, '-cert', certFile, '-key', keyFile, '-naccept', '2', '-quiet']);
    await accepting(port);
    const placed = ua.invite(`sips:+15551230000@localhost:${port}`, {
      from: '<sips:+15551110000@127.0.0.1>',
      sdp: SDP,
      nextHop: { transport: 'TLS', host: '127.0.0.1', port, reliable: true },
    });
    if (!placed.ok) throw placed.error;
    const call = placed.value;
    const events: string[] = [];
    call.on('answered', (r) => events.push(`answered ${r.status}`));
    call.on('terminated', (t) => events.push(`terminated ${t.cause}`));
    const invite = await server.next();
    expect(summary(invite)).toBe('INVITE 1 INVITE');
    expect(header(invite, 'Via')).toMatch(/^SIP\/2\.0\/TLS /);
    const echo = ['Via', 'From', 'Call-ID', 'CSeq'].map((name) => `${name}: ${header(invite, name)}`);
    server.send(['SIP/2.0 200 OK', ...echo, `To: ${header(invite, 'To')};tag=srv1`, `Contact: <sips:callee@127.0.0.1:${port};transport=tls>`, 'Content-Type: application/sdp'], SDP);
    expect(summary(await server.next())).toBe('ACK 1 ACK');
    expect(call.bye().ok).toBe(true);
    const bye = await server.next();
    expect(summary(bye)).toBe('BYE 2 BYE');
    server.send(['SIP/2.0 200 OK', ...['Via', 'From', 'To', 'Call-ID', 'CSeq'].map((name) => `${name}: ${header(bye, name)}`)]);
    expect(events).toEqual(['answered 200', 'terminated local-bye']);
  }, 20_000);
});
