// The rig of the driver-level tests against libpri (test/peers/build/pri-peer): the ISDN driver
// with the real stack (TcpDChannel → createL2 → createQ931Interface → IsdnDriver, built by
// buildIsdnDriver) connected over TCP to a peer process, plus the call sequences the tests share.
import { afterEach, expect } from 'vitest';
import type { IsdnTrunkGroupConfig } from '../../../src/config/index.js';
import { systemClock } from '../../../src/core/clock.js';
import { buildIsdnDriver } from '../../../src/drivers/isdn/build.js';
import type { IsdnDriver } from '../../../src/drivers/isdn/isdn-driver.js';
import { acm, anm, calledDigits, iam, rel, rlc } from '../../../src/drivers/isup-messages.js';
import type { DriverEvent, PortMessage } from '../../../src/drivers/port.js';
import { createL2 } from '../../../src/isdn/l2/index.js';
import { createQ931Interface } from '../../../src/isdn/q931/index.js';
import { PriPeer, peerBinary, type PeerEvent, type PriPeerOptions } from '../../support/pri-peer.js';
import { config } from '../../config/helpers.js';
import { collectSentFrames, verifySentFramesAfterAll } from '../../support/isdn-sent-frames.js';
import { decodeFrame, decodeMessage, type LapdFrame, type Q931Message } from 'q931-codec';

export const T = 90_000;
/** CIC of B-channel 0 of span 2 (CIC = span * 32 + channel) */
export const B = 64;
if (!peerBinary().exists) throw new Error(`the libpri peer is not built: ${peerBinary().build}`);

export interface Rig {
  readonly driver: IsdnDriver;
  readonly peer: PriPeer;
  readonly events: DriverEvent[];
  /** the next message from the driver of `type` (on `cic` when given) */
  next(type: PortMessage['type'], cic?: number, timeoutMs?: number): Promise<PortMessage>;
  /** messages from the driver so far */
  messages(type?: PortMessage['type'], cic?: number): PortMessage[];
  /** resolves once `find` returns something (checked on every driver event and every 50 ms) */
  until<X>(find: () => X | undefined, what: string, timeoutMs?: number): Promise<X>;
  linkUp(): Promise<void>;
  linkDown(): Promise<void>;
  /** every B-channel idle (the last RELEASE COMPLETE may follow the RLC) */
  idle(): Promise<void>;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});
// every frame the driver sends to libpri in a file's runs is checked against tshark after the file
verifySentFramesAfterAll();

export function groupOf(yaml: string): IsdnTrunkGroupConfig {
  return config({ 'isdn.yaml': `trunkGroups:\n  isdn-a:\n${yaml}` }).trunkGroups.find((g) => g.name === 'isdn-a') as IsdnTrunkGroupConfig;
}

export async function rig(group: (port: number) => string, peerOptions: PriPeerOptions): Promise<Rig> {
  const peer = await PriPeer.start({ listen: 0, dump: true, ...peerOptions });
  const port = Number((peer.all('ready')[0] as { port?: number } | undefined)?.port);
  const driver = buildIsdnDriver(groupOf(group(port)), { clock: systemClock, createL2, createQ931Interface });
  const events: DriverEvent[] = [];
  const waiters = new Set<() => void>();
  driver.subscribe((e) => {
    events.push(e);
    for (const w of [...waiters]) w();
  });
  const taken = new Set<PortMessage>();
  const until = <X>(find: () => X | undefined, what: string, timeoutMs = 30_000): Promise<X> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        clearInterval(poll);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        clearInterval(poll);
        reject(new Error(`no ${what} from the driver within ${timeoutMs} ms; channels: ${JSON.stringify(driver.channels().filter((c) => c.state !== 'idle'))}; peer: ${peer.recent()}`));
      }, timeoutMs);
      const poll = setInterval(check, 50);
      waiters.add(check);
      check();
    });
  const messages = (type?: PortMessage['type'], cic?: number): PortMessage[] =>
    events.flatMap((e) => (e.kind === 'message' ? [e.message] : [])).filter((x) => (type === undefined || x.type === type) && (cic === undefined || x.cic === cic));
  driver.start();
  open.push(async () => {
    driver.stop();
    await peer.close();
    collectSentFrames(peer);
  });
  return {
    driver,
    peer,
    events,
    messages,
    until,
    next: (type, cic, timeoutMs) =>
      until(
        () => {
          const m = messages(type, cic).find((x) => !taken.has(x));
          if (m !== undefined) taken.add(m);
          return m;
        },
        type,
        timeoutMs,
      ),
    linkUp: () => until(() => (driver.link === 'up' ? true : undefined), 'link up').then(() => undefined),
    linkDown: () => until(() => (driver.link === 'down' ? true : undefined), 'link down').then(() => undefined),
    idle: () => until(() => (driver.channels().every((c) => c.state === 'idle') ? true : undefined), 'idle channels').then(() => undefined),
  };
}

export const pri = (side: 'user' | 'network', type: 'E1' | 'T1', sw: 'euroIsdn' | 'ni2') => (port: number) =>
  `    driver: pri\n    side: ${side}\n    switchType: ${sw}\n    spans: [{ span: 2, type: ${type} }]\n    dchannel: { connect: 'tcp:127.0.0.1:${port}' }\n`;
export const bri = (side: 'user' | 'network', mode: 'ptp' | 'ptmp') => (port: number) =>
  `    driver: bri\n    side: ${side}\n    bri: { mode: ${mode} }\n    spans: [{ span: 2, type: BRI }]\n    dchannel: { connect: 'tcp:127.0.0.1:${port}' }\n`;

/** The cause value of a REL. */
export const causeOf = (m: PortMessage): number | undefined => (m.type === 'REL' ? m.params.causeIndicators.causeValue : undefined);

/** An outgoing call from the driver on `cic`, ringing at the peer (the peer's `ring` event). */
export async function dial(r: Rig, cic: number, called = '4930123456'): Promise<PeerEvent> {
  expect(r.driver.seize(cic).ok).toBe(true);
  expect(r.driver.send(iam(cic, { called, calling: '4940999' })).ok).toBe(true);
  const ring = await r.peer.waitFor('ring', (e) => e.called === called);
  expect(ring.calling).toBe('4940999');
  return ring;
}

/** An outgoing call from the driver on `cic`, answered by the peer, cleared by the driver (cause 16). */
export async function outgoingAnswered(r: Rig, cic: number, teAnswers = false): Promise<void> {
  const ring = await dial(r, cic);
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

/** An incoming call from the peer (instance `te`) on `channel`, answered above; returns the CIC and the peer's call id. */
export async function incomingUp(r: Rig, channel: number, te = 0): Promise<{ cic: number; id: unknown }> {
  r.peer.send(`call ${te} 2001 4930999 ${channel} exclusive`);
  const m = await r.next('IAM');
  if (m.type !== 'IAM') throw new Error('not an IAM');
  expect(m.cic).toBe(B + channel);
  expect(calledDigits(m)).toBe('2001');
  const calling = await r.peer.waitFor('calling');
  expect(calling.rc).toBe(0);
  r.driver.send(acm(m.cic, 'free'));
  await r.peer.waitFor('alerting', (e) => e.id === calling.id);
  r.driver.send(anm(m.cic));
  await r.peer.waitFor('answer', (e) => e.id === calling.id);
  return { cic: m.cic, id: calling.id };
}

/** An incoming call from the peer, answered by the driver's upper side, cleared by the peer with `cause`. */
export async function incomingAnswered(r: Rig, channel: number, cause = 16, te = 0): Promise<void> {
  const { cic, id } = await incomingUp(r, channel, te);
  r.peer.send(`hangup ${String(id)} ${cause}`);
  const released = await r.next('REL', cic);
  expect(causeOf(released)).toBe(cause);
  r.driver.send(rlc(cic));
  await r.peer.waitFor('hangup_ack', (e) => e.id === id);
}

/** Frames the driver sent (`rx`) or received (`tx`), decoded, with the Q.931 message of SAPI 0 information fields. */
export function decodedFrames(peer: PriPeer, ev: 'rx' | 'tx'): { frame: LapdFrame; message?: Q931Message }[] {
  return peer.all(ev).flatMap((e) => {
    const f = decodeFrame(Uint8Array.from(Buffer.from(String(e.hex).replace(/\s+/g, ''), 'hex')));
    if (!f.ok) return [];
    const info = 'info' in f.value ? f.value.info : undefined;
    if (info === undefined || f.value.sapi !== 0 || info.length === 0) return [{ frame: f.value }];
    const m = decodeMessage(info);
    return [{ frame: f.value, ...(m.ok ? { message: m.value } : {}) }];
  });
}
