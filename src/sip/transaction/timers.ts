// SIP_TIMERS: RFC 3261 Appendix A, Table 4 (T1, T2, T4 and timers A-K), plus timers L and M of
// RFC 6026 §7.1-§7.2. One row per timer; every value derives from T1, T2 and T4, which the
// caller may configure (RFC 3261 §17.1.1.1, §17.1.2.2).

/** The configurable base values, in ms. */
export interface SipTimerBase {
  readonly T1: number;
  readonly T2: number;
  readonly T4: number;
}

export const SIP_TIMER_DEFAULTS: SipTimerBase = { T1: 500, T2: 4000, T4: 5000 };

export type SipTimerName = 'T1' | 'T2' | 'T4' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M';

export interface SipTimerRow {
  readonly name: SipTimerName;
  /** The value as the RFC states it. */
  readonly value: string;
  readonly ref: string;
  readonly desc: string;
  /** First interval in ms; null where the timer is not run on this kind of transport. */
  readonly initial: (base: SipTimerBase, reliable: boolean) => number | null;
  /** How the interval grows each time the timer is re-armed. */
  readonly backoff?: 'double' | 'double up to T2';
}

const unreliableOnly = (ms: (b: SipTimerBase) => number) => (b: SipTimerBase, reliable: boolean) => (reliable ? null : ms(b));
const zeroIfReliable = (ms: (b: SipTimerBase) => number) => (b: SipTimerBase, reliable: boolean) => (reliable ? 0 : ms(b));
const always = (ms: (b: SipTimerBase) => number) => (b: SipTimerBase) => ms(b);

export const SIP_TIMERS: { readonly [K in SipTimerName]: SipTimerRow & { readonly name: K } } = {
  T1: { name: 'T1', value: '500 ms default', ref: 'RFC 3261 §17.1.1.1', desc: 'RTT estimate', initial: always((b) => b.T1) },
  T2: {
    name: 'T2',
    value: '4 s',
    ref: 'RFC 3261 §17.1.2.2',
    desc: 'The maximum retransmit interval for non-INVITE requests and INVITE responses',
    initial: always((b) => b.T2),
  },
  T4: { name: 'T4', value: '5 s', ref: 'RFC 3261 §17.1.2.2', desc: 'Maximum duration a message will remain in the network', initial: always((b) => b.T4) },
  A: {
    name: 'A',
    value: 'initially T1',
    ref: 'RFC 3261 §17.1.1.2',
    desc: 'INVITE request retransmit interval, for UDP only',
    initial: unreliableOnly((b) => b.T1),
    backoff: 'double',
  },
  B: { name: 'B', value: '64*T1', ref: 'RFC 3261 §17.1.1.2', desc: 'INVITE transaction timeout timer', initial: always((b) => 64 * b.T1) },
  C: {
    name: 'C',
    value: '> 3 min (here 3 min + 1 s)',
    ref: 'RFC 3261 §16.6 bullet 11',
    desc: 'proxy INVITE transaction timeout; run by a TU, not by this layer',
    initial: always(() => 181_000),
  },
  D: {
    name: 'D',
    value: '> 32 s for UDP (here max(32 s, 64*T1)), 0 s for TCP/SCTP',
    ref: 'RFC 3261 §17.1.1.2, RFC 6026 §8.4',
    desc: 'Wait time for response retransmits',
    initial: zeroIfReliable((b) => Math.max(32_000, 64 * b.T1)),
  },
  E: {
    name: 'E',
    value: 'initially T1',
    ref: 'RFC 3261 §17.1.2.2',
    desc: 'non-INVITE request retransmit interval, UDP only (T2 once Proceeding)',
    initial: unreliableOnly((b) => b.T1),
    backoff: 'double up to T2',
  },
  F: { name: 'F', value: '64*T1', ref: 'RFC 3261 §17.1.2.2', desc: 'non-INVITE transaction timeout timer', initial: always((b) => 64 * b.T1) },
  G: {
    name: 'G',
    value: 'initially T1',
    ref: 'RFC 3261 §17.2.1',
    desc: 'INVITE response retransmit interval',
    initial: unreliableOnly((b) => b.T1),
    backoff: 'double up to T2',
  },
  H: { name: 'H', value: '64*T1', ref: 'RFC 3261 §17.2.1', desc: 'Wait time for ACK receipt', initial: always((b) => 64 * b.T1) },
  I: {
    name: 'I',
    value: 'T4 for UDP, 0 s for TCP/SCTP',
    ref: 'RFC 3261 §17.2.1',
    desc: 'Wait time for ACK retransmits',
    initial: zeroIfReliable((b) => b.T4),
  },
  J: {
    name: 'J',
    value: '64*T1 for UDP, 0 s for TCP/SCTP',
    ref: 'RFC 3261 §17.2.2',
    desc: 'Wait time for non-INVITE request retransmits',
    initial: zeroIfReliable((b) => 64 * b.T1),
  },
  K: {
    name: 'K',
    value: 'T4 for UDP, 0 s for TCP/SCTP',
    ref: 'RFC 3261 §17.1.2.2',
    desc: 'Wait time for response retransmits',
    initial: zeroIfReliable((b) => b.T4),
  },
  L: {
    name: 'L',
    value: '64*T1',
    ref: 'RFC 6026 §7.1, §8.7',
    desc: 'Wait time for accepted INVITE request retransmits',
    initial: always((b) => 64 * b.T1),
  },
  M: {
    name: 'M',
    value: '64*T1',
    ref: 'RFC 6026 §7.2, §8.4',
    desc: 'Wait time for retransmission of 2xx to INVITE or additional 2xx from other branches of a forked INVITE',
    initial: always((b) => 64 * b.T1),
  },
};

/** The interval of the nth arming (from 0) of a timer; null where it is not run on this transport. */
export function sipTimerInterval(name: SipTimerName, base: SipTimerBase, reliable: boolean, nth = 0): number | null {
  const row: SipTimerRow = SIP_TIMERS[name];
  const first = row.initial(base, reliable);
  if (first === null || row.backoff === undefined) return first;
  const doubled = first * 2 ** nth;
  return row.backoff === 'double' ? doubled : Math.min(doubled, base.T2);
}
