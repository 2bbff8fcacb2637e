// An in-memory wire for UA tests: user agents on made-up addresses exchange serialized octets
// (parsed again on arrival) after a delay on one FakeClock, with a drop knob, stable identifiers,
// and a trace of every message: `<ms>  A>B INVITE 1`, `<ms>  B>A 180 (INVITE 1)`.
import { FakeClock } from '../../../src/core/clock.js';
import { formatFsmRecord } from '../../../src/core/fsm.js';
import { fieldValues, parseMessage, serializeMessage, type SipMessage } from '../../../src/sip/message/index.js';
import type { TxTarget } from '../../../src/sip/transaction/message.js';
import { UserAgent, type IdSource, type UserAgentOptions } from '../../../src/sip/ua/index.js';

export interface Sent {
  readonly at: number;
  readonly from: string;
  readonly to: string;
  readonly message: SipMessage;
  readonly dropped: boolean;
}

/** Identifiers that read well in traces: tags `a1`, Call-IDs `call-a1`, branches `z9hG4bK-a1`. */
export function stableIds(name: string): IdSource {
  const counter = (): (() => number) => {
    let n = 0;
    return () => ++n;
  };
  const [tag, call, branch, boundary] = [counter(), counter(), counter(), counter()];
  return {
    tag: () => `${name}${tag()}`,
    callId: () => `call-${name}${call()}`,
    branch: () => `z9hG4bK-${name}${branch()}`,
    rseq: () => 1,
    boundary: () => `boundary-${name}${boundary()}`,
  };
}

/** `INVITE 1` or `180 (INVITE 1)`. */
export function describe(message: SipMessage): string {
  const [cseq = '?'] = fieldValues(message.headers, 'CSeq');
  const [num = '', method = ''] = cseq.split(' ');
  return message.kind === 'request' ? `${message.method} ${num}` : `${message.status} (${method} ${num})`;
}

/** A peer that is no UA: it records what reaches it and sends whatever a test writes. */
export interface RawPeer {
  readonly name: string;
  readonly address: TxTarget;
  /** every message that reached it, in order */
  readonly inbox: SipMessage[];
  /** sends `text` (CRLF line ends added, Content-Length computed) to the UA called `to` */
  send(to: string, lines: readonly string[], body?: string): void;
}

export class Wire {
  readonly clock = new FakeClock();
  readonly sent: Sent[] = [];
  /** FSM transitions of every UA, as lines */
  readonly fsmLog: string[] = [];
  /** ms from send to arrival */
  delay = 10;
  /** decides, for each message, whether it is lost */
  drop: (message: SipMessage, from: string, to: string) => boolean = () => false;
  readonly #agents = new Map<string, { readonly name: string; readonly address: TxTarget; receive(message: SipMessage, source: TxTarget): void }>();

  /** A UA called `name` at 192.0.2.<n>:5060. */
  ua(name: string, options: Partial<UserAgentOptions> = {}): UserAgent {
    const host = `192.0.2.${this.#agents.size + 1}`;
    const address: TxTarget = { transport: 'UDP', host, port: 5060, reliable: false };
    const ua = new UserAgent({
      clock: this.clock,
      local: { transport: 'UDP', host, port: 5060 },
      ids: stableIds(name.toLowerCase()),
      log: (record) => this.fsmLog.push(`${String(this.clock.now()).padStart(6)}  ${name} ${formatFsmRecord(record)}`),
      send: (message, target) => this.#send(name, address, message, target),
      ...options,
    });
    this.#agents.set(`${host}:5060`, { name, address, receive: (m, source) => ua.receive(m, source) });
    return ua;
  }

  /** A raw peer called `name` at 192.0.2.<n>:5060. */
  peer(name: string): RawPeer {
    const address: TxTarget = { transport: 'UDP', host: `192.0.2.${this.#agents.size + 1}`, port: 5060, reliable: false };
    const inbox: SipMessage[] = [];
    this.#agents.set(`${address.host}:5060`, { name, address, receive: (m) => inbox.push(m) });
    return {
      name,
      address,
      inbox,
      send: (to, lines, body = '') => {
        const agent = [...this.#agents.values()].find((a) => a.name === to);
        if (agent === undefined) throw new Error(`no agent ${to}`);
        const text = `${[...lines, `Content-Length: ${Buffer.byteLength(body, 'latin1')}`].join('\r\n')}\r\n\r\n${body}`;
        const parsed = parseMessage(new Uint8Array(Buffer.from(text, 'latin1')));
        if (!parsed.ok) throw new Error(`raw message does not parse: ${parsed.error.message}`);
        this.#send(name, address, parsed.value, agent.address);
      },
    };
  }

  /** `<ms>  A>B INVITE 1` lines, `(lost)` marking drops. */
  trace(): string[] {
    return this.sent.map((s) => `${String(s.at).padStart(6)}  ${s.from}>${s.to} ${describe(s.message)}${s.dropped ? ' (lost)' : ''}`);
  }

  /** The messages sent from `from`, e.g. to look at the headers of the 200. */
  from(name: string): SipMessage[] {
    return this.sent.filter((s) => s.from === name).map((s) => s.message);
  }

  /** Moves the clock on by `ms`, first letting queued microtasks (invite(), promises) run. */
  async run(ms: number): Promise<void> {
    await flush();
    this.clock.advance(ms);
    await flush();
  }

  #send(from: string, address: TxTarget, message: SipMessage, target: TxTarget): void {
    const peer = this.#agents.get(`${target.host}:${target.port}`);
    const octets = serializeMessage(message);
    const parsed = parseMessage(octets);
    if (!parsed.ok) throw new Error(`${from} sent a message that does not parse: ${parsed.error.code} ${parsed.error.message}`);
    const to = peer?.name ?? `${target.host}:${target.port}`;
    const dropped = peer === undefined || this.drop(parsed.value, from, to);
    this.sent.push({ at: this.clock.now(), from, to, message: parsed.value, dropped });
    if (!dropped) this.clock.setTimer(this.delay, () => peer.receive(parsed.value, address));
  }
}

/** Lets every queued microtask (and the ones they queue) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
