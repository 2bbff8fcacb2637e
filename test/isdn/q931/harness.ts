// Test harness: one or two Q.931 interfaces on fake layer 2 with a FakeClock, recording events.
import { FakeClock } from '../../../src/core/clock.js';
import { createQ931Interface, type InterfaceOptions, type Q931Event, type Q931Interface } from '../../../src/isdn/q931/index.js';
import { Layer1Protocol, TransferCapability, TransferRate, type BearerCapability, type Cause } from 'q931-codec';
import { FakeL2 } from './fake-l2.js';

export const SPEECH_ALAW: BearerCapability = {
  codingStandard: 0,
  transferCapability: TransferCapability.SPEECH,
  transferMode: 0,
  transferRate: TransferRate.KBIT_64,
  layer1: { protocol: Layer1Protocol.G711_A_LAW },
};

export const cause = (value: number, location = 0): Cause => ({ codingStandard: 0, location, causeValue: value });

export interface Side {
  readonly q: Q931Interface;
  readonly l2: FakeL2;
  readonly events: Q931Event[];
  /** events of `kind`, in order */
  of<K extends Q931Event['kind']>(kind: K): Extract<Q931Event, { kind: K }>[];
}

export function side(clock: FakeClock, l2: FakeL2, options: Partial<InterfaceOptions> = {}): Side {
  const q = createQ931Interface({ side: l2.side, variant: 'euroIsdn', kind: 'E1', ptmp: false, l2, clock, ...options });
  const events: Q931Event[] = [];
  q.subscribe((e) => events.push(e));
  return {
    q,
    l2,
    events,
    of: <K extends Q931Event['kind']>(kind: K) => events.filter((e): e is Extract<Q931Event, { kind: K }> => e.kind === kind),
  };
}

/** A user and a network side back to back on one point-to-point link. */
export function pair(options: Partial<InterfaceOptions> = {}): { clock: FakeClock; user: Side; net: Side } {
  const clock = new FakeClock();
  const nl2 = new FakeL2('network');
  const ul2 = new FakeL2('user');
  FakeL2.link(nl2, ul2);
  const net = side(clock, nl2, options);
  const user = side(clock, ul2, options);
  nl2.up(0);
  return { clock, user, net };
}

/** Every call seen by `s` ended with exactly one 'cleared' and none is left. */
export function allCleared(s: Side): boolean {
  const ids = new Set<number>();
  for (const e of s.events) if ('id' in e && e.id !== undefined && e.kind !== 'protocolError') ids.add(e.id);
  for (const e of s.events) if (e.kind === 'setup') ids.add(e.id);
  const counts = new Map<number, number>();
  for (const e of s.of('cleared')) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
  return s.q.calls().length === 0 && [...ids].every((id) => counts.get(id) === 1) && [...counts.values()].every((n) => n === 1);
}
