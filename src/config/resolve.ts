// Builds the typed configuration from a model that passed every check: parses addresses, expands
// channel and CIC lists, and computes the derived defaults (ISUP handling, realm, glare parity, ISDN
// glare winner, evenOdd parity).
import { ISUP_TIMERS, type IsupTimerName } from '../isup/timers.js';
import { isIsup, SIM_POINT_CODES, spanChannels, spanCics } from './checks-trunk-groups.js';
import { parseDChannelAddress, parseHostPort, type HostPort } from './formats.js';
import type { Entity, Model, RawGateway, RawPeer, RawRoute, RawTrunkGroup } from './model.js';
import { resolvePath } from './paths.js';
import type { SipTimerBase } from '../sip/transaction/timers.js';
import type { Glare, GatewayConfig, Hunting, Parity, PeerConfig, RouteConfig, TandemConfig, TrunkGroupConfig } from './types.js';

/** `model` must have passed every check (one valid gateway, valid entities). */
export function resolveConfig(model: Model): TandemConfig {
  const gateway = model.gateways[0] as Entity<RawGateway>;
  const gw = resolveGateway(gateway);
  const trunkGroupNames = new Set(model.trunkGroups.map((g) => g.name));
  return {
    gateway: gw,
    peers: model.peers.map((p) => resolvePeer(p, gw.nodeId)),
    trunkGroups: model.trunkGroups.map(resolveTrunkGroup),
    routes: model.routes.map((r) => resolveRoute(r.data, trunkGroupNames)),
  };
}

const hostPort = (s: string, port: number, names = false): HostPort => parseHostPort(s, port, names) as HostPort;
const optional = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> => (v === undefined ? {} : ({ [key]: v } as Record<K, V>));

function resolveGateway(e: Entity<RawGateway>): GatewayConfig {
  const { nodeId, sip, admin, cdr, runtime } = e.data;
  const file = e.source.path;
  const listen = (list: string[] | undefined, port: number) => (list ?? []).map((s) => hostPort(s, port));
  return {
    nodeId,
    sip: {
      listen: { udp: listen(sip.listen.udp, 5060), tcp: listen(sip.listen.tcp, 5060), tls: listen(sip.listen.tls, 5061) },
      ...optional(
        'tls',
        sip.tls && { certFile: resolvePath(file, sip.tls.certFile), keyFile: resolvePath(file, sip.tls.keyFile), ...optional('caFile', sip.tls.caFile && resolvePath(file, sip.tls.caFile)) },
      ),
      strangers: sip.strangers,
    },
    admin: { listen: hostPort(admin.listen, 8080) },
    cdr: {
      spoolDir: resolvePath(file, cdr.spoolDir),
      fsync: cdr.fsync,
      fsyncIntervalMs: cdr.fsyncIntervalMs,
      maxSegmentBytes: cdr.maxSegmentBytes,
      maxSegmentAgeMs: cdr.maxSegmentAgeMs,
      ...optional('redis', cdr.redis && { ...cdr.redis }),
    },
    runtime: { heapGrowthPercent: runtime.heapGrowthPercent },
  };
}

function resolvePeer(e: Entity<RawPeer>, nodeId: string): PeerConfig {
  const d = e.data;
  const inbound = d.auth.inbound;
  const isup = d.profile === 'plain' ? undefined : (d.isup ?? { version: 'itu-t92+' });
  // The schema filled in every default.
  const timers: SipTimerBase = { T1: d.timers.T1, T2: d.timers.T2, T4: d.timers.T4 };
  return {
    name: e.name,
    ...optional('description', d.description),
    address: hostPort(d.address, d.transport === 'tls' ? 5061 : 5060, true),
    transport: d.transport,
    acl: [...d.acl],
    auth: {
      ...optional('inbound', inbound && { username: inbound.username, password: inbound.password, realm: inbound.realm ?? nodeId }),
      ...optional('outbound', d.auth.outbound && { ...d.auth.outbound }),
    },
    profile: d.profile,
    ...optional(
      'isup',
      isup && { version: isup.version ?? 'itu-t92+', ...optional('base', isup.base), handling: isup.handling ?? (d.profile === 'sipi' ? 'required' : 'optional') },
    ),
    reasonHeader: d.reasonHeader,
    numbers: { inbound: d.numbers.inbound.map((r) => ({ ...r })), outbound: d.numbers.outbound.map((r) => ({ ...r })) },
    causeMap: {
      toSip: Object.fromEntries(d.causeMap.toSip.map((m) => [m.cause, m.status])),
      fromSip: Object.fromEntries(d.causeMap.fromSip.map((m) => [m.status, m.cause])),
    },
    cac: { ...d.cac },
    timers,
  };
}

function resolveTrunkGroup(e: Entity<RawTrunkGroup>): TrunkGroupConfig {
  const d = e.data;
  const common = { name: e.name, ...optional('description', d.description), cac: { ...d.cac }, ...optional('overlap', d.overlap && { ...d.overlap }) };
  if (isIsup(d.driver)) {
    const pointCodes = { ...(d.pointCodes ?? SIM_POINT_CODES) };
    const glare = resolveGlare(d, pointCodes.local > pointCodes.remote ? 'even' : 'odd');
    const spans = d.spans.map((s) => ({ span: s.span, type: s.type, channels: spanChannels(d.driver, s), cics: spanCics(d.driver, s) }));
    const timers = Object.fromEntries(ISUP_TIMERS.map((t) => [t.name, d.timers[t.name] ?? t.defaultMs])) as Record<IsupTimerName, number>;
    return { ...common, driver: d.driver, pointCodes, spans, hunting: resolveHunting(d, glare), glare, timers, circuits: count(spans) };
  }
  const side = d.side ?? 'user';
  const glare = resolveGlare(d, undefined, side === 'network' ? 'local' : 'remote');
  const spans = d.spans.map((s) => ({ span: s.span, type: s.type, channels: spanChannels(d.driver, s) }));
  const dchannel = d.dchannel?.connect !== undefined ? { mode: 'connect' as const, address: d.dchannel.connect } : { mode: 'listen' as const, address: d.dchannel?.listen ?? '' };
  return {
    ...common,
    driver: d.driver,
    side,
    spans,
    hunting: resolveHunting(d, glare),
    glare,
    circuits: count(spans),
    switchType: d.switchType ?? 'euroIsdn',
    dchannel: { mode: dchannel.mode, ...(parseDChannelAddress(dchannel.address) as HostPort) },
    fcs: d.fcs ?? false,
    briMode: d.driver === 'bri' ? (d.bri?.mode ?? 'ptp') : 'ptp',
    channelSelection: d.channelSelection ?? 'exclusive',
    q931Timers: { ...d.q931Timers },
    l2Timers: { ...d.l2Timers },
  };
}

const count = (spans: readonly { channels: readonly number[] }[]) => spans.reduce((n, s) => n + s.channels.length, 0);

/** `pointCodeParity`: the CIC parity this side controls under Q.764 §2.9.1.4 (higher point code controls even CICs). */
function resolveGlare(d: RawTrunkGroup, pointCodeParity: Parity | undefined, defaultWinner?: 'local' | 'remote'): Glare {
  const policy = d.glare.policy ?? (pointCodeParity ? 'pointCode' : 'fixed');
  const base = { policy, maxReattempts: d.glare.maxReattempts };
  if (policy === 'pointCode') return { ...base, ...optional('controls', pointCodeParity) };
  if (policy === 'oddEven') return { ...base, ...optional('controls', d.glare.controls) };
  return { ...base, winner: d.glare.winner ?? defaultWinner ?? 'remote' };
}

function resolveHunting(d: RawTrunkGroup, glare: Glare): Hunting {
  if (d.hunting.strategy !== 'evenOdd') return { strategy: d.hunting.strategy };
  const parity = d.hunting.parity ?? glare.controls ?? 'odd';
  return { strategy: 'evenOdd', parity, fallback: d.hunting.fallback ?? true };
}

function resolveRoute(r: RawRoute, trunkGroups: ReadonlySet<string>): RouteConfig {
  return {
    name: r.name,
    ...optional('description', r.description),
    ...optional('from', r.from && [...r.from]),
    match: r.match,
    to: r.to.map((name) => ({ kind: trunkGroups.has(name) ? 'trunkGroup' : 'peer', name })),
    failoverCauses: [...r.failoverCauses],
  };
}
