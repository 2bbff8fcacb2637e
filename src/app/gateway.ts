// The composition root (docs/architecture.md): everything `tandem start` runs, built from the
// validated configuration. SIP transports, the transport layer and the UA core behind the front
// door (sip-stack.ts); the trunk-group manager and one simulated exchange per `sim` group
// (circuits.ts); call control between them; the CDR hook; the admin API. `shutdown()` is the
// graceful stop of docs/operations.md.
import type { FastifyInstance } from 'fastify';
import type { CallEvent } from '../cdr/events.js';
import type { TandemConfig } from '../config/index.js';
import { systemClock, type Clock } from '../core/clock.js';
import { CallControl, type PeerDecision } from '../interworking/call/index.js';
import type { ServerCall } from '../sip/ua/index.js';
import { TrunkGroupManager } from '../trunkgroups/manager.js';
import { createAdmin } from './admin.js';
import { buildCircuits } from './circuits.js';
import type { IsdnTraceRecord } from '../drivers/isdn/build.js';
import { traced } from './isup-trace.js';
import { moduleLogger, type Logger } from './logger.js';
import { SetupLatency } from './metrics.js';
import { PeerAccess } from './peer-access.js';
import { startSipStack, type Listening } from './sip-stack.js';

export interface GatewayOptions {
  readonly config: TandemConfig;
  readonly log: Logger;
  readonly clock?: Clock;
  /**
   * The CDR hook: every call event (docs/cdr.md "Call events"), refusals at the front door
   * included. Default: each event logged at debug by the `cdr` module logger.
   */
  readonly onCallEvent?: (event: CallEvent) => void;
  /** Retry-After (seconds) of the 503 answered while shutting down; default 30 */
  readonly retryAfterSeconds?: number;
  /** adds routes to the admin API before it listens (e.g. the CDR routes of cdr-http.ts) */
  readonly adminRoutes?: (app: FastifyInstance) => void;
}

export interface RunningGateway {
  readonly listening: readonly Listening[];
  /** calls in progress */
  activeCalls(): number;
  /**
   * Graceful stop (docs/operations.md "Stopping"): new calls are refused, running calls have up to
   * `graceMs` to end (less if `cut` aborts first), then the rest are released on both sides with
   * cause 16 (CallControl.releaseAll) and everything is closed.
   */
  shutdown(graceMs: number, cut?: AbortSignal): Promise<ShutdownReport>;
}

/** After the grace time, how long the releases may take before the transports close. */
const RELEASE_WAIT_MS = 5000;

export interface ShutdownReport {
  /** calls that ended by themselves within the grace time */
  readonly finished: number;
  /** calls released by the gateway when the grace time ran out */
  readonly released: number;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const cdrLog = moduleLogger(log, 'cdr');
  const cdrHook = options.onCallEvent ?? ((event: CallEvent) => cdrLog.debug(event, 'call event'));
  const latency = new SetupLatency(() => performance.now());
  const onCallEvent = (event: CallEvent): void => {
    latency.onCallEvent(event);
    cdrHook(event);
  };
  const isdnLog = moduleLogger(log, 'isdn');
  const circuits = buildCircuits(config, clock, (group, r) => logIsdn(isdnLog, group, r));
  if (!circuits.ok) throw new Error(circuits.error);
  const { groups, peers, sims } = circuits.value;
  const isupLog = moduleLogger(log, 'isup');
  const drivers = circuits.value.drivers.map((d) => traced(d, isupLog));
  const manager = new TrunkGroupManager({ groups, peers, drivers, clock });
  const circuitLog = moduleLogger(log, 'circuits');
  manager.subscribe((event) => {
    if (event.type === 'link' || event.type === 'maintenanceAlert' || event.type === 'draining' || event.type === 'drained') circuitLog.info(event, event.type);
  });
  const access = new PeerAccess({ peers: config.peers, clock });
  const sip = await startSipStack({ gateway: config.gateway, clock, log: moduleLogger(log, 'sip'), access, onCallEvent, monotonic: () => performance.now(), retryAfterSeconds: options.retryAfterSeconds ?? 30 });
  const peerOf = (call: ServerCall): PeerDecision => {
    const admitted = sip.door.admissionOf(call.invite.message);
    if (admitted === undefined) return { kind: 'refuse', status: 403, by: 'acl' };
    latency.invited(call.callId, admitted.at);
    return { kind: 'peer', peer: admitted.peer.name };
  };
  // the trunk groups' overlap rules (P→S); a group without one is en bloc
  const overlap = Object.fromEntries(config.trunkGroups.flatMap((g) => (g.overlap === undefined ? [] : [[g.name, g.overlap] as const])));
  const control = new CallControl({ ua: sip.ua, trunkGroups: manager, drivers, config, clock, logger: moduleLogger(log, 'call'), peerOf, onCallEvent, mapping: { overlap } });
  for (const driver of drivers) driver.start();
  const activeCalls = (): number => control.activeCalls;
  const admin = createAdmin({ manager, sims, latency, health: () => ({ node: config.gateway.nodeId, draining: sip.door.draining, calls: activeCalls() }) });
  const close = async (): Promise<void> => {
    control.dispose();
    for (const driver of drivers) driver.stop();
    manager.dispose();
    await sip.close();
  };
  options.adminRoutes?.(admin);
  try {
    await admin.listen({ host: config.gateway.admin.listen.host, port: config.gateway.admin.listen.port });
  } catch (e) {
    await close();
    throw e;
  }
  return {
    listening: sip.listening,
    activeCalls,
    shutdown: async (graceMs, cut) => {
      sip.door.drain();
      for (const g of groups) manager.drain(g.name, { who: 'tandem', why: 'shutdown' });
      const before = activeCalls();
      await waitFor(() => activeCalls() === 0 || cut?.aborted === true, graceMs, clock);
      const released = activeCalls();
      if (released > 0) {
        const left = await control.releaseAll(16, RELEASE_WAIT_MS);
        if (left.remaining > 0) clearCircuits(control, manager);
        const settled = (): boolean => activeCalls() === 0 && sip.ua.dialogCount === 0 && manager.snapshot().groups.every((g) => g.pending.length === 0);
        await waitFor(settled, RELEASE_WAIT_MS, clock);
      }
      await admin.close();
      await close();
      return { finished: before - released, released };
    },
  };
}

/**
 * The fallback when calls released with cause 16 are still up after RELEASE_WAIT_MS (no RLC): each
 * circuit holding one is reset (RSC, or GRS for a run of them; Q.764 §2.10.3).
 */
function clearCircuits(control: CallControl, manager: TrunkGroupManager): void {
  const byGroup = new Map<string, number[]>();
  for (const c of control.calls()) if (c.trunkGroup !== undefined && c.cic !== undefined) byGroup.set(c.trunkGroup, [...(byGroup.get(c.trunkGroup) ?? []), c.cic]);
  for (const [group, cics] of byGroup) manager.reset(group, { who: 'tandem', why: 'shutdown: grace time over', cics });
}

/** Resolves when `done()` holds (checked every 50 ms) or after `ms`. */
function waitFor(done: () => boolean, ms: number, clock: Clock): Promise<void> {
  const end = clock.now() + ms;
  return new Promise((resolve) => {
    const check = (): void => {
      if (done() || clock.now() >= end) resolve();
      else clock.setTimer(Math.min(50, end - clock.now()), check);
    };
    check();
  });
}

/**
 * The D-channel of an ISDN group in the log (module `isdn`): transport up/down and FCS errors at
 * warn (down) or info, layer 2 establishment, release and errors at info/warn, and every Q.931
 * message and event at debug (message name, call reference, TEI, octets in hex).
 */
function logIsdn(log: Logger, group: string, r: IsdnTraceRecord): void {
  if (r.layer === 'dchannel') {
    const line = { group, event: r.event, ...(r.detail === undefined ? {} : { detail: r.detail }) };
    if (r.event === 'up') log.info(line, 'D-channel connected');
    else log.warn(line, r.event === 'down' ? 'D-channel down' : 'D-channel FCS errors');
    return;
  }
  if (r.layer === 'l2') {
    const i = r.indication;
    if (i.kind === 'error') log.warn({ group, tei: i.tei, code: i.code, text: i.text }, 'Q.921 error');
    else log.info({ group, tei: i.tei, event: i.kind }, `Q.921 ${i.kind}`);
    return;
  }
  if (!log.isLevelEnabled('debug')) return;
  if (r.dir === 'out') {
    const m = r.message;
    log.debug({ group, dir: 'out', tei: r.tei, type: m?.type, cr: m?.callReference.value, hex: Buffer.from(r.octets).toString('hex') }, 'Q.931');
  } else log.debug({ group, dir: 'in', ...r.event }, 'Q.931 event');
}
