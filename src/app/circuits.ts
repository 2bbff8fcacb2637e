// The circuit side of the composition root: the validated trunk groups mapped onto the
// trunk-group manager's specifications (docs/trunk-groups.md "Input"), one simulated exchange per
// `sim` group (its behaviours from sim-behaviours.ts), and the peers' admission limits.
import type { IsdnTrunkGroupConfig, IsupTrunkGroupConfig, PeerConfig, TandemConfig, TrunkGroupConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { SpanDriver } from '../drivers/port.js';
import { SimExchange } from '../drivers/sim/sim-exchange.js';
import { buildIsdnDriver, type IsdnTraceRecord } from '../drivers/isdn/build.js';
import { createL2 } from '../isdn/l2/index.js';
import { createQ931Interface } from '../isdn/q931/index.js';
import type { CacSpec, GlareSpec, HuntingSpec, PeerSpec, TrunkGroupSpec } from '../trunkgroups/spec.js';
import { REQUEST_TIMERS, type SupervisionTimer } from '../trunkgroups/supervision-timers.js';
import { SIM_DEFAULT, simRules } from './sim-behaviours.js';

export interface Circuits {
  readonly groups: TrunkGroupSpec[];
  readonly peers: PeerSpec[];
  /** one per trunk group, named after it */
  readonly drivers: SpanDriver[];
  readonly sims: ReadonlyMap<string, SimExchange>;
}

const SUPERVISION: readonly SupervisionTimer[] = Object.values(REQUEST_TIMERS).flat();

/** A limit set only when the configuration sets it. */
function limits(maxCalls: number | undefined, maxCallsPerSecond: number | undefined): CacSpec {
  return { ...(maxCalls === undefined ? {} : { maxCalls }), ...(maxCallsPerSecond === undefined ? {} : { maxCallsPerSecond }) };
}

function circuitsOf(g: IsupTrunkGroupConfig): { cic: number; span: number; channel: number }[] {
  return g.spans.flatMap((s) => s.channels.map((channel, i) => ({ cic: s.cics[i] ?? channel, span: s.span, channel })));
}

function huntingOf(g: TrunkGroupConfig): HuntingSpec {
  const h = g.hunting;
  if (h.strategy !== 'evenOdd') return { strategy: h.strategy };
  return { strategy: 'evenOdd', parity: h.parity ?? 'odd', fallback: h.fallback ?? true };
}

function glareOf(g: TrunkGroupConfig): GlareSpec {
  const { policy, maxReattempts } = g.glare;
  if (policy === 'pointCode' && 'pointCodes' in g) return { policy, localPointCode: g.pointCodes.local, remotePointCode: g.pointCodes.remote, maxReattempts };
  if (policy === 'oddEven') return { policy, controls: g.glare.controls ?? 'odd', maxReattempts };
  // fixed (pointCode without point codes is refused by the configuration checks)
  return { policy: 'fixed', winner: g.glare.winner ?? 'remote', maxReattempts };
}

/** The CICs the far end controls under dual seizure: the ones this side does not. */
function farEndControls(g: IsupTrunkGroupConfig): 'even' | 'odd' | 'all' | 'none' {
  const { policy, controls, winner } = g.glare;
  if (policy === 'fixed') return winner === 'local' ? 'none' : 'all';
  return controls === 'even' ? 'odd' : 'even';
}

function specOf(g: IsupTrunkGroupConfig): TrunkGroupSpec {
  const timers: Partial<Record<SupervisionTimer, number>> = {};
  for (const t of SUPERVISION) timers[t] = g.timers[t];
  return { name: g.name, driver: g.name, circuits: circuitsOf(g), hunting: huntingOf(g), glare: glareOf(g), cac: limits(g.cac.maxCalls, g.cac.maxCallsPerSecond), timers };
}

/**
 * A peer's limits as the manager applies them, to calls from the peer into the PSTN: the tighter
 * of `maxCalls` and `maxInbound`, and `maxCallsPerSecond`.
 */
function peerSpecOf(p: PeerConfig): PeerSpec {
  const counts = [p.cac.maxCalls, p.cac.maxInbound].filter((n): n is number => n !== undefined);
  return { name: p.name, cac: limits(counts.length === 0 ? undefined : Math.min(...counts), p.cac.maxCallsPerSecond) };
}

/**
 * An ISDN group's circuits are its span's B-channels (CIC = span * 32 + channel, as the driver
 * numbers them). Its glare policy is as configured: `fixed` by default, the winner resolved from
 * `side` by the configuration (the network chooses, Q.931 §5.1.2), or `oddEven`.
 */
function isdnSpecOf(g: IsdnTrunkGroupConfig): TrunkGroupSpec {
  const circuits = g.spans.flatMap((s) => s.channels.map((channel) => ({ span: s.span, channel })));
  return { name: g.name, driver: g.name, circuits, hunting: huntingOf(g), glare: glareOf(g), cac: limits(g.cac.maxCalls, g.cac.maxCallsPerSecond), timers: {} };
}

/**
 * The manager's input and the drivers for `config`: one simulated exchange per `sim` group, one
 * ISDN driver (Q.921 + Q.931 over the group's D-channel socket) per `pri` or `bri` group. `ss7`
 * has no driver in this build: it is an error naming the group.
 */
export function buildCircuits(
  config: TandemConfig,
  clock: Clock,
  isdnTrace?: (group: string, record: IsdnTraceRecord) => void,
): { ok: true; value: Circuits } | { ok: false; error: string } {
  const groups: TrunkGroupSpec[] = [];
  const sims = new Map<string, SimExchange>();
  const isdn: SpanDriver[] = [];
  for (const g of config.trunkGroups) {
    if (g.driver === 'pri' || g.driver === 'bri') {
      groups.push(isdnSpecOf(g));
      const trace = isdnTrace === undefined ? {} : { trace: (r: IsdnTraceRecord) => isdnTrace(g.name, r) };
      isdn.push(buildIsdnDriver(g, { clock, createL2, createQ931Interface, ...trace }));
      continue;
    }
    if (g.driver !== 'sim') return { ok: false, error: `trunk group ${g.name}: the ${g.driver} driver is not available yet; only sim trunk groups can be started` };
    groups.push(specOf(g));
    const cics = circuitsOf(g).map((c) => c.cic);
    sims.set(g.name, new SimExchange({ name: g.name, cics, clock, rules: simRules(), defaultBehaviour: SIM_DEFAULT.behaviour, controls: farEndControls(g) }));
  }
  return { ok: true, value: { groups, peers: config.peers.map(peerSpecOf), drivers: [...sims.values(), ...isdn], sims } };
}
