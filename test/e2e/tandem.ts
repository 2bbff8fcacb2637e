// Tandem as a child process for the end-to-end tests: a configuration made from the example in
// trunks/ with free loopback ports (and the changes a test asks for), `node bin/tandem.js start`
// on it, its JSON log lines, the admin API, and a stop by signal whose exit code is checked.
// Run `npm run build` first: bin/tandem.js runs dist/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode, type IsupMessage } from 'ss7-isup-codec';
import { parse, stringify } from 'yaml';
import { freePort } from '../support/free-port.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export { freePort };

export interface Ports {
  /** Tandem's SIP port (UDP and TCP) */
  readonly sip: number;
  readonly admin: number;
  /** where the PBX (SIPp) listens on 127.0.0.1 */
  readonly pbx: number;
  /** where the carrier (SIPp) listens on 127.0.0.2 */
  readonly carrier: number;
}

/** A YAML document of the configuration: its sections by name. */
type Doc = Record<string, unknown>;
type Named = Record<string, Record<string, unknown>>;

export interface ConfigChanges {
  /** replaces trunk-group keys of sim-e1 (e.g. timers) */
  readonly simE1?: Record<string, unknown>;
  /** routes tried before the example's */
  readonly routesFirst?: readonly Record<string, unknown>[];
  /** extra files: name → YAML document */
  readonly files?: Readonly<Record<string, unknown>>;
  /** keys added to gateway.cdr (e.g. redis) */
  readonly cdr?: Record<string, unknown>;
  /** gateway.runtime */
  readonly runtime?: Record<string, unknown>;
  /** keys added to gateway.sip (e.g. strangers) */
  readonly sip?: Record<string, unknown>;
  /** replaces keys of each peer (e.g. cac), by peer name */
  readonly peers?: Readonly<Record<string, Record<string, unknown>>>;
}

/** trunks/*.yaml with the addresses moved to `ports`, the CDR spool in `dir`, and `changes`. */
export function writeConfig(dir: string, ports: Ports, changes: ConfigChanges = {}): void {
  const read = (name: string): Doc => parse(readFileSync(join(ROOT, 'trunks', name), 'utf8')) as Doc;
  const gateway = read('gateway.yaml');
  gateway.gateway = {
    ...(gateway.gateway as Doc),
    sip: { listen: { udp: [`127.0.0.1:${ports.sip}`], tcp: [`127.0.0.1:${ports.sip}`] }, ...changes.sip },
    admin: { listen: `127.0.0.1:${ports.admin}` },
    cdr: { spoolDir: 'cdr', ...changes.cdr },
    ...(changes.runtime === undefined ? {} : { runtime: changes.runtime }),
  };
  const peer = (file: string, name: string, address: string): Doc => {
    const doc = read(file);
    const peers = doc.peers as Named;
    peers[name] = { ...peers[name], address, ...changes.peers?.[name] };
    return doc;
  };
  const sim = read('sim-e1.yaml');
  const groups = sim.trunkGroups as Named;
  groups['sim-e1'] = { ...groups['sim-e1'], ...changes.simE1 };
  const routes = read('routes.yaml');
  routes.routes = [...(changes.routesFirst ?? []), ...(routes.routes as unknown[])];
  const files: Record<string, unknown> = {
    'gateway.yaml': gateway,
    'pbx.yaml': peer('pbx.yaml', 'pbx', `127.0.0.1:${ports.pbx}`),
    'carrier.yaml': peer('carrier.yaml', 'carrier', `127.0.0.2:${ports.carrier}`),
    'sim-e1.yaml': sim,
    'routes.yaml': routes,
    ...changes.files,
  };
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, name), stringify(doc));
}

/** One JSON log line of Tandem. */
export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly mod?: string;
  readonly [key: string]: unknown;
}

/** The message of an ISUP trace line (`mod: isup`, debug; its `hex` has the CIC first), decoded. */
export function isupOfLine(line: LogLine): IsupMessage | undefined {
  if (line.mod !== 'isup' || typeof line.hex !== 'string') return undefined;
  const decoded = decode(Buffer.from(line.hex, 'hex'), { framing: 'cic' });
  return decoded.ok ? decoded.value : undefined;
}

export interface Tandem {
  readonly ports: Ports;
  readonly pid: number;
  readonly dir: string;
  /** every log line so far */
  logs(): readonly LogLine[];
  /** resolves with the first line (from the start) that `match` accepts; rejects after `ms` */
  waitForLog(match: (line: LogLine) => boolean, ms?: number): Promise<LogLine>;
  /** the admin API: JSON in, JSON out */
  admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** sends `signal` (if still running) */
  kill(signal: NodeJS.Signals): void;
  /** resolves with the exit code once it exited (null: killed by a signal) */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then the exit code; removes the configuration */
  stop(): Promise<number | null>;
  /** stderr so far */
  stderr(): string;
}

export interface StartOptions {
  readonly changes?: ConfigChanges;
  readonly graceMs?: number;
  readonly logLevel?: string;
}

/**
 * Starts Tandem on a fresh configuration and waits for its `ready` line (10 s at most). The ports
 * are free a moment before Tandem binds them; when another test file took one meanwhile (Tandem
 * exits with EADDRINUSE), it starts again on new ports, three times at most.
 */
export async function startTandem(options: StartOptions = {}): Promise<Tandem> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTandemOnce(options);
    } catch (e) {
      if (attempt >= 3 || !(e instanceof Error) || !e.message.includes('EADDRINUSE')) throw e;
    }
  }
}

async function startTandemOnce(options: StartOptions): Promise<Tandem> {
  const ports: Ports = { sip: await freePort(), admin: await freePort(), pbx: await freePort(), carrier: await freePort() };
  const dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
  writeConfig(dir, ports, options.changes);
  const args = ['bin/tandem.js', 'start', '--config', dir, '--log-level', options.logLevel ?? 'debug', '--grace-ms', String(options.graceMs ?? 5000)];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) if (part.trim() !== '') lines.push(JSON.parse(part) as LogLine);
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForLog = (match: (line: LogLine) => boolean, ms = 10_000): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = lines.find(match);
        if (found === undefined) return false;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`no such log line after ${ms} ms; stderr: ${stderr}\n${lines.map((l) => JSON.stringify(l)).join('\n').slice(-6000)}`));
      }, ms);
      if (!check()) waiters.add(wake);
    });
  const kill = (signal: NodeJS.Signals): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  try {
    await Promise.race([waitForLog((l) => l.msg === 'ready'), exited.then((code) => Promise.reject(new Error(`tandem exited with ${code}: ${stderr}`)))]);
  } catch (e) {
    kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    ports,
    pid: child.pid ?? 0,
    dir,
    logs: () => lines,
    waitForLog,
    stderr: () => stderr,
    admin: async (method, path, body) => {
      const response = await fetch(`http://127.0.0.1:${ports.admin}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return { status: response.status, body: await response.json() };
    },
    kill,
    exited,
    stop: async () => {
      kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
