// The ISDN driver with the real stack (TcpDChannel → createL2 → createQ931Interface → IsdnDriver)
// against libpri (test/peers/build/pri-peer) over TCP: the driver side of the PRI/BRI scenarios,
// without SIP. The SIP ⇄ ISDN end-to-end runs are in test/e2e/isdn.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { IsdnTrunkGroupConfig } from '../../../src/config/index.js';
import { systemClock } from '../../../src/core/clock.js';
import { buildIsdnDriver } from '../../../src/drivers/isdn/build.js';
import type { IsdnDriver } from '../../../src/drivers/isdn/isdn-driver.js';
import { acm, anm, calledDigits, iam, rel, rlc } from '../../../src/drivers/isup-messages.js';
import type { DriverEvent, PortMessage } from '../../../src/drivers/port.js';
import { createL2 } from '../../../src/isdn/l2/index.js';
import { createQ931Interface } from '../../../src/isdn/q931/index.js';
import { PriPeer, peerBinary, type PriPeerOptions } from '../../support/pri-peer.js';
import { config } from '../../config/helpers.js';

const T = 60_000;
/** CIC of B-channel 0 of span 2 (CIC = span * 32 + channel) */
const B = 64;
if (!peerBinary().exists) throw new Error(`the libpri peer is not built: ${peerBinary().build}`);

interface Rig {
  readonly driver: IsdnDriver;
  readonly peer: PriPeer;
  readonly events: DriverEvent[];
  /** the next message from the driver of `type` (on `cic` when given) */
  next(type: PortMessage['type'], cic?: number, timeoutMs?: number): Promise<PortMessage>;
  linkUp(): Promise<void>;
  /** every B-channel idle (the last RELEASE COMPLETE may follow the RLC) */
  idle(): Promise<void>;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

function groupOf(yaml: string): IsdnTrunkGroupConfig {
  return config({ 'isdn.yaml': `trunkGroups:\n  isdn-a:\n${yaml}` }).trunkGroups.find((g) => g.name === 'isdn-a') as IsdnTrunkGroupConfig;
}

async function rig(group: (port: number) => string, peerOptions: PriPeerOptions): Promise<Rig> {
  const peer = await PriPeer.start({ listen: 0, ...peerOptions });
  const port = Number((peer.all('ready')[0] as { port?: number } | undefined)?.port);
  const driver = buildIsdnDriver(groupOf(group(port)), { clock: systemClock, createL2, createQ931Interface });
  const events: DriverEvent[] = [];
  const waiters = new Set<() => void>();
  driver.subscribe((e) => {
    events.push(e);
    for (const w of [...waiters]) w();
  });
  const taken = new Set<PortMessage>();
  const until = <X>(find: () => X | undefined, what: string, timeoutMs = 20_000): Promise<X> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${what} from the driver; peer: ${peer.recent()}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  driver.start();
  open.push(async () => {
    driver.stop();
    await peer.close();
  });
  return {
    driver,
    peer,
    events,
    next: (type, cic, timeoutMs) =>
      until(
        () => {
          const m = events.flatMap((e) => (e.kind === 'message' ? [e.message] : [])).find((x) => !taken.has(x) && x.type === type && (cic === undefined || x.cic === cic));
          if (m !== undefined) taken.add(m);
          return m;
        },
        type,
        timeoutMs,
      ),
    linkUp: () => until(() => (driver.link === 'up' ? true : undefined), 'link up').then(() => undefined),
    idle: async () => {
      for (let i = 0; i < 100 && driver.channels().some((c) => c.state !== 'idle'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(driver.channels().filter((c) => c.state !== 'idle')).toEqual([]);
    },
  };
}

const pri = (side: 'user' | 'network', type: 'E1' | 'T1', sw: 'euroIsdn' | 'ni2') => (port: number) =>
  `    driver: pri\n    side: ${side}\n    switchType: ${sw}\n    spans: [{ span: 2, type: ${type} }]\n    dchannel: { connect: 'tcp:127.0.0.1:${port}' }\n`;
const bri = (side: 'user' | 'network', mode: 'ptp' | 'ptmp') => (port: number) =>
  `    driver: bri\n    side: ${side}\n    bri: { mode: ${mode} }\n    spans: [{ span: 2, type: BRI }]\n    dchannel: { connect: 'tcp:127.0.0.1:${port}' }\n`;

/** An outgoing call from the driver on `cic`, answered by the peer, cleared by the driver (cause 16). */
async function outgoingAnswered(r: Rig, cic: number, teAnswers = false): Promise<void> {
  expect(r.driver.seize(cic).ok).toBe(true);
  expect(r.driver.send(iam(cic, { called: '4930123456', calling: '4940999' })).ok).toBe(true);
  const ring = await r.peer.waitFor('ring');
  expect(ring.called).toBe('4930123456');
  expect(ring.calling).toBe('4940999');
  expect(ring.channel).toBe(cic - B);
  if (!teAnswers) r.peer.send(`alert ${String(ring.id)}`);
  if (!teAnswers) await r.next('ACM', cic);
  r.peer.send(`answer ${String(ring.id)}`);
  await r.next('ANM', cic);
  r.driver.send(rel(cic, 16, 0));
  const hangup = await r.peer.waitFor('hangup', (e) => e.id === ring.id);
  expect(hangup.cause).toBe(16);
  await r.next('RLC', cic);
}

/** An incoming call from the peer, answered by the driver's upper side, cleared by the peer with `cause`. */
async function incomingAnswered(r: Rig, channel: number, cause = 16): Promise<void> {
  r.peer.send(`call 0 2001 4930999 ${channel} exclusive`);
  const m = await r.next('IAM');
  if (m.type !== 'IAM') throw new Error('not an IAM');
  expect(m.cic).toBe(B + channel);
  expect(calledDigits(m)).toBe('2001');
  const calling = await r.peer.waitFor('calling');
  r.driver.send(acm(m.cic, 'free'));
  await r.peer.waitFor('alerting', (e) => e.id === calling.id);
  r.driver.send(anm(m.cic));
  await r.peer.waitFor('answer', (e) => e.id === calling.id);
  r.peer.send(`hangup ${String(calling.id)} ${cause}`);
  const released = await r.next('REL', m.cic);
  expect(released.type === 'REL' && released.params.causeIndicators.causeValue).toBe(cause);
  r.driver.send(rlc(m.cic));
  await r.peer.waitFor('hangup_ack', (e) => e.id === calling.id);
}

describe('PRI against libpri', () => {
  it('EuroISDN E1, Tandem user side: RESTART at start, calls both ways, rejection with cause 17', async () => {
    const r = await rig(pri('user', 'E1', 'euroIsdn'), { node: 'net', switchType: 'euroisdn_e1' });
    await r.linkUp();
    await outgoingAnswered(r, B + 5);
    await incomingAnswered(r, 7);
    r.driver.seize(B + 9);
    r.driver.send(iam(B + 9, { called: '17' }));
    const ring = await r.peer.waitFor('ring');
    r.peer.send(`proceeding ${String(ring.id)}`);
    r.peer.send(`hangup ${String(ring.id)} 17`);
    const refused = await r.next('REL', B + 9);
    expect(refused.type === 'REL' && refused.params.causeIndicators.causeValue).toBe(17);
    r.driver.send(rlc(B + 9));
    await r.idle();
  }, T);

  it('EuroISDN E1, Tandem network side', async () => {
    const r = await rig(pri('network', 'E1', 'euroIsdn'), { node: 'cpe', switchType: 'euroisdn_e1' });
    await r.linkUp();
    await outgoingAnswered(r, B + 3);
    await incomingAnswered(r, 4, 31);
    await r.idle();
  }, T);

  it('NI2 T1, Tandem user side', async () => {
    const r = await rig(pri('user', 'T1', 'ni2'), { node: 'net', switchType: 'ni2' });
    await r.linkUp();
    await outgoingAnswered(r, B + 2);
    await incomingAnswered(r, 6);
    await r.idle();
  }, T);
});

describe('BRI against libpri', () => {
  it('point-to-point, Tandem user side', async () => {
    const r = await rig(bri('user', 'ptp'), { node: 'net', bri: 'ptp' });
    await r.linkUp();
    await outgoingAnswered(r, B + 1);
    await incomingAnswered(r, 2);
    await r.idle();
  }, T);
});
