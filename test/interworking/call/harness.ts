// A gateway under test: call control between SIP user agents on the in-memory wire of the UA tests
// (test/sip/ua/wire.ts) and two simulated exchanges (src/drivers/sim) as the far ends, through the
// real trunk-group manager, all on one FakeClock. The gateway UA is 192.0.2.1; the plain peer `pbx`
// is 192.0.2.2 and the SIP-I peer `carrier` 192.0.2.3. Exchange `sim` carries trunk group `e1`
// (CICs 1-4), exchange `sim2` trunk group `e1b` (CICs 1-4). Every message is traced in the order
// sent: `    10  PBX>GW INVITE 1`, `    10  GW>sim IAM 1 called=…`, `    10  sim>GW ACM 1 status=1`.
import type { CallEvent } from '../../../src/cdr/events.js';
import { validateConfig, type RouteConfig, type TandemConfig } from '../../../src/config/index.js';
import type { Result } from '../../../src/core/result.js';
import type { DriverError } from '../../../src/drivers/errors.js';
import type { DriverListener, LinkState, MediaSession, PortMessage, SpanDriver } from '../../../src/drivers/port.js';
import { SimExchange, type SimExchangeOptions } from '../../../src/drivers/sim/sim-exchange.js';
import { CallControl, type CallLogger, type MappingOptions } from '../../../src/interworking/call/index.js';
import { fieldValues } from '../../../src/sip/message/index.js';
import type { ServerCall, UserAgent } from '../../../src/sip/ua/index.js';
import { TrunkGroupManager } from '../../../src/trunkgroups/manager.js';
import type { GlareSpec, TrunkGroupSpec } from '../../../src/trunkgroups/spec.js';
import { describe, flush, Wire } from '../../sip/ua/wire.js';

export const SDP_PBX = 'v=0\r\no=pbx 1 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8 0\r\n';
export const SDP_CARRIER = 'v=0\r\no=carrier 1 1 IN IP4 192.0.2.3\r\ns=-\r\nc=IN IP4 192.0.2.3\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8\r\n';

const CONFIG = `
gateway:
  nodeId: gw-test
  sip: { listen: { udp: [192.0.2.1:5060] } }
  cdr: { spoolDir: /nonexistent }
peers:
  pbx:
    address: 192.0.2.2:5060
    acl: [192.0.2.2/32]
    profile: plain
  carrier:
    address: 192.0.2.3:5060
    acl: [192.0.2.3/32]
    profile: sipi
    isup: { version: itu-t92+, base: itu-t92+, handling: required }
trunkGroups:
  e1:
    driver: sim
    spans: [{ span: 1, type: E1, channels: 1-4 }]
  e1b:
    driver: sim
    pointCodes: { local: 1, remote: 3 }
    spans: [{ span: 2, type: E1, channels: 1-4 }]
    timers: { T7: 30000, T9: 180000 }
`;

export const ROUTES: readonly RouteConfig[] = [
  { name: 'to-pstn', from: ['pbx', 'carrier'], match: '^\\+?[0-9]+$', to: [{ kind: 'trunkGroup', name: 'e1' }, { kind: 'trunkGroup', name: 'e1b' }], failoverCauses: [34, 38, 41, 42, 44, 47] },
  { name: 'from-pstn', from: ['e1', 'e1b'], match: '^\\+?[0-9]+$', to: [{ kind: 'peer', name: 'pbx' }, { kind: 'peer', name: 'carrier' }], failoverCauses: [34, 38, 41, 42, 44, 47] },
];

function baseConfig(): TandemConfig {
  const v = validateConfig([{ path: 'test.yaml', text: CONFIG }]);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join('\n'));
  return v.config;
}

/**
 * An exchange behind a tap that traces every message, keeps what the gateway sent, can keep
 * messages of some types from reaching the exchange (a far end that does not answer), and lets a
 * test play extra far-end messages (SAM, REL...).
 */
export class Tap implements SpanDriver {
  readonly name: string;
  readonly cics: readonly number[];
  /** every message the gateway sent */
  readonly sent: PortMessage[] = [];
  /** message types the exchange does not get */
  readonly mute = new Set<string>();
  readonly #listeners = new Set<DriverListener>();

  constructor(
    readonly sim: SimExchange,
    readonly h: { trace: string[]; now: () => number; setTimer: (ms: number, cb: () => void) => void },
  ) {
    this.name = sim.name;
    this.cics = sim.cics;
    sim.subscribe((e) => {
      if (e.kind === 'message') this.#line(`${this.name}>GW`, e.message);
      for (const l of [...this.#listeners]) l(e);
    });
  }

  get link(): LinkState {
    return this.sim.link;
  }

  start(): void {
    this.sim.start();
  }

  stop(): void {
    this.sim.stop();
  }

  seize(cic: number): Result<void, DriverError> {
    return this.sim.seize(cic);
  }

  send(message: PortMessage): Result<void, DriverError> {
    this.#line(`GW>${this.name}`, message);
    this.sent.push(message);
    return this.mute.has(message.type) ? this.sim.seize(message.cic) : this.sim.send(message);
  }

  openMedia(cic: number, offer: string): Promise<Result<MediaSession, DriverError>> {
    return this.sim.openMedia(cic, offer);
  }

  subscribe(listener: DriverListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The far end sends `message` (not through the exchange's own script), as a driver does: asynchronously. */
  inject(message: PortMessage): void {
    this.h.setTimer(0, () => {
      this.#line(`${this.name}>GW`, message);
      for (const l of [...this.#listeners]) l({ kind: 'message', message });
    });
  }

  #line(dir: string, m: PortMessage): void {
    const detail =
      m.type === 'REL'
        ? ` cause=${m.params.causeIndicators.causeValue}`
        : m.type === 'IAM'
          ? ` called=${m.params.calledPartyNumber.digits}`
          : m.type === 'SAM'
            ? ` digits=${m.params.subsequentNumber.digits}`
            : m.type === 'ACM'
              ? ` status=${m.params.backwardCallIndicators.calledPartyStatus}`
              : m.type === 'CPG'
                ? ` event=${m.params.eventInformation.event}`
                : '';
    this.h.trace.push(`${String(this.h.now()).padStart(6)}  ${dir} ${m.type} ${m.cic}${detail}`);
  }
}

export interface LogLine {
  readonly level: string;
  readonly msg: string | undefined;
  readonly obj: Record<string, unknown>;
}

function captureLogger(lines: LogLine[], bindings: Record<string, unknown> = {}): CallLogger {
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, msg, obj: { ...bindings, ...obj } });
  return { child: (b) => captureLogger(lines, { ...bindings, ...b }), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface GatewayOptions {
  readonly sim?: Partial<SimExchangeOptions>;
  readonly sim2?: Partial<SimExchangeOptions>;
  readonly routes?: readonly RouteConfig[];
  readonly mapping?: MappingOptions;
  readonly glare?: GlareSpec;
  /** group name -> CAC */
  readonly cac?: Readonly<Record<string, { maxCalls?: number; maxCallsPerSecond?: number }>>;
  readonly config?: (c: TandemConfig) => TandemConfig;
}

export type Gateway = ReturnType<typeof gateway>;

/** A started gateway with its peers and exchange; `run(ms)` moves time on in 10 ms steps, letting promises settle. */
export function gateway(o: GatewayOptions = {}) {
  const wire = new Wire();
  const trace: string[] = [];
  const gw = wire.ua('GW', { accept: ['application/isup'] });
  const pbx = wire.ua('PBX');
  const carrier = wire.ua('CARRIER');
  const now = (): string => String(wire.clock.now()).padStart(6);
  wire.drop = (m, from, to) => {
    trace.push(`${now()}  ${from}>${to} ${describe(m)}`);
    return false;
  };
  let echo = 0;
  const exchange = (name: string, over: Partial<SimExchangeOptions> | undefined): Tap => {
    const sim = new SimExchange({
      name,
      cics: [1, 2, 3, 4],
      clock: wire.clock,
      media: { open: () => Promise.resolve({ address: '198.51.100.7', port: 40000 + 2 * echo++, close: () => undefined }) },
      ...over,
    });
    return new Tap(sim, { trace, now: () => wire.clock.now(), setTimer: (ms, cb) => void wire.clock.setTimer(ms, cb) });
  };
  const tap = exchange('sim', o.sim);
  const tap2 = exchange('sim2', o.sim2);
  const sim = tap.sim;
  const glare = o.glare ?? { policy: 'fixed', winner: 'local', maxReattempts: 1 };
  const spec = (name: string, driver: string): TrunkGroupSpec => ({
    name,
    driver,
    circuits: [1, 2, 3, 4].map((cic) => ({ cic })),
    hunting: { strategy: 'ascending' },
    glare,
    ...(o.cac?.[name] === undefined ? {} : { cac: o.cac[name] }),
  });
  const manager = new TrunkGroupManager({
    groups: [spec('e1', 'sim'), spec('e1b', 'sim2')],
    peers: [
      { name: 'pbx', cac: {} },
      { name: 'carrier', cac: {} },
    ],
    drivers: [tap, tap2],
    clock: wire.clock,
  });
  const base = baseConfig();
  const config = (o.config ?? ((c) => c))({ ...base, routes: o.routes ?? ROUTES });
  const events: CallEvent[] = [];
  const logs: LogLine[] = [];
  const peerOf = (call: ServerCall) => {
    const via = fieldValues(call.invite.message.headers, 'Via')[0] ?? '';
    const peer = config.peers.find((p) => via.includes(`${p.address.host}:`));
    return peer === undefined ? ({ kind: 'refuse', status: 403, by: 'acl' } as const) : ({ kind: 'peer', peer: peer.name } as const);
  };
  let keys = 0;
  const control = new CallControl({
    ua: gw,
    trunkGroups: manager,
    drivers: [tap, tap2],
    config,
    clock: wire.clock,
    logger: captureLogger(logs),
    peerOf,
    onCallEvent: (e) => events.push(e),
    ...(o.mapping === undefined ? {} : { mapping: o.mapping }),
    newCallKey: () => `k${++keys}`,
  });
  tap.start();
  tap2.start();
  wire.clock.advance(0);
  const run = async (ms: number): Promise<void> => {
    for (let left = ms; left > 0; left -= 10) await wire.run(Math.min(10, left));
    await flush();
  };
  /** The CDR events of call `key`, as `type` or `type:detail`. */
  const steps = (key: string): string[] =>
    events
      .filter((e) => e.callKey === key)
      .map((e) => {
        switch (e.type) {
          case 'released':
            return `released:${e.side}:${e.cause ?? '-'}:${e.sipStatus ?? '-'}${e.timer === undefined ? '' : `:${e.timer}`}`;
          case 'refused':
            return `refused:${e.by}:${e.cause ?? '-'}:${e.sipStatus ?? '-'}`;
          case 'backwardMessage':
            return `backward:${e.message}`;
          case 'circuitSeized':
            return `seized:${e.trunkGroup}/${e.circuit.cic ?? '-'}`;
          default:
            return e.type;
        }
      });
  return { wire, gw, pbx, carrier, sim, tap, tap2, manager, control, config, events, logs, trace, run, steps, clock: wire.clock };
}

/** The PBX calls `number` (E.164) through the gateway. */
export function call(ua: UserAgent, host: string, number: string, extra: { sdp?: string; parts?: Parameters<UserAgent['invite']>[1]['parts']; headers?: Parameters<UserAgent['invite']>[1]['headers'] } = {}) {
  const placed = ua.invite(`sip:${number}@192.0.2.1;user=phone`, { from: `<sip:+4940111222@${host};user=phone>`, sdp: extra.sdp ?? SDP_PBX, ...(extra.parts === undefined ? {} : { parts: extra.parts }), ...(extra.headers === undefined ? {} : { headers: extra.headers }) });
  if (!placed.ok) throw placed.error;
  const c = placed.value;
  const seen: string[] = [];
  c.on('provisional', (p) => seen.push(`${p.status}`));
  c.on('answered', (r) => seen.push(`200${r.body.sdp === undefined ? '' : ' sdp'}`));
  c.on('failed', (e) => seen.push(`failed ${e.status}`));
  c.on('bye', () => seen.push('bye'));
  c.on('terminated', (t) => seen.push(`terminated ${t.cause}`));
  return { call: c, seen };
}
