// A packet capture on the loopback interface with tshark (`-i lo`, a BPF filter on one UDP port),
// read back as the SIP messages it holds and the application/ISUP bodies in them (RFC 3204),
// so a test can check what Tandem put on the wire toward a SIP-I peer.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMessage, type SipMessage } from '../../src/sip/message/index.js';
import { decodeBodyLeniently } from '../../src/sip/ua/body.js';

export interface Datagram {
  readonly from: string;
  readonly to: string;
  readonly message: SipMessage;
}

export interface Capture {
  /** stops capturing; the datagrams captured, parsed as SIP, in order */
  stop(): Promise<Datagram[]>;
}

/** Starts tshark on lo for UDP `port`; resolves once it captures (10 s at most). */
export async function captureUdp(port: number): Promise<Capture> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-pcap-'));
  const file = join(dir, 'lo.pcapng');
  const child = spawn('tshark', ['-i', 'lo', '-f', `udp port ${port}`, '-w', file, '-q'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tshark did not start capturing: ${stderr}`)), 10_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Capturing on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`tshark exited with ${code}: ${stderr}`)));
  });
  return {
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      const read = spawnSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=;', '-e', 'ip.src', '-e', 'udp.srcport', '-e', 'ip.dst', '-e', 'udp.dstport', '-e', 'udp.payload'], { encoding: 'utf8' });
      rmSync(dir, { recursive: true, force: true });
      return read.stdout
        .trim()
        .split('\n')
        .filter((l) => l !== '')
        .flatMap((line) => {
          const [src = '', sport = '', dst = '', dport = '', hex = ''] = line.split(';');
          const parsed = parseMessage(Buffer.from(hex.replace(/:/g, ''), 'hex'));
          return parsed.ok ? [{ from: `${src}:${sport}`, to: `${dst}:${dport}`, message: parsed.value }] : [];
        });
    },
  };
}

/** The application/ISUP parts of `message`, as their octets. */
export function isupBodies(message: SipMessage): Uint8Array[] {
  return decodeBodyLeniently(message)
    .parts.filter((p) => p.contentType?.type === 'application' && p.contentType.subtype === 'isup')
    .map((p) => p.body);
}

/** What a message is called in a test's expectations: `INVITE`, `BYE`, `200 INVITE`, `183 INVITE`... */
export function label(message: SipMessage): string {
  if (message.kind === 'request') return message.method;
  const cseq = message.headers.find((h) => h.name.toLowerCase() === 'cseq')?.value.split(/\s+/)[1] ?? '';
  return `${message.status} ${cseq}`;
}
