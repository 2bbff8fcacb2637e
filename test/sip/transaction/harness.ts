// Test bench for the transaction layer: message builders, a fake message factory, a recording
// send(), and a transcript of everything that happens, compared with test/transcripts/*.log.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { formatFsmRecord, type FsmLogger } from '../../../src/core/fsm.js';
import type { TxMessage, TxMessageFactory, TxRequest, TxResponse, TxSend, TxTarget } from '../../../src/sip/transaction/message.js';
import { TransactionLayer } from '../../../src/sip/transaction/transaction-layer.js';
import type { SipTimerBase } from '../../../src/sip/transaction/timers.js';
import type { Transaction, TuEvent } from '../../../src/sip/transaction/transaction-user.js';

/** Where client transactions send (the far end). */
export const FAR_UDP: TxTarget = { transport: 'UDP', host: '192.0.2.20', port: 5060, reliable: false };
export const FAR_TCP: TxTarget = { transport: 'TCP', host: '192.0.2.20', port: 5060, reliable: true };
/** Where requests come from (the near peer). */
export const PEER_UDP: TxTarget = { transport: 'UDP', host: '192.0.2.10', port: 5060, reliable: false };
export const PEER_TCP: TxTarget = { transport: 'TCP', host: '192.0.2.10', port: 5060, reliable: true };

export type Req = TxRequest<string>;
export type Res = TxResponse<string>;

/** A request from 192.0.2.10; `branch: undefined` makes an RFC 2543 request. */
export function req(method: string, fields: Partial<Req> = {}): Req {
  const base: Req = {
    kind: 'request',
    method,
    requestUri: 'sip:+15551230000@gw.example.net',
    branch: 'z9hG4bKa1',
    sentBy: '192.0.2.10:5060',
    topVia: '',
    cseq: { seq: 1, method },
    callId: 'call-1@192.0.2.10',
    fromTag: 'caller',
    payload: method,
  };
  const r = { ...base, ...fields };
  const via = `SIP/2.0/UDP ${r.sentBy}${r.branch === undefined ? '' : `;branch=${r.branch}`}`;
  return { ...r, topVia: fields.topVia ?? via };
}

/** The response `status` to `request`; To tag `callee` unless 100 or given. */
export function res(request: Req, status: number, fields: Partial<Res> = {}): Res {
  return {
    kind: 'response',
    status,
    branch: request.branch,
    sentBy: request.sentBy,
    topVia: request.topVia,
    cseq: request.cseq,
    callId: request.callId,
    fromTag: request.fromTag,
    toTag: status === 100 ? request.toTag : 'callee',
    payload: `${status}`,
    ...fields,
  };
}

export const factory: TxMessageFactory<string> = {
  ack: (invite, response) => ({ ...invite, method: 'ACK', cseq: { seq: invite.cseq.seq, method: 'ACK' }, toTag: response.toTag, payload: 'ACK' }),
  trying: (invite) => res(invite, 100),
  settled: (invite) => ({ ...invite, payload: `settled ${invite.payload}` }),
};

export function describe(m: TxMessage<string>): string {
  const tag = m.toTag === undefined ? '' : ` tag=${m.toTag}`;
  if (m.kind === 'response') return `${m.status} (${m.cseq.method})${tag}`;
  return `${m.method} ${m.branch ?? '(no branch)'}${m.cseq.seq === 1 ? '' : ` cseq=${m.cseq.seq}`}${tag}`;
}

const name = (tx: Transaction<string>): string => `${tx.kind}(${tx.id})`;

function describeEvent(e: TuEvent<string>): string {
  switch (e.type) {
    case 'request':
      return `${name(e.tx)} request ${describe(e.request)}${e.cancels === undefined ? '' : ` cancels ${name(e.cancels)}`}`;
    case 'response':
      return `${name(e.tx)} response ${describe(e.response)}`;
    case 'ack':
      return `${e.tx === undefined ? '' : `${name(e.tx)} `}ack ${describe(e.ack)}`;
    case 'stray-response':
      return `stray-response ${describe(e.response)}`;
    case 'error':
      return `${name(e.tx)} error ${e.error.code}`;
    case 'terminated':
      return `${name(e.tx)} terminated`;
  }
}

/** A FakeClock and a transcript: `<ms>  <text>` lines. */
export class Recorder {
  readonly clock = new FakeClock();
  readonly lines: string[] = [];
  readonly log: FsmLogger = (record) => this.line(formatFsmRecord(record));

  line(text: string): void {
    this.lines.push(`${String(this.clock.now()).padStart(6)}  ${text}`);
  }

  /** Moves the clock to `ms` (absolute), firing the timers on the way. */
  at(ms: number): void {
    this.clock.advance(ms - this.clock.now());
  }
}

/** A transaction layer wired to a Recorder; TU events are recorded and kept. */
export class Bench extends Recorder {
  readonly events: TuEvent<string>[] = [];
  readonly sent: TxMessage<string>[] = [];
  readonly layer: TransactionLayer<string>;
  /** The TU's reaction to each event, run from inside the layer's callback. */
  onEvent: (event: TuEvent<string>) => void = () => undefined;
  #failNext: string | undefined;

  constructor(timers?: Partial<SipTimerBase>) {
    super();
    const send: TxSend<string> = (message, target, onError) => {
      this.sent.push(message);
      const failure = this.#failNext;
      this.#failNext = undefined;
      this.line(`>net  ${describe(message)} to ${target.transport} ${target.host}:${target.port}${failure === undefined ? '' : ` FAILS: ${failure}`}`);
      if (failure !== undefined) onError(failure);
    };
    const tu = (event: TuEvent<string>): void => {
      this.events.push(event);
      this.line(`>tu   ${describeEvent(event)}`);
      this.onEvent(event);
    };
    this.layer = new TransactionLayer({ clock: this.clock, send, factory, tu, log: this.log, timers });
  }

  /** The next send fails with `reason`, reported synchronously. */
  failNext(reason: string): void {
    this.#failNext = reason;
  }

  fromTu(request: Req, target: TxTarget): ReturnType<TransactionLayer<string>['request']> {
    this.line(`tu>   ${describe(request)}`);
    return this.layer.request(request, target);
  }

  fromNet(message: TxMessage<string>, source: TxTarget = PEER_UDP): void {
    this.line(`net>  ${describe(message)}`);
    this.layer.receive(message, source);
  }

  respond(tx: { respond(r: Res): void }, response: Res): void {
    this.line(`tu>   ${describe(response)}`);
    tx.respond(response);
  }

  /** The server transaction the last `request` event created. */
  lastServer(): Extract<TuEvent<string>, { type: 'request' }>['tx'] {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const event = this.events[i];
      if (event?.type === 'request') return event.tx;
    }
    throw new Error('no request event yet');
  }
}

/** Compares a transcript with test/transcripts/<file>.log, ignoring `#` comments and blank lines. */
export function expectTranscript(lines: readonly string[], file: string): void {
  const url = new URL(`../../transcripts/${file}.log`, import.meta.url);
  const expected = readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  expect(lines).toEqual(expected);
}
