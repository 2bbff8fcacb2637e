// Interop with SIPp (/usr/bin/sipp): SIPp sends OPTIONS over UDP and over TCP to a transport layer
// whose test-only handler answers 200, and its scenario must pass (exit code 0).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpTransport, TransportLayer, UdpTransport, type Transport } from '../../../src/sip/transport/index.js';
import { ok200 } from './helpers.js';

const SIPP = '/usr/bin/sipp';
const SCENARIO = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="OPTIONS to the Tandem transport layer">
  <send retrans="500">
    <![CDATA[
      OPTIONS sip:gw@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:gw@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 OPTIONS
      Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200" timeout="5000" />
</scenario>
`;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Runs SIPp to completion (it stops itself after -timeout); its exit code and error trace. */
function sipp(dir: string, args: readonly string[]): Promise<{ code: number | null; errors: string }> {
  return new Promise((resolve) => {
    const child = spawn(SIPP, [...args, '-sf', join(dir, 'options.xml'), '-m', '1', '-timeout', '10s', '-trace_err', '-nostdin'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      const traces = readdirSync(dir).filter((f) => f.endsWith('_errors.log'));
      resolve({ code, errors: [output.slice(-2000), ...traces.map((f) => readFileSync(join(dir, f), 'utf8'))].join('\n') });
    });
  });
}

/** A transport layer on `transport` that answers every OPTIONS with 200. */
async function optionsServer(transport: Transport): Promise<number> {
  const layer = new TransportLayer();
  layer.register(transport);
  cleanup.push(() => layer.close());
  layer.on('message', ({ message, source }) => {
    if (message.kind === 'request' && message.method === 'OPTIONS') layer.sendResponse(ok200(message), source);
  });
  return (await transport.listen()).port;
}

describe('SIPp interop', () => {
  it('SIPp is installed', () => {
    expect(existsSync(SIPP)).toBe(true);
  });

  const cases: [string, () => Transport, string][] = [
    ['UDP', () => new UdpTransport({ host: '127.0.0.1', port: 0 }), 'u1'],
    ['TCP', () => new TcpTransport({ host: '127.0.0.1', port: 0 }), 't1'],
  ];
  it.each(cases)('SIPp gets 200 to its OPTIONS over %s', async (_, make, mode) => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-sipp-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'options.xml'), SCENARIO);
    const port = await optionsServer(make());
    const result = await sipp(dir, [`127.0.0.1:${port}`, '-t', mode, '-i', '127.0.0.1']);
    expect(result.code, result.errors).toBe(0);
  }, 20_000);
});
