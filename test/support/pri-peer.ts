// Harness for test/peers/build/pri-peer, the libpri ISDN test peer (docs/test-peers.md): spawns it,
// parses its JSON events, sends it commands and waits for events.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PEERS_DIR = fileURLToPath(new URL('../peers/', import.meta.url));
const BINARY = fileURLToPath(new URL('../peers/build/pri-peer', import.meta.url));

/** Where the peer binary is, whether it has been built, and the command that builds it. */
export function peerBinary(): { path: string; exists: boolean; build: string } {
  return { path: BINARY, exists: existsSync(BINARY), build: `make -C ${PEERS_DIR} (needs gcc, make and libpri-dev)` };
}

/** One event line of the peer: `ev` names it; the other fields depend on it (see docs/test-peers.md). */
export interface PeerEvent {
  ev: string;
  [field: string]: unknown;
}

export type SwitchType = 'euroisdn_e1' | 'euroisdn_t1' | 'ni2' | 'dms100' | '5ess';

export interface PriPeerOptions {
  /** listen on this TCP port (0: an ephemeral one, reported as `port`); or `HOST:PORT` */
  listen?: number | string;
  /** connect to `HOST:PORT` */
  connect?: string;
  node?: 'net' | 'cpe';
  switchType?: SwitchType;
  /** BRI point-to-point or point-to-multipoint; absent: PRI */
  bri?: 'ptp' | 'ptmp';
  /** number of TEs on the emulated S0 bus (--bri ptmp --node cpe) */
  tes?: number;
  fcs?: boolean;
  dump?: boolean;
  debug?: boolean;
  autoProceed?: boolean;
  autoAlert?: boolean;
  autoAnswer?: boolean;
  autoReject?: number;
  /** CONNECT ACKNOWLEDGE only on the connect_ack command */
  manualConnectAck?: boolean;
  /** overlap dialling (pri_set_overlapdial): needed for calls with complete=0 */
  overlap?: boolean;
  /** a name for error messages (default: the node type) */
  name?: string;
}

/** The command-line arguments for these options. */
export function peerArgs(o: PriPeerOptions): string[] {
  const args: string[] = [];
  if (o.listen !== undefined) args.push('--listen', String(o.listen));
  if (o.connect !== undefined) args.push('--connect', o.connect);
  if (o.node !== undefined) args.push('--node', o.node);
  if (o.switchType !== undefined) args.push('--switch', o.switchType);
  if (o.bri !== undefined) args.push('--bri', o.bri);
  if (o.tes !== undefined) args.push('--tes', String(o.tes));
  if (o.fcs === true) args.push('--fcs');
  if (o.dump === true) args.push('--dump');
  if (o.debug === true) args.push('--debug');
  if (o.autoProceed === true) args.push('--auto-proceed');
  if (o.autoAlert === true) args.push('--auto-alert');
  if (o.autoAnswer === true) args.push('--auto-answer');
  if (o.autoReject !== undefined) args.push('--auto-reject', String(o.autoReject));
  if (o.manualConnectAck === true) args.push('--manual-connect-ack');
  if (o.overlap === true) args.push('--overlap');
  return args;
}

const STDERR_KEEP = 8192;
const EVENTS_SHOWN = 25;

interface Waiter {
  ev: string;
  predicate: (e: PeerEvent) => boolean;
  resolve: (e: PeerEvent) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** A running pri-peer process. */
export class PriPeer {
  /** every event received, in order */
  readonly events: PeerEvent[] = [];
  /** the listening port (--listen) once `ready` was seen */
  port: number | undefined;
  private readonly consumed = new Set<PeerEvent>();
  private readonly waiters = new Set<Waiter>();
  private stderr = '';
  private partial = '';
  private exited: string | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly name: string,
  ) {
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onStdout(chunk));
    child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
    });
    child.on('exit', (code, signal) => {
      this.exited = signal !== null ? `killed by ${signal}` : `exited with code ${String(code)}`;
      for (const w of [...this.waiters]) this.fail(w, `${this.name} ${this.exited} while waiting for "${w.ev}"`);
    });
    child.on('error', (err) => {
      this.exited = `failed to start: ${err.message}`;
      for (const w of [...this.waiters]) this.fail(w, `${this.name} ${this.exited}`);
    });
  }

  /** Spawns the peer and waits for its `ready` event. */
  static async start(options: PriPeerOptions, readyTimeoutMs = 15_000): Promise<PriPeer> {
    const bin = peerBinary();
    if (!bin.exists) throw new Error(`pri-peer binary not found at ${bin.path}; build it with: ${bin.build}`);
    const child = spawn(bin.path, peerArgs(options), { stdio: ['pipe', 'pipe', 'pipe'] });
    const peer = new PriPeer(child, options.name ?? options.node ?? 'pri-peer');
    const ready = await peer.waitFor('ready', undefined, readyTimeoutMs);
    if (typeof ready.port === 'number') peer.port = ready.port;
    return peer;
  }

  /** Sends one command line (see docs/test-peers.md). */
  send(command: string): void {
    if (this.exited !== undefined) throw new Error(`${this.name} ${this.exited}; cannot send "${command}"`);
    this.child.stdin.write(`${command}\n`);
  }

  /**
   * The first event named `ev` (and matching `predicate`) that no earlier waitFor returned,
   * whether it arrived before this call or arrives within `timeoutMs`.
   */
  waitFor(ev: string, predicate: (e: PeerEvent) => boolean = () => true, timeoutMs = 20_000): Promise<PeerEvent> {
    const found = this.events.find((e) => e.ev === ev && !this.consumed.has(e) && predicate(e));
    if (found !== undefined) {
      this.consumed.add(found);
      return Promise.resolve(found);
    }
    return new Promise<PeerEvent>((resolve, reject) => {
      const w: Waiter = {
        ev,
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => this.fail(w, `${this.name}: no "${ev}" event within ${timeoutMs} ms`), timeoutMs),
      };
      if (this.exited !== undefined) {
        this.fail(w, `${this.name} ${this.exited} before "${ev}"`);
        return;
      }
      this.waiters.add(w);
    });
  }

  /** Events named `ev` received so far. */
  all(ev: string): PeerEvent[] {
    return this.events.filter((e) => e.ev === ev);
  }

  /** The last events and stderr lines, for error messages. */
  recent(): string {
    const events = this.events.slice(-EVENTS_SHOWN).map((e) => JSON.stringify(e));
    return `recent events of ${this.name}:\n  ${events.join('\n  ')}\nstderr of ${this.name}:\n${this.stderr.slice(-2000)}`;
  }

  /** Asks the peer to quit, then kills it if it is still running after a moment. */
  async close(): Promise<void> {
    if (this.exited !== undefined) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end('quit\n');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await gone;
    clearTimeout(timer);
  }

  private onStdout(chunk: string): void {
    this.partial += chunk;
    let nl: number;
    while ((nl = this.partial.indexOf('\n')) >= 0) {
      const line = this.partial.slice(0, nl);
      this.partial = this.partial.slice(nl + 1);
      if (line.trim() === '') continue;
      let e: PeerEvent;
      try {
        e = JSON.parse(line) as PeerEvent;
      } catch {
        e = { ev: 'unparsed', line };
      }
      this.events.push(e);
      this.deliver(e);
    }
  }

  private deliver(e: PeerEvent): void {
    for (const w of this.waiters) {
      if (w.ev === e.ev && w.predicate(e)) {
        this.consumed.add(e);
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(e);
        return;
      }
    }
  }

  private fail(w: Waiter, message: string): void {
    this.waiters.delete(w);
    clearTimeout(w.timer);
    w.reject(new Error(`${message}\n${this.recent()}`));
  }
}
