// Test harness for layer 2: an L2 instance on a FakeClock that records what it sends and what it
// indicates, and an in-memory D channel joining two of them with a delay and optional loss.
import { FakeClock } from '../../../src/core/clock.js';
import type { FsmLogRecord } from '../../../src/core/fsm.js';
import { createL2, type L2Indication, type L2Options, type L2Service } from '../../../src/isdn/l2/index.js';

export const hex = (s: string): Uint8Array => Uint8Array.from(s.split(/\s+/).filter(Boolean).map((b) => parseInt(b, 16)));
export const toHex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
export const text = (s: string): Uint8Array => new TextEncoder().encode(s);
export const str = (b: Uint8Array): string => new TextDecoder().decode(b);

export interface Station {
  readonly l2: L2Service;
  /** frames sent, as hex */
  readonly sent: string[];
  readonly indications: L2Indication[];
  readonly log: FsmLogRecord[];
  /** where transmit() hands frames; tests rewire it */
  out: (frame: Uint8Array) => void;
  /** the info fields of 'data' indications, as strings */
  data(): string[];
  errors(): L2Indication[];
  kinds(): string[];
  /** sent frames and indications since the last take() */
  take(): string[];
}

export function station(clock: FakeClock, options: Omit<L2Options, 'clock' | 'transmit'>): Station {
  const sent: string[] = [];
  const indications: L2Indication[] = [];
  const log: FsmLogRecord[] = [];
  let taken = 0;
  const s: Station = {
    sent,
    indications,
    log,
    out: () => undefined,
    l2: createL2({
      ...options,
      clock,
      log: (r) => log.push(r),
      transmit: (frame) => {
        sent.push(toHex(frame));
        s.out(frame);
      },
    }),
    data: () => indications.flatMap((i) => (i.kind === 'data' ? [str(i.info)] : [])),
    errors: () => indications.filter((i) => i.kind === 'error'),
    kinds: () => indications.map((i) => (i.kind === 'error' ? `error ${i.mdl ?? i.code}` : `${i.kind} ${i.tei}`)),
    take: () => {
      const out = sent.slice(taken);
      taken = sent.length;
      return out;
    },
  };
  s.l2.subscribe((i) => indications.push(i));
  return s;
}

export interface LinkOptions {
  /** one-way delay in ms */
  readonly delay?: number;
  /** drop a frame when this returns true (called once per frame, in sending order) */
  readonly drop?: (n: number, from: Station) => boolean;
}

/** Joins two stations: each frame one sends reaches the other after `delay`, unless dropped. */
export function connect(clock: FakeClock, a: Station, b: Station, options: LinkOptions = {}): { dropped: () => number } {
  let n = 0;
  let dropped = 0;
  const wire = (from: Station, to: Station) => (frame: Uint8Array) => {
    const copy = frame.slice();
    if (options.drop?.(n++, from) === true) {
      dropped += 1;
      return;
    }
    clock.setTimer(options.delay ?? 5, () => to.l2.receive(copy));
  };
  a.out = wire(a, b);
  b.out = wire(b, a);
  return { dropped: () => dropped };
}
