// Random runs against a model of a well-behaved side above (call control and the manager): whatever
// the order of far-end events, requests from above and D-channel losses, the driver never sends a
// REL or RLC that does not fit the circuit as the side above sees it, and once everything has been
// answered every B-channel is idle. Seeded, so a failure replays.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { IsdnDriver } from '../../../src/drivers/isdn/isdn-driver.js';
import { anm, acm, iam, rel, rlc } from '../../../src/drivers/isup-messages.js';
import { FakeL2, FakeQ931, FakeTransport } from './fakes.js';

const BEARER = { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x03 } };
const CICS = [33, 34, 35, 36];

type Above = 'idle' | 'seized' | 'open' | 'relSent';

function lcg(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

/** One run; `trace` (when given) collects the steps and the messages up, to replay a failing seed. */
function run(seed: number, side: 'network' | 'user', trace?: string[]): string[] {
  const rnd = lcg(seed);
  const clock = new FakeClock();
  const q931 = new FakeQ931();
  const l2 = new FakeL2();
  const transport = new FakeTransport();
  const driver = new IsdnDriver({
    name: 'm',
    side,
    kind: 'E1',
    ptmp: false,
    channels: CICS.map((cic) => ({ cic, channel: cic - 32 })),
    clock,
    channelSelection: rnd(2) === 0 ? 'exclusive' : 'preferred',
    media: { open: () => Promise.reject(new Error('unused')) },
    q931,
    l2,
    transport,
  });
  const violations: string[] = [];
  const above = new Map<number, Above>(CICS.map((c) => [c, 'idle']));
  const liveIds = new Set<number>();
  /** CICs whose REL crossed ours: the RLC to our REL may still come, and is discarded (Q.764 §2.3) */
  const crossed = new Set<number>();
  /** CICs with our IAM and nothing back yet: the user side may lose them to the network's IAM */
  const unanswered = new Set<number>();
  let nextIncoming = 5000;
  let hardwareBlocked = false;
  driver.subscribe((e) => {
    if (e.kind !== 'message') return;
    const m = e.message;
    const state = above.get(m.cic);
    trace?.push(`  up ${m.type} ${m.cic} (above ${state})`);
    const glare = side === 'user' && state === 'open' && unanswered.has(m.cic);
    if (m.type !== 'IAM') unanswered.delete(m.cic);
    switch (m.type) {
      case 'IAM':
        if (state !== 'idle' && state !== 'seized' && !glare) violations.push(`IAM up on ${m.cic} in ${state}`);
        unanswered.delete(m.cic);
        crossed.delete(m.cic);
        above.set(m.cic, 'open');
        break;
      case 'REL':
        if (state === 'relSent') crossed.add(m.cic);
        if (state === 'open' || state === 'relSent') {
          above.set(m.cic, 'idle');
          driver.send(rlc(m.cic));
        } else violations.push(`REL up on ${m.cic} in ${state}`);
        break;
      case 'RLC':
        if (state === 'relSent') above.set(m.cic, 'idle');
        else if (state === 'idle' && crossed.has(m.cic)) crossed.delete(m.cic);
        else violations.push(`RLC up on ${m.cic} in ${state}`);
        break;
      case 'CGB':
      case 'CGU':
        // hardware blocking of the span: CGB when the D-channel is lost, CGU when it is back, alternating
        if ((m.type === 'CGB') === hardwareBlocked) violations.push(`${m.type} up while ${hardwareBlocked ? 'blocked' : 'unblocked'}`);
        hardwareBlocked = m.type === 'CGB';
        break;
      default:
        // a backward message crossing our REL is discarded
        if (state !== 'open' && state !== 'relSent') violations.push(`${m.type} up on ${m.cic} in ${state}`);
    }
  });
  const up = (): void => {
    transport.emit({ kind: 'up' });
    l2.emit({ kind: 'established', tei: 0 });
    q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: true });
  };
  driver.start();
  up();
  clock.advance(0);
  for (let step = 0; step < 80; step++) {
    const cic = CICS[rnd(CICS.length)] as number;
    const ids = [...liveIds];
    const id = ids[rnd(Math.max(ids.length, 1))];
    const op = rnd(11);
    trace?.push(`step ${step} op ${op} cic ${cic} id ${id} link ${driver.link} q931 ${q931.requests.length}`);
    switch (op) {
      case 0:
        if (above.get(cic) === 'idle' && driver.seize(cic).ok) {
          above.set(cic, 'seized');
          crossed.delete(cic);
        }
        break;
      case 1:
        if (above.get(cic) === 'seized') {
          above.set(cic, 'open');
          crossed.delete(cic);
          unanswered.add(cic);
          if (!driver.send(iam(cic, { called: '1' })).ok) above.set(cic, 'idle');
          const last = q931.requests.at(-1);
          if (last?.op === 'setup') liveIds.add(last.id);
        }
        break;
      case 2: {
        const inc = nextIncoming++;
        liveIds.add(inc);
        const channel = rnd(3) === 0 ? ('any' as const) : 1 + rnd(5);
        q931.emit({ kind: 'setup', id: inc, tei: 0, info: { bearer: BEARER, channel: { channel, exclusive: rnd(2) === 0 }, sendingComplete: true } });
        break;
      }
      case 3:
        if (id !== undefined) q931.emit({ kind: ['proceeding', 'alerting', 'connect'][rnd(3)] as 'alerting', id, ...(rnd(3) === 0 ? { channel: { channel: 1 + rnd(4), exclusive: true } } : {}) });
        break;
      case 4:
        if (id !== undefined) q931.emit({ kind: 'disconnect', id, cause: { codingStandard: 0, location: 4, causeValue: 16 } });
        break;
      case 5:
        if (id !== undefined) {
          liveIds.delete(id);
          q931.emit({ kind: 'cleared', id, cause: { codingStandard: 0, location: 4, causeValue: 16 } });
        }
        break;
      case 6:
        if (above.get(cic) === 'open') {
          above.set(cic, 'relSent');
          driver.send(rel(cic, 16));
        }
        break;
      case 7:
        if (above.get(cic) === 'open') driver.send(rnd(2) === 0 ? acm(cic, 'free') : anm(cic));
        break;
      case 8:
        clock.advance(0);
        break;
      case 9:
        if (rnd(4) === 0) {
          if (rnd(2) === 0) transport.emit({ kind: 'down', reason: 'x' });
          else l2.emit({ kind: 'released', tei: 0 });
        }
        break;
      case 10:
        if (driver.link === 'down' && rnd(2) === 0) {
          up();
          // the RESTART clears every call at Q.931 level
          for (const x of liveIds) q931.emit({ kind: 'cleared', id: x });
          liveIds.clear();
        }
        break;
    }
  }
  // wind down: deliver everything, lose the D-channel, let Q.931 finish every call
  clock.advance(0);
  transport.emit({ kind: 'down', reason: 'end' });
  clock.advance(0);
  for (const x of liveIds) q931.emit({ kind: 'cleared', id: x });
  clock.advance(0);
  for (const [cic, s] of above) if (s === 'seized') above.set(cic, 'idle');
  const left = [...above].filter(([, s]) => s !== 'idle').map(([c, s]) => `above ${c} ${s}`);
  const busy = driver.channels().filter((c) => c.state !== 'idle').map((c) => `driver ${c.cic} ${c.state}`);
  return [...violations, ...left, ...busy];
}

describe('IsdnDriver against a model of the side above (random runs)', () => {
  for (const side of ['network', 'user'] as const) {
    it(`${side} side: 300 seeded runs, no stray REL/RLC, every channel idle at the end`, () => {
      const failures: string[] = [];
      for (let seed = 1; seed <= 300; seed++) {
        const v = run(seed, side);
        if (v.length > 0) failures.push(`seed ${seed}: ${v.slice(0, 3).join('; ')}`);
      }
      expect(failures.slice(0, 5)).toEqual([]);
    });
  }
});
