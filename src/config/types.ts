// The typed configuration validateConfig returns: every default filled in, every derived value
// computed (channel lists, CICs, glare parity, ISDN glare winner), addresses parsed.
import type { IsupTimerName } from '../isup/timers.js';
import type { L2Timers } from '../isdn/l2/service.js';
import type { Q931TimerName } from '../isdn/q931/service.js';
import type { HostPort } from './formats.js';
import type { SipTimerBase } from '../sip/transaction/timers.js';

export type { HostPort } from './formats.js';

export interface TandemConfig {
  readonly gateway: GatewayConfig;
  /** In file order (files sorted by name). */
  readonly peers: readonly PeerConfig[];
  readonly trunkGroups: readonly TrunkGroupConfig[];
  /** In the order they are tried. */
  readonly routes: readonly RouteConfig[];
}

export interface GatewayConfig {
  readonly nodeId: string;
  readonly sip: {
    readonly listen: { readonly udp: readonly HostPort[]; readonly tcp: readonly HostPort[]; readonly tls: readonly HostPort[] };
    /** Paths resolved against the directory of the file that names them. */
    readonly tls?: { readonly certFile: string; readonly keyFile: string; readonly caFile?: string };
    /** requests from sources no peer's acl admits: 403 (reject) or no answer (drop); docs/operations.md "Access" */
    readonly strangers: 'reject' | 'drop';
  };
  readonly admin: { readonly listen: HostPort };
  readonly cdr: CdrConfig;
  readonly runtime: RuntimeConfig;
}

/** docs/operations.md "Memory". */
export interface RuntimeConfig {
  /** V8 --heap-growing-percent; 0 leaves heap growth to V8 */
  readonly heapGrowthPercent: number;
}

/** docs/cdr.md "Settings". */
export interface CdrConfig {
  /** resolved against the directory of the file that names it */
  readonly spoolDir: string;
  readonly fsync: 'always' | 'interval' | 'never';
  readonly fsyncIntervalMs: number;
  readonly maxSegmentBytes: number;
  readonly maxSegmentAgeMs: number;
  /** absent: no Redis, the spool is the store */
  readonly redis?: CdrRedisConfig;
}

export interface CdrRedisConfig {
  readonly url: string;
  readonly keyPrefix: string;
  /** store the queue into Redis inside `tandem start` */
  readonly worker: boolean;
  readonly workerConcurrency: number;
  /** records older than this (by setupInAt) are not stored, and are trimmed every minute */
  readonly retentionDays: number;
}

export type SipTransport = 'udp' | 'tcp' | 'tls';
export type PeerProfile = 'plain' | 'sipt' | 'sipi';

export interface NumberRule {
  readonly field: 'called' | 'calling' | 'both';
  readonly match: string;
  readonly replace: string;
}

export interface PeerConfig {
  readonly name: string;
  readonly description?: string;
  readonly address: HostPort;
  readonly transport: SipTransport;
  readonly acl: readonly string[];
  readonly auth: {
    readonly inbound?: { readonly username: string; readonly password: string; readonly realm: string };
    readonly outbound?: { readonly username: string; readonly password: string };
  };
  readonly profile: PeerProfile;
  /** Present for the `sipt` and `sipi` profiles only. */
  readonly isup?: { readonly version: string; readonly base?: string; readonly handling: 'required' | 'optional' };
  readonly reasonHeader: boolean;
  readonly numbers: { readonly inbound: readonly NumberRule[]; readonly outbound: readonly NumberRule[] };
  /** Overrides keyed by Q.850 cause (toSip) or SIP status (fromSip). */
  readonly causeMap: { readonly toSip: Readonly<Record<number, number>>; readonly fromSip: Readonly<Record<number, number>> };
  readonly cac: { readonly maxCalls?: number; readonly maxInbound?: number; readonly maxOutbound?: number; readonly maxCallsPerSecond?: number };
  /** Ready for the transaction layer's `timers` option. */
  readonly timers: SipTimerBase;
}

export type Parity = 'even' | 'odd';
export type SpanType = 'E1' | 'T1' | 'BRI';
export type HuntingStrategy = 'ascending' | 'descending' | 'cyclic' | 'random' | 'leastRecentlyUsed' | 'evenOdd';

export interface Hunting {
  readonly strategy: HuntingStrategy;
  /** `evenOdd` only. */
  readonly parity?: Parity;
  /** `evenOdd` only. */
  readonly fallback?: boolean;
}

export interface Glare {
  readonly policy: 'pointCode' | 'oddEven' | 'fixed';
  readonly maxReattempts: number;
  /** `pointCode` (computed from the point codes) and `oddEven`: the parity this side wins. */
  readonly controls?: Parity;
  /** `fixed`: the side that wins. */
  readonly winner?: 'local' | 'remote';
}

interface TrunkGroupCommon {
  readonly name: string;
  readonly description?: string;
  readonly hunting: Hunting;
  readonly glare: Glare;
  /** Limits left out are not enforced. */
  readonly cac: { readonly maxCalls?: number; readonly maxCallsPerSecond?: number };
  /** Overlap receiving (calls to SIP): when a called number is complete; absent: en bloc. */
  readonly overlap?: { readonly minDigits: number; readonly maxDigits?: number; readonly complete?: string };
  /** Number of bearer circuits in the group. */
  readonly circuits: number;
}

export interface IsupSpan {
  readonly span: number;
  readonly type: SpanType;
  readonly channels: readonly number[];
  /** `cics[i]` is the CIC of `channels[i]`. */
  readonly cics: readonly number[];
}

export interface IsupTrunkGroupConfig extends TrunkGroupCommon {
  readonly driver: 'ss7' | 'sim';
  readonly pointCodes: { readonly local: number; readonly remote: number };
  readonly spans: readonly IsupSpan[];
  readonly timers: Readonly<Record<IsupTimerName, number>>;
}

export interface IsdnSpan {
  readonly span: number;
  readonly type: SpanType;
  readonly channels: readonly number[];
}

/** Where the D-channel frames travel: dial the peer, or accept it (TCP only). */
export interface DChannelConfig {
  readonly mode: 'connect' | 'listen';
  readonly host: string;
  readonly port: number;
}

export interface IsdnTrunkGroupConfig extends TrunkGroupCommon {
  readonly driver: 'pri' | 'bri';
  readonly side: 'network' | 'user';
  /** One span: one D-channel serves one interface (no NFAS). */
  readonly spans: readonly IsdnSpan[];
  readonly switchType: 'euroIsdn' | 'ni2';
  readonly dchannel: DChannelConfig;
  readonly fcs: boolean;
  /** `bri` only: point-to-point or point-to-multipoint; `ptp` for `pri`. */
  readonly briMode: 'ptp' | 'ptmp';
  readonly channelSelection: 'exclusive' | 'preferred';
  /** Overrides only; the Q.931 stack has the defaults. */
  readonly q931Timers: Readonly<Partial<Record<Q931TimerName, number>>>;
  /** Overrides only; the Q.921 stack has the defaults. */
  readonly l2Timers: Readonly<Partial<L2Timers>>;
}

export type TrunkGroupConfig = IsupTrunkGroupConfig | IsdnTrunkGroupConfig;

export interface RouteTarget {
  readonly kind: 'trunkGroup' | 'peer';
  readonly name: string;
}

export interface RouteConfig {
  readonly name: string;
  readonly description?: string;
  /** Sources (peer or trunk group names) whose calls the route takes; undefined means any. */
  readonly from?: readonly string[];
  readonly match: string;
  readonly to: readonly RouteTarget[];
  readonly failoverCauses: readonly number[];
}
