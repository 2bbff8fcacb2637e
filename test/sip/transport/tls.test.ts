import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { TlsTransport, type Received, type TlsTransportOptions, type TransportErrorEvent } from '../../../src/sip/transport/index.js';
import { collect, next, optionsBytes } from './helpers.js';

type Events = { message: Received; error: TransportErrorEvent };

/** A throwaway self-signed P-256 certificate for localhost, 127.0.0.1 and ::1, made by openssl. */
function selfSigned(): { cert: string; key: string } {
  expect(execFileSync('openssl', ['version'], { encoding: 'utf8' })).toMatch(/^OpenSSL /);
  const dir = mkdtempSync(join(tmpdir(), 'tandem-tls-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
    ], { stdio: 'pipe' });
    return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const identity = selfSigned();
const open: (TlsTransport | Server)[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await (o instanceof TlsTransport ? o.close() : new Promise((resolve) => o.close(resolve)));
});
afterAll(() => expect(open).toEqual([]));

async function listening(options: Partial<TlsTransportOptions> = {}): Promise<TlsTransport> {
  const transport = new TlsTransport({ host: '127.0.0.1', port: 0, ...identity, ca: identity.cert, ...options });
  open.push(transport);
  await transport.listen();
  return transport;
}

const message = optionsBytes('SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKs1');
const failure = (transport: TlsTransport, port: number, serverName?: string): Promise<unknown> =>
  new Promise((resolve) => transport.send(message, { transport: 'tls', host: '127.0.0.1', port, ...(serverName === undefined ? {} : { serverName }) }, resolve));

describe('TlsTransport (certificate and key from configuration)', () => {
  it('carries a request and its answer over one verified connection', async () => {
    const [a, b] = [await listening(), await listening()];
    const atB = next<Events, 'message'>(b, 'message');
    a.send(message, { transport: 'tls', host: '127.0.0.1', port: b.local.port });
    const { data, source } = await atB;
    expect(Buffer.from(data).equals(Buffer.from(message))).toBe(true);
    expect(source).toMatchObject({ transport: 'tls', address: '127.0.0.1', local: b.local });
    const atA = next<Events, 'message'>(a, 'message');
    b.send(message, { transport: 'tls', host: '127.0.0.1', port: 9, connectionId: source.connectionId! });
    expect((await atA).source).toMatchObject({ transport: 'tls', port: b.local.port });
    expect([a.connectionCount, b.connectionCount]).toEqual([1, 1]);
  });

  it('verifies the certificate against serverName when given', async () => {
    const [a, b] = [await listening(), await listening()];
    const atB = next<Events, 'message'>(b, 'message');
    a.send(message, { transport: 'tls', host: '127.0.0.1', port: b.local.port, serverName: 'localhost' });
    await atB;
    expect(await failure(a, b.local.port, 'gw.example.net')).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_TLS_HANDSHAKE' });
  });

  it('reports GW_ERR_SIP_TRANSPORT_TLS_HANDSHAKE on both sides for an untrusted certificate', async () => {
    const b = await listening();
    const serverErrors = collect<Events, 'error'>(b, 'error');
    const a = await listening({ ca: undefined });
    const clientErrors = collect<Events, 'error'>(a, 'error');
    expect(await failure(a, b.local.port)).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_TLS_HANDSHAKE', message: expect.stringMatching(/self.signed/i) as unknown });
    expect(clientErrors).toMatchObject([{ error: { code: 'GW_ERR_SIP_TRANSPORT_TLS_HANDSHAKE' }, peer: { port: b.local.port } }]);
    await new Promise<void>((resolve) => (serverErrors.length > 0 ? resolve() : b.on('error', () => resolve())));
    expect(serverErrors).toMatchObject([{ error: { code: 'GW_ERR_SIP_TRANSPORT_TLS_HANDSHAKE' } }]);
  });

  it('with requestCert, accepts a client presenting a trusted certificate and refuses one without', async () => {
    const [a, b] = [await listening(), await listening({ requestCert: true })];
    const atB = next<Events, 'message'>(b, 'message');
    a.send(message, { transport: 'tls', host: '127.0.0.1', port: b.local.port });
    await atB;
    const refused = next<Events, 'error'>(b, 'error');
    const bare = connect({ host: '127.0.0.1', port: b.local.port, ca: identity.cert });
    bare.on('error', () => undefined);
    expect((await refused).error).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_TLS_HANDSHAKE', message: expect.stringMatching(/certificate/i) as unknown });
    bare.destroy();
  });

  it('fails a connection whose handshake never completes after connectTimeoutMs (FakeClock)', async () => {
    const silent = createServer(() => undefined);
    open.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const clock = new FakeClock();
    const a = await listening({ clock, connectTimeoutMs: 3000 });
    const failed = failure(a, (silent.address() as { port: number }).port);
    clock.advance(2999);
    expect(a.connectionCount).toBe(1);
    clock.advance(1);
    expect(await failed).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_CONNECT_FAILED', message: expect.stringContaining('3000 ms') as unknown });
  });
});
