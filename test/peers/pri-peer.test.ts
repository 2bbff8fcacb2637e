// The libpri test peer (test/peers/pri-peer.c) proven before the product's ISDN stack exists:
// two peers against each other (PRI EuroISDN E1/T1, NI2, BRI PTP, a BRI PTMP bus of two TEs,
// FCS mode), and a raw client built from q931-codec speaking the framing of docs/test-peers.md.
import { Socket, connect } from 'node:net';
import {
  decodeFrame,
  decodeMessage,
  encodeFrame,
  encodeMessage,
  findIe,
  type LapdFrame,
  type Q931Message,
} from 'q931-codec';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PriPeer, peerBinary, type PeerEvent, type PriPeerOptions, type SwitchType } from '../support/pri-peer.js';

// These run several processes on a loaded 2-core machine: generous limits.
const TEST_TIMEOUT = 90_000;
const WAIT = 30_000;

const running: PriPeer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.close()));
});

beforeAll(() => {
  const bin = peerBinary();
  if (!bin.exists) throw new Error(`pri-peer is not built (${bin.path}); build it with: ${bin.build}`);
});

async function start(options: PriPeerOptions): Promise<PriPeer> {
  const peer = await PriPeer.start(options);
  running.push(peer);
  return peer;
}

/** A listening NET peer and a CPE peer connected to it, with both D-channels up. */
async function pair(net: PriPeerOptions, cpe: PriPeerOptions): Promise<{ net: PriPeer; cpe: PriPeer }> {
  const n = await start({ listen: 0, node: 'net', name: 'net', ...net });
  expect(n.port).toBeGreaterThan(0);
  const c = await start({ connect: `127.0.0.1:${String(n.port)}`, node: 'cpe', name: 'cpe', ...cpe });
  await Promise.all([n.waitFor('connected', undefined, WAIT), c.waitFor('connected', undefined, WAIT)]);
  await Promise.all([n.waitFor('dchan_up', undefined, WAIT), c.waitFor('dchan_up', undefined, WAIT)]);
  return { net: n, cpe: c };
}

const id = (e: PeerEvent): number => e.id as number;
const forCall =
  (callId: number) =>
  (e: PeerEvent): boolean =>
    e.id === callId;

/** The Q.931 messages in the peer's dumped frames of one direction. */
function dumpedMessages(peer: PriPeer, dir: 'rx' | 'tx'): Q931Message[] {
  const out: Q931Message[] = [];
  for (const e of peer.all(dir)) {
    const f = decodeFrame(Buffer.from(e.hex as string, 'hex'));
    if (!f.ok || (f.value.type !== 'I' && f.value.type !== 'UI')) continue;
    const m = decodeMessage(f.value.info);
    if (m.ok) out.push(m.value);
  }
  return out;
}

/** `caller` places a call that `callee` answers; `caller` then clears with cause 16. */
async function answeredCall(caller: PriPeer, callee: PriPeer, channel: number): Promise<PeerEvent> {
  caller.send(`call 0 4930123456 4940999 ${String(channel)} exclusive`);
  const calling = await caller.waitFor('calling', undefined, WAIT);
  expect(calling.rc).toBe(0);
  const ring = await callee.waitFor('ring', undefined, WAIT);
  expect(ring).toMatchObject({
    called: '4930123456',
    calling: '4940999',
    channel,
    exclusive: 1,
    called_ton: 2,
    called_plan: 1,
    calling_ton: 2,
    calling_plan: 1,
    calling_pres: 0,
    bearer: 0,
    redirecting: '',
    redirecting_reason: -1,
  });
  callee.send(`proceeding ${String(id(ring))}`);
  await caller.waitFor('proceeding', forCall(id(calling)), WAIT);
  callee.send(`alert ${String(id(ring))}`);
  await caller.waitFor('alerting', forCall(id(calling)), WAIT);
  callee.send(`answer ${String(id(ring))}`);
  const answer = await caller.waitFor('answer', forCall(id(calling)), WAIT);
  expect(answer.channel).toBe(channel);
  await callee.waitFor('connect_ack', forCall(id(ring)), WAIT);

  caller.send(`hangup ${String(id(calling))} 16`);
  const hangup = await callee.waitFor('hangup', forCall(id(ring)), WAIT);
  expect(hangup.cause).toBe(16);
  expect(hangup.msg).toBe('disconnect');
  expect(typeof hangup.location).toBe('number');
  const ack = await caller.waitFor('hangup_ack', forCall(id(calling)), WAIT);
  expect(ack.cause).toBe(16);
  await callee.waitFor('hangup_ack', forCall(id(ring)), WAIT);
  return ring;
}

/** `caller` places a call that `callee` rejects with cause 17 (user busy). */
async function rejectedCall(caller: PriPeer, callee: PriPeer, channel: number): Promise<void> {
  caller.send(`call 0 5551234 5559876 ${String(channel)}`);
  const calling = await caller.waitFor('calling', undefined, WAIT);
  const ring = await callee.waitFor('ring', undefined, WAIT);
  expect(ring.called).toBe('5551234');
  callee.send(`hangup ${String(id(ring))} 17`);
  // libpri would skip the DISCONNECT of a call it has not answered yet: the peer sends CALL PROCEEDING first
  await caller.waitFor('proceeding', forCall(id(calling)), WAIT);
  const hangup = await caller.waitFor('hangup', forCall(id(calling)), WAIT);
  expect(hangup.cause).toBe(17);
  await callee.waitFor('hangup_ack', forCall(id(ring)), WAIT);
}

// libpri sends Sending complete (and so reports `complete`) with the EuroISDN switch types only.
describe.each<[SwitchType, number, number]>([
  ['euroisdn_e1', 1, 0x23],
  ['ni2', 0, 0x22],
  ['euroisdn_t1', 1, 0x23],
])('PRI %s: two pri-peers', (switchType, complete, layer1) => {
  it(
    'bring both D-channels up; a CPE call is answered and cleared with cause 16; a NET call is rejected with cause 17',
    async () => {
      const { net, cpe } = await pair({ switchType, dump: true }, { switchType });
      const ring = await answeredCall(cpe, net, 3);
      expect(ring.complete).toBe(complete);
      expect(ring.layer1).toBe(layer1); // G.711 A-law (0x23) or mu-law (0x22)
      await rejectedCall(net, cpe, 5);
      const setup = dumpedMessages(net, 'rx').find((m) => m.type === 'SETUP');
      expect(setup?.callReference.length).toBe(2); // primary rate: 2-octet call reference
      const ies = setup?.ies ?? [];
      const channelId = findIe(ies, 'channelIdentification');
      expect(channelId?.interfaceType).toBe(1);
      expect(channelId?.channel?.numbers).toEqual([3]);
      expect(ies.some((ie) => ie.name === 'sendingComplete')).toBe(complete === 1);
      expect(findIe(ies, 'calledPartyNumber')?.digits).toBe('4930123456');
    },
    TEST_TIMEOUT,
  );
});

describe('BRI', () => {
  it(
    'point-to-point: calls both ways with 1-octet call references',
    async () => {
      const { net, cpe } = await pair({ bri: 'ptp', dump: true }, { bri: 'ptp' });
      await answeredCall(cpe, net, 1);
      await answeredCall(net, cpe, 2);
      await rejectedCall(cpe, net, 1);
      const setups = dumpedMessages(net, 'rx').filter((m) => m.type === 'SETUP');
      expect(setups.length).toBe(2);
      for (const s of setups) expect(s.callReference.length).toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'point-to-multipoint: two TEs on one bus get TEIs; a NET call rings both, one answers, the other is cleared with cause 26',
    async () => {
      const net = await start({ listen: 0, node: 'net', bri: 'ptmp', name: 'nt' });
      const bus = await start({ connect: `127.0.0.1:${String(net.port)}`, node: 'cpe', bri: 'ptmp', tes: 2, name: 'bus', dump: true });
      const [tei0, tei1] = await Promise.all([
        bus.waitFor('tei', (e) => e.te === 0, WAIT),
        bus.waitFor('tei', (e) => e.te === 1, WAIT),
      ]);
      expect(tei0.tei).toBeGreaterThanOrEqual(64);
      expect(tei1.tei).toBeGreaterThanOrEqual(64);
      expect(tei0.tei).not.toBe(tei1.tei);
      await Promise.all([bus.waitFor('dchan_up', (e) => e.te === 0, WAIT), bus.waitFor('dchan_up', (e) => e.te === 1, WAIT)]);
      // each TE's link is acknowledged (UA on its own TEI)
      const ua = (tei: unknown) => (e: PeerEvent) => e.hex === `00${(((tei as number) << 1) | 1).toString(16)}73`;
      await Promise.all([bus.waitFor('rx', ua(tei0.tei), WAIT), bus.waitFor('rx', ua(tei1.tei), WAIT)]);

      net.send('call 0 123456 654321 1');
      const calling = await net.waitFor('calling', undefined, WAIT);
      const [ring0, ring1] = await Promise.all([
        bus.waitFor('ring', (e) => e.te === 0, WAIT),
        bus.waitFor('ring', (e) => e.te === 1, WAIT),
      ]);
      expect(ring0.called).toBe('123456');
      expect(ring1.called).toBe('123456');
      bus.send(`alert ${String(id(ring0))}`);
      bus.send(`alert ${String(id(ring1))}`);
      await net.waitFor('alerting', forCall(id(calling)), WAIT);
      bus.send(`answer ${String(id(ring0))}`);
      await net.waitFor('answer', forCall(id(calling)), WAIT);
      await bus.waitFor('connect_ack', forCall(id(ring0)), WAIT);
      const other = await bus.waitFor('hangup', forCall(id(ring1)), WAIT);
      expect(other.cause).toBe(26);
      expect(other.te).toBe(1);

      net.send(`hangup ${String(id(calling))} 16`);
      const hangup = await bus.waitFor('hangup', forCall(id(ring0)), WAIT);
      expect(hangup.cause).toBe(16);
      expect(hangup.te).toBe(0);
    },
    TEST_TIMEOUT,
  );
});

describe('commands and auto-behaviours', () => {
  it(
    'restart of one channel, overlap sending (setup_ack, info), progress, in-band alerting, status, errors',
    async () => {
      const { net, cpe } = await pair({ overlap: true }, { overlap: true });
      net.send('restart 5');
      expect((await cpe.waitFor('restart', undefined, WAIT)).channel).toBe(5);
      expect((await net.waitFor('restart_ack', undefined, WAIT)).channel).toBe(5);
      net.send('restart all');
      expect((await net.waitFor('error', undefined, WAIT)).text).toMatch(/restart all/);

      cpe.send('call 0 49 4940999 1 complete=0 ton=4 calling_ton=1 pres=restricted');
      const calling = await cpe.waitFor('calling', undefined, WAIT);
      const ring = await net.waitFor('ring', undefined, WAIT);
      expect(ring).toMatchObject({ called: '49', complete: 0, called_ton: 4, calling_ton: 1, calling_pres: 1 });
      net.send(`setup_ack ${String(id(ring))}`);
      await cpe.waitFor('setup_ack', forCall(id(calling)), WAIT);
      cpe.send(`info ${String(id(calling))} 301`);
      const digits: string[] = [];
      for (let i = 0; i < 3; i++) digits.push((await net.waitFor('info_received', forCall(id(ring)), WAIT)).digits as string);
      expect(digits.join('')).toBe('301');
      net.send(`proceeding ${String(id(ring))}`);
      await cpe.waitFor('proceeding', forCall(id(calling)), WAIT);
      net.send(`progress ${String(id(ring))}`);
      const progress = await cpe.waitFor('progress', forCall(id(calling)), WAIT);
      expect(progress.progress).toBe(8); // in-band information available
      net.send(`alert ${String(id(ring))} inband`);
      const alerting = await cpe.waitFor('alerting', forCall(id(calling)), WAIT);
      expect((alerting.progressmask as number) & 8).toBe(8);

      net.send('status');
      const status = await net.waitFor('status', undefined, WAIT);
      expect(status).toMatchObject({ connected: true, calls: [{ id: id(ring), incoming: 1, state: 'alerting' }] });

      net.send(`hangup ${String(id(ring))} 31`);
      expect((await cpe.waitFor('hangup', forCall(id(calling)), WAIT)).cause).toBe(31);
      await net.waitFor('hangup_ack', forCall(id(ring)), WAIT);
      net.send('hangup 99 16');
      expect((await net.waitFor('error', undefined, WAIT)).text).toBe('no call 99');
      cpe.send('frobnicate');
      expect((await cpe.waitFor('error', undefined, WAIT)).text).toBe('unknown command frobnicate');
    },
    TEST_TIMEOUT,
  );

  it(
    'redirecting=DIGITS,REASON sends a redirecting number that the other peer reports in its ring',
    async () => {
      const { net, cpe } = await pair({}, {});
      for (const [arg, reason] of [['redirecting=4940111,15', 15], ['redirecting=4940222,1', 1], ['redirecting=4940333', 0]] as const) {
        cpe.send(`call 0 4930123456 4940999 1 ${arg}`);
        const calling = await cpe.waitFor('calling', undefined, WAIT);
        expect(calling.rc).toBe(0);
        const ring = await net.waitFor('ring', undefined, WAIT);
        expect(ring).toMatchObject({ redirecting: arg.slice(12, 19), redirecting_ton: 2, redirecting_plan: 1, redirecting_reason: reason });
        net.send(`hangup ${String(id(ring))} 16`);
        await cpe.waitFor('hangup', forCall(id(calling)), WAIT);
        await net.waitFor('hangup_ack', forCall(id(ring)), WAIT);
      }
    },
    TEST_TIMEOUT,
  );

  it(
    '--auto-reject rejects every call with its cause',
    async () => {
      const { cpe } = await pair({ autoReject: 21 }, {});
      cpe.send('call 0 4930123456 4940999 1');
      const calling = await cpe.waitFor('calling', undefined, WAIT);
      expect((await cpe.waitFor('hangup', forCall(id(calling)), WAIT)).cause).toBe(21);
    },
    TEST_TIMEOUT,
  );

  it(
    'drop closes the D-channel socket (layer 2 goes down); reconnect brings it back',
    async () => {
      const { net, cpe } = await pair({}, {});
      cpe.send('drop');
      expect((await cpe.waitFor('disconnected', undefined, WAIT)).reason).toBe('drop');
      await net.waitFor('disconnected', undefined, WAIT);
      // T203 (10 s) and then N200 x T200 without an answer: libpri declares the link down
      await Promise.all([cpe.waitFor('dchan_down', undefined, 40_000), net.waitFor('dchan_down', undefined, 40_000)]);
      cpe.send('reconnect');
      await Promise.all([cpe.waitFor('connected', undefined, WAIT), net.waitFor('connected', undefined, WAIT)]);
      await Promise.all([cpe.waitFor('dchan_up', undefined, 40_000), net.waitFor('dchan_up', undefined, 40_000)]);
      cpe.send('call 0 4930123456 4940999 1');
      await net.waitFor('ring', undefined, WAIT);
    },
    TEST_TIMEOUT,
  );
});

// ---------- a raw client: the framing of docs/test-peers.md with q931-codec ----------

/** CRC-16/X.25 (the HDLC FCS): reflected 0x8408, init 0xFFFF, final XOR 0xFFFF. */
function fcs16(b: Uint8Array): number {
  let crc = 0xffff;
  for (const octet of b) {
    crc ^= octet;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc ^ 0xffff;
}

/** A length-prefixed frame client with just enough LAPD to answer SABME, polls and I frames. */
class RawClient {
  private buffer = Buffer.alloc(0);
  private readonly queue: Buffer[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  vs = 0;
  vr = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly fcs: boolean,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 2) {
        const len = this.buffer.readUInt16BE(0);
        if (this.buffer.length < 2 + len) break;
        this.queue.push(this.buffer.subarray(2, 2 + len));
        this.buffer = this.buffer.subarray(2 + len);
      }
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  static connect(port: number, fcs = false): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawClient(s, fcs)));
      s.once('error', reject);
    });
  }

  /** Sends one frame: with a correct FCS in FCS mode, or `badFcs` to corrupt it. */
  sendRaw(frame: Uint8Array, badFcs = false): void {
    let body = Buffer.from(frame);
    if (this.fcs) {
      const fcs = fcs16(frame) ^ (badFcs ? 0x0101 : 0);
      body = Buffer.concat([body, Buffer.from([fcs & 0xff, fcs >> 8])]);
    }
    const head = Buffer.alloc(2);
    head.writeUInt16BE(body.length);
    this.socket.write(Buffer.concat([head, body]));
  }

  send(frame: LapdFrame): void {
    this.sendRaw(encodeFrame(frame));
  }

  /** Sends a Q.931 message in an I frame (user command: C/R = 0). */
  sendMessage(m: Q931Message): void {
    this.send({ type: 'I', sapi: 0, cr: false, tei: 0, ns: this.vs, nr: this.vr, p: false, info: encodeMessage(m) });
    this.vs = (this.vs + 1) % 128;
  }

  /** The next frame (FCS checked and removed in FCS mode). */
  async nextFrame(timeoutMs: number): Promise<LapdFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const raw = this.queue.shift();
      if (raw !== undefined) {
        let frame = raw;
        if (this.fcs) {
          expect(raw.length).toBeGreaterThanOrEqual(5);
          frame = raw.subarray(0, raw.length - 2);
          expect(raw.readUInt16LE(raw.length - 2)).toBe(fcs16(frame));
        }
        const f = decodeFrame(frame);
        if (!f.ok) throw new Error(`undecodable frame ${frame.toString('hex')}: ${f.error.message}`);
        return f.value;
      }
      if (this.closed) throw new Error('the peer closed the connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /**
   * Reads frames, answering the network's SABME (UA), polls (RR F=1) and I frames (RR), until
   * `until` accepts one; returns it. Q.931 messages seen on the way are appended to `messages`.
   */
  async pump(until: (f: LapdFrame) => boolean, messages: Q931Message[], timeoutMs = WAIT): Promise<LapdFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = await this.nextFrame(Math.max(1, deadline - Date.now()));
      if (f.type === 'SABME') {
        this.send({ type: 'UA', sapi: 0, cr: true, tei: 0, pf: f.pf });
      } else if (f.type === 'RR' && f.cr && f.pf) {
        this.send({ type: 'RR', sapi: 0, cr: true, tei: 0, nr: this.vr, pf: true });
      } else if (f.type === 'I') {
        if (f.ns === this.vr) {
          this.vr = (this.vr + 1) % 128;
          const m = decodeMessage(f.info);
          if (!m.ok) throw new Error(`undecodable Q.931 message: ${m.error.message}`);
          messages.push(m.value);
        }
        this.send({ type: 'RR', sapi: 0, cr: true, tei: 0, nr: this.vr, pf: f.p });
      }
      if (until(f)) return f;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

const CR = { length: 2, flag: false, value: 1 };

describe('a raw q931-codec client against pri-peer --node net --auto-answer', () => {
  it(
    'builds the CPE frames of the reference and decodes the network answers: CALL PROCEEDING, ALERTING, CONNECT, RELEASE',
    async () => {
      const peer = await start({ listen: 0, node: 'net', switchType: 'euroisdn_e1', autoAnswer: true, name: 'net' });
      const client = await RawClient.connect(peer.port as number);
      try {
        const messages: Q931Message[] = [];
        const sabme = encodeFrame({ type: 'SABME', sapi: 0, cr: false, tei: 0, pf: true });
        expect(Buffer.from(sabme).toString('hex')).toBe('00017f');
        client.sendRaw(sabme);
        const ua = await client.pump((f) => f.type === 'UA', messages);
        expect(ua).toMatchObject({ sapi: 0, tei: 0, cr: false, pf: true });
        await peer.waitFor('dchan_up', undefined, WAIT);

        const setup: Q931Message = {
          type: 'SETUP',
          callReference: CR,
          ies: [
            { name: 'bearerCapability', value: { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 0x10, layer1: { protocol: 3 } } },
            {
              name: 'channelIdentification',
              value: { interfaceType: 1, exclusive: true, dChannel: false, selection: 1, channel: { codingStandard: 0, channelType: 3, numbers: [3] } },
            },
            { name: 'callingPartyNumber', value: { typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 0, digits: '4940999' } },
            { name: 'calledPartyNumber', value: { typeOfNumber: 2, numberingPlan: 1, digits: '4930123456' } },
            { name: 'sendingComplete' },
          ],
        };
        // the SETUP of the reference recording, octet for octet
        const setupOctets =
          '080200010504038090a31803a983836c092180' + Buffer.from('4940999').toString('hex') + '700ba1' + Buffer.from('4930123456').toString('hex') + 'a1';
        expect(Buffer.from(encodeMessage(setup)).toString('hex')).toBe(setupOctets);
        client.sendMessage(setup);

        const ring = await peer.waitFor('ring', undefined, WAIT);
        expect(ring).toMatchObject({ called: '4930123456', calling: '4940999', channel: 3, exclusive: 1, layer1: 0x23 });
        await client.pump(() => messages.some((m) => m.type === 'CONNECT'), messages);
        expect(messages.map((m) => m.type)).toEqual(['CALL_PROCEEDING', 'ALERTING', 'CONNECT']);
        for (const m of messages) expect(m.callReference).toMatchObject({ length: 2, flag: true, value: 1 });
        const proceeding = messages[0];
        const channel = proceeding === undefined || proceeding.type === 'UNKNOWN' ? undefined : findIe(proceeding.ies, 'channelIdentification');
        expect(channel?.channel?.numbers).toEqual([3]);

        client.sendMessage({ type: 'CONNECT_ACKNOWLEDGE', callReference: CR, ies: [] });
        await peer.waitFor('connect_ack', forCall(id(ring)), WAIT);
        client.sendMessage({ type: 'DISCONNECT', callReference: CR, ies: [{ name: 'cause', value: { codingStandard: 0, location: 0, causeValue: 16 } }] });
        const hangup = await peer.waitFor('hangup', forCall(id(ring)), WAIT);
        expect(hangup).toMatchObject({ cause: 16, location: 0, msg: 'disconnect' });

        await client.pump(() => messages.some((m) => m.type === 'RELEASE'), messages);
        const release = messages.find((m) => m.type === 'RELEASE');
        const cause = findIe(release?.ies ?? [], 'cause');
        expect(cause?.causeValue).toBe(16);
        client.sendMessage({ type: 'RELEASE_COMPLETE', callReference: CR, ies: [] });
        await peer.waitFor('hangup_ack', forCall(id(ring)), WAIT);
        peer.send('status');
        const status = await peer.waitFor('status', undefined, WAIT);
        expect(status.calls).toEqual([]);
      } finally {
        client.close();
      }
    },
    TEST_TIMEOUT,
  );
});

describe('FCS mode', () => {
  it('the FCS is CRC-16/X.25', () => {
    expect(fcs16(Buffer.from('123456789'))).toBe(0x906e);
  });

  it(
    'two peers with --fcs complete a call',
    async () => {
      const { net, cpe } = await pair({ fcs: true, autoAnswer: true }, { fcs: true });
      cpe.send('call 0 4930123456 4940999 1');
      const calling = await cpe.waitFor('calling', undefined, WAIT);
      await cpe.waitFor('answer', forCall(id(calling)), WAIT);
      cpe.send(`hangup ${String(id(calling))} 16`);
      const hangup = await net.waitFor('hangup', undefined, WAIT);
      expect(hangup.cause).toBe(16);
      expect(net.all('fcs_error')).toEqual([]);
      expect(cpe.all('fcs_error')).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'a frame with a good FCS is answered; a corrupted one is dropped with fcs_error',
    async () => {
      const peer = await start({ listen: 0, node: 'net', fcs: true, name: 'net' });
      const client = await RawClient.connect(peer.port as number, true);
      try {
        const messages: Q931Message[] = [];
        client.sendRaw(encodeFrame({ type: 'SABME', sapi: 0, cr: false, tei: 0, pf: true }));
        await client.pump((f) => f.type === 'UA', messages);
        await peer.waitFor('dchan_up', undefined, WAIT);
        const setup = encodeFrame({ type: 'I', sapi: 0, cr: false, tei: 0, ns: 0, nr: client.vr, p: false, info: encodeMessage({ type: 'SETUP', callReference: CR, ies: [] }) });
        client.sendRaw(setup, true);
        const bad = await peer.waitFor('fcs_error', undefined, WAIT);
        expect(bad.hex).toMatch(new RegExp(`^${Buffer.from(setup).toString('hex')}`));
        expect(peer.all('ring')).toEqual([]);
      } finally {
        client.close();
      }
    },
    TEST_TIMEOUT,
  );
});
