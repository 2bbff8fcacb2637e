// The entities of all files (gateway sections, peers, trunk groups, routes) with where each came from,
// as the schema left them (defaults filled in) and as the operator wrote them.
import type { IsupTimerName } from '../isup/timers.js';
import type { L2Timers } from '../isdn/l2/service.js';
import type { Q931TimerName } from '../isdn/q931/service.js';
import type { ConfigError, ConfigErrorCode, JsonPath } from './errors.js';
import type { SipBaseTimerName } from './sip-timers.js';
import type { HuntingStrategy, Parity, PeerProfile, SipTransport, SpanType } from './types.js';
import type { SourceFile } from './yaml-source.js';

export interface RawGateway {
  nodeId: string;
  sip: { listen: { udp?: string[]; tcp?: string[]; tls?: string[] }; tls?: { certFile: string; keyFile: string; caFile?: string }; strangers: 'reject' | 'drop' };
  admin: { listen: string };
  cdr: {
    spoolDir: string;
    fsync: 'always' | 'interval' | 'never';
    fsyncIntervalMs: number;
    maxSegmentBytes: number;
    maxSegmentAgeMs: number;
    redis?: { url: string; keyPrefix: string; worker: boolean; workerConcurrency: number; retentionDays: number };
  };
  runtime: { heapGrowthPercent: number };
}

export interface RawNumberRule {
  field: 'called' | 'calling' | 'both';
  match: string;
  replace: string;
}

export interface RawPeer {
  description?: string;
  address: string;
  transport: SipTransport;
  acl: string[];
  auth: { inbound?: { username: string; password: string; realm?: string }; outbound?: { username: string; password: string } };
  profile: PeerProfile;
  isup?: { version: string; base?: string; handling?: 'required' | 'optional' };
  reasonHeader: boolean;
  numbers: { inbound: RawNumberRule[]; outbound: RawNumberRule[] };
  causeMap: { toSip: { cause: number; status: number }[]; fromSip: { status: number; cause: number }[] };
  cac: { maxCalls?: number; maxInbound?: number; maxOutbound?: number; maxCallsPerSecond?: number };
  timers: Record<SipBaseTimerName, number>;
}

export interface RawSpan {
  span: number;
  type: SpanType;
  channels?: string | number;
  cics?: string | number;
}

export interface RawTrunkGroup {
  description?: string;
  driver: 'sim' | 'pri' | 'bri' | 'ss7';
  side?: 'network' | 'user';
  pointCodes?: { local: number; remote: number };
  spans: RawSpan[];
  hunting: { strategy: HuntingStrategy; parity?: Parity; fallback?: boolean };
  glare: { policy?: 'pointCode' | 'oddEven' | 'fixed'; controls?: Parity; winner?: 'local' | 'remote'; maxReattempts: number };
  cac: { maxCalls?: number; maxCallsPerSecond?: number };
  overlap?: { minDigits: number; maxDigits?: number; complete?: string };
  timers: Record<IsupTimerName, number>;
  switchType?: 'euroIsdn' | 'ni2';
  dchannel?: { connect?: string; listen?: string };
  fcs?: boolean;
  bri?: { mode?: 'ptp' | 'ptmp' };
  channelSelection?: 'exclusive' | 'preferred';
  q931Timers?: Partial<Record<Q931TimerName, number>>;
  l2Timers?: Partial<L2Timers>;
}

export interface RawRoute {
  name: string;
  description?: string;
  from?: string[];
  match: string;
  to: string[];
  failoverCauses: number[];
}

export interface Entity<T> {
  readonly source: SourceFile;
  readonly fileIndex: number;
  /** Path of the entity in its file: ['gateway'], ['peers', name], ['trunkGroups', name], ['routes', i]. */
  readonly path: JsonPath;
  readonly name: string;
  /** Data after schema defaults; only trustworthy when `valid`. */
  readonly data: T;
  /** Data as written, before defaults. */
  readonly given: Record<string, unknown>;
  /** True when the schema found no error inside the entity. */
  readonly valid: boolean;
}

export interface Model {
  readonly gateways: Entity<RawGateway>[];
  readonly peers: Entity<RawPeer>[];
  readonly trunkGroups: Entity<RawTrunkGroup>[];
  readonly routes: Entity<RawRoute>[];
}

export function emptyModel(): Model {
  return { gateways: [], peers: [], trunkGroups: [], routes: [] };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Adds the entities of one file whose schema errors are `errors` (used to mark entities invalid). */
export function collect(model: Model, source: SourceFile, fileIndex: number, data: unknown, given: unknown, errors: readonly ConfigError[]): void {
  if (!isRecord(data) || !isRecord(given)) return;
  const bad = (path: JsonPath) => errors.some((e) => path.every((seg, i) => e.path[i] === seg));
  const add = <T>(list: Entity<T>[], path: JsonPath, name: string, value: unknown, givenValue: unknown) => {
    list.push({ source, fileIndex, path, name, data: value as T, given: isRecord(givenValue) ? givenValue : {}, valid: isRecord(value) && !bad(path) });
  };
  if ('gateway' in data) add(model.gateways, ['gateway'], 'gateway', data.gateway, given.gateway);
  for (const [section, list] of [
    ['peers', model.peers],
    ['trunkGroups', model.trunkGroups],
  ] as const) {
    const map = data[section];
    const givenMap = given[section];
    if (!isRecord(map)) continue;
    for (const [name, value] of Object.entries(map)) add(list as Entity<unknown>[], [section, name], name, value, isRecord(givenMap) ? givenMap[name] : undefined);
  }
  const routes = data.routes;
  const givenRoutes = given.routes;
  if (Array.isArray(routes)) {
    routes.forEach((value: unknown, i) => {
      const name = isRecord(value) && typeof value.name === 'string' ? value.name : `#${i}`;
      add(model.routes, ['routes', i], name, value, Array.isArray(givenRoutes) ? (givenRoutes as unknown[])[i] : undefined);
    });
  }
}

/** An error at `sub` inside an entity, positioned at the value (or the key) there. */
export function errorAt(entity: Entity<unknown>, code: ConfigErrorCode, sub: JsonPath, message: string, at: 'key' | 'value' = 'value'): ConfigError {
  const path = [...entity.path, ...sub];
  return { code, file: entity.source.path, ...entity.source.locate(path, at), path, message };
}

/** `trunks/pbx.yaml:3:3`: where an entity (or a path inside it) is, for "already defined at" messages. */
export function whereIs(entity: Entity<unknown>, sub: JsonPath = [], at: 'key' | 'value' = 'key'): string {
  const p = entity.source.locate([...entity.path, ...sub], at);
  return `${entity.source.path}:${p.line}:${p.col}`;
}
