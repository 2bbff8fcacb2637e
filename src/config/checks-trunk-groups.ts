// Checks on trunk groups that a schema cannot express: keys that depend on the driver, channel and CIC
// lists against the span type, glare and hunting combinations, and overlaps across groups.
import { ISUP_TIMERS } from '../isup/timers.js';
import type { ConfigError } from './errors.js';
import { parseRangeList } from './formats.js';
import { Q931_TIMER_LIMITS } from './isdn-timers.js';
import { errorAt, whereIs, type Entity, type RawSpan, type RawTrunkGroup } from './model.js';
import type { SpanType } from './types.js';

type Group = Entity<RawTrunkGroup>;

const ISUP_DRIVERS = ['ss7', 'sim'];
const SPAN_TYPES_BY_DRIVER: Record<RawTrunkGroup['driver'], readonly SpanType[]> = { pri: ['E1', 'T1'], bri: ['BRI'], ss7: ['E1', 'T1'], sim: ['E1', 'T1', 'BRI'] };
const CHANNEL_LIMIT: Record<SpanType, number> = { E1: 31, T1: 24, BRI: 2 };
/** Timeslot carrying the D-channel of a PRI span. */
const PRI_D_CHANNEL: Partial<Record<SpanType, number>> = { E1: 16, T1: 24 };
export const MAX_CIC = 4095;
export const SIM_POINT_CODES = { local: 1, remote: 2 } as const;

export function isIsup(driver: RawTrunkGroup['driver']): driver is 'ss7' | 'sim' {
  return ISUP_DRIVERS.includes(driver);
}

/** Default bearer channels of a span of `type` for `driver`. */
export function defaultChannels(driver: RawTrunkGroup['driver'], type: SpanType): number[] {
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  if (type === 'E1') return [...range(1, 15), ...range(17, 31)];
  if (type === 'T1') return range(1, driver === 'pri' ? 23 : 24);
  return [1, 2];
}

export function spanChannels(driver: RawTrunkGroup['driver'], s: RawSpan): number[] {
  return s.channels === undefined ? defaultChannels(driver, s.type) : (parseRangeList(s.channels) ?? []);
}

export function spanCics(driver: RawTrunkGroup['driver'], s: RawSpan): number[] {
  return s.cics === undefined ? spanChannels(driver, s) : (parseRangeList(s.cics) ?? []);
}

/** `1-3,5`. */
export function compress(values: readonly number[]): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

const duplicates = (values: readonly number[]): number[] => values.filter((v, i) => values.indexOf(v) !== i);

/** Checks of one schema-valid trunk group on its own. */
export function checkTrunkGroup(g: Group): ConfigError[] {
  const out: ConfigError[] = [];
  const { driver } = g.data;
  const isup = isIsup(driver);
  const notFor = (drivers: string) => `applies only to ${drivers} trunk groups (driver is ${driver})`;
  if (g.data.side !== undefined && isup) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['side'], notFor('pri and bri'), 'key'));
  if (g.data.pointCodes !== undefined && !isup) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['pointCodes'], notFor('ss7 and sim'), 'key'));
  if (g.data.pointCodes === undefined && driver === 'ss7') out.push(errorAt(g, 'CONFIG_DEPENDENCY', [], 'missing pointCodes: required for driver ss7', 'key'));
  if (g.given.timers !== undefined && !isup) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['timers'], `ISUP timers apply only to ss7 and sim trunk groups (driver is ${driver})`, 'key'));
  out.push(...checkIsdnKeys(g));

  g.data.spans.forEach((s, i) => {
    const allowed = SPAN_TYPES_BY_DRIVER[driver];
    if (!allowed.includes(s.type)) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['spans', i, 'type'], `must be ${allowed.join(' or ')} for driver ${driver}`));
    const channels = spanChannels(driver, s);
    const limit = CHANNEL_LIMIT[s.type];
    const outside = channels.filter((c) => c < 1 || c > limit);
    if (outside.length > 0) out.push(errorAt(g, 'CONFIG_CHANNEL_RANGE', ['spans', i, 'channels'], `channel ${compress(outside)} does not exist on ${s.type === 'E1' ? 'an' : 'a'} ${s.type} span (1-${limit})`));
    const d = PRI_D_CHANNEL[s.type];
    if (driver === 'pri' && d !== undefined && channels.includes(d)) out.push(errorAt(g, 'CONFIG_CHANNEL_RANGE', ['spans', i, 'channels'], `channel ${d} is the D-channel of a PRI ${s.type} span`));
    const twice = duplicates(channels);
    if (twice.length > 0) out.push(errorAt(g, 'CONFIG_SPAN_OVERLAP', ['spans', i, 'channels'], `channel ${compress(twice)} is listed twice`));
    if (s.cics !== undefined && !isup) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['spans', i, 'cics'], notFor('ss7 and sim'), 'key'));
    if (s.cics === undefined && driver === 'ss7') out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['spans', i], 'missing cics: required for driver ss7'));
    if (s.cics !== undefined && isup) {
      const cics = spanCics(driver, s);
      const high = cics.filter((c) => c > MAX_CIC);
      if (high.length > 0) out.push(errorAt(g, 'CONFIG_CHANNEL_RANGE', ['spans', i, 'cics'], `CIC ${compress(high)} is above ${MAX_CIC} (ITU CICs have 12 bits)`));
      if (cics.length !== channels.length) out.push(errorAt(g, 'CONFIG_CIC_COUNT', ['spans', i, 'cics'], `lists ${cics.length} CICs for ${channels.length} channels`));
    }
  });

  const { hunting, glare } = g.data;
  const policy = glare.policy ?? (isup ? 'pointCode' : 'fixed');
  if (hunting.strategy !== 'evenOdd') {
    for (const key of ['parity', 'fallback'] as const) {
      if (hunting[key] !== undefined) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['hunting', key], `applies only to strategy evenOdd (strategy is ${hunting.strategy})`, 'key'));
    }
  } else if (hunting.parity === undefined && policy === 'fixed') {
    out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['hunting'], 'missing parity: required for strategy evenOdd with glare policy fixed'));
  }
  if (policy === 'pointCode' && !isup) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['glare', 'policy'], `pointCode ${notFor('ss7 and sim')}`));
  if (policy === 'pointCode' && isup) {
    const pc = g.data.pointCodes ?? SIM_POINT_CODES;
    if (pc.local === pc.remote) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['pointCodes'], 'local and remote must differ for glare policy pointCode'));
  }
  if (glare.controls !== undefined && policy !== 'oddEven') out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['glare', 'controls'], `applies only to glare policy oddEven (policy is ${policy})`, 'key'));
  if (glare.controls === undefined && policy === 'oddEven') out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['glare'], 'missing controls: required for glare policy oddEven'));
  if (glare.winner !== undefined && policy !== 'fixed') out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['glare', 'winner'], `applies only to glare policy fixed (policy is ${policy})`, 'key'));
  return out;
}

/** Channels of a span in two groups (or twice), one span number with two types, and CICs used twice per point code pair. */
export function checkOverlaps(groups: readonly Group[]): ConfigError[] {
  const out: ConfigError[] = [];
  const spanOwner = new Map<number, { type: SpanType; group: Group; index: number; channels: Map<number, Group> }>();
  const cicOwner = new Map<string, Map<number, { group: Group; index: number }>>();
  for (const g of groups) {
    const { driver } = g.data;
    g.data.spans.forEach((s, i) => {
      const seen = spanOwner.get(s.span);
      if (seen && seen.type !== s.type) {
        out.push(errorAt(g, 'CONFIG_SPAN_OVERLAP', ['spans', i, 'type'], `span ${s.span} is ${seen.type} at ${whereIs(seen.group, ['spans', seen.index, 'type'], 'value')}`));
      }
      const entry = seen ?? { type: s.type, group: g, index: i, channels: new Map<number, Group>() };
      spanOwner.set(s.span, entry);
      const clashes = new Map<Group, number[]>();
      for (const c of new Set(spanChannels(driver, s))) {
        const owner = entry.channels.get(c);
        if (owner) clashes.set(owner, [...(clashes.get(owner) ?? []), c]);
        else entry.channels.set(c, g);
      }
      for (const [owner, chans] of clashes) {
        const where = owner === g ? 'is listed twice in this trunk group' : `already belongs to trunk group "${owner.name}" (${whereIs(owner)})`;
        out.push(errorAt(g, 'CONFIG_SPAN_OVERLAP', ['spans', i], `span ${s.span} channel ${compress(chans)} ${where}`));
      }
      // An ss7 group without point codes or CICs has its own error already.
      if (!isIsup(driver) || (driver === 'ss7' && (!g.data.pointCodes || s.cics === undefined))) return;
      const pc = g.data.pointCodes ?? SIM_POINT_CODES;
      const key = `${pc.local}/${pc.remote}`;
      const cics = cicOwner.get(key) ?? new Map<number, { group: Group; index: number }>();
      cicOwner.set(key, cics);
      const cicClashes = new Map<Group, number[]>();
      // CICs taken from the channels repeat only where the channels do, which is reported already.
      const spanCicList = spanCics(driver, s);
      for (const c of s.cics === undefined ? new Set(spanCicList) : spanCicList) {
        const owner = cics.get(c);
        if (owner) cicClashes.set(owner.group, [...(cicClashes.get(owner.group) ?? []), c]);
        else cics.set(c, { group: g, index: i });
      }
      for (const [owner, list] of cicClashes) {
        const where = owner === g ? 'is used twice in this trunk group' : `is already used by trunk group "${owner.name}" (${whereIs(owner)})`;
        out.push(errorAt(g, 'CONFIG_CIC_OVERLAP', ['spans', i, s.cics === undefined ? 'channels' : 'cics'], `CIC ${compress(list)} ${where} for point codes ${key}`));
      }
    });
  }
  return out;
}

const ISDN_KEYS = ['switchType', 'dchannel', 'fcs', 'bri', 'channelSelection', 'q931Timers', 'l2Timers'] as const;

/** The keys of `pri` and `bri` groups: where they apply, the D-channel address, the switch variant against the span type, one span per D-channel. */
function checkIsdnKeys(g: Group): ConfigError[] {
  const out: ConfigError[] = [];
  const d = g.data;
  if (isIsup(d.driver)) {
    for (const key of ISDN_KEYS) if (d[key] !== undefined) out.push(errorAt(g, 'CONFIG_DEPENDENCY', [key], `applies only to pri and bri trunk groups (driver is ${d.driver})`, 'key'));
    return out;
  }
  if (d.dchannel === undefined) out.push(errorAt(g, 'CONFIG_DEPENDENCY', [], `missing dchannel: required for driver ${d.driver}`, 'key'));
  else {
    const given = (['connect', 'listen'] as const).filter((k) => d.dchannel?.[k] !== undefined);
    if (given.length !== 1) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['dchannel'], given.length === 0 ? 'needs connect or listen' : 'takes connect or listen, not both', 'key'));
  }
  if (d.bri !== undefined && d.driver !== 'bri') out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['bri'], `applies only to bri trunk groups (driver is ${d.driver})`, 'key'));
  if (d.switchType === 'ni2') {
    d.spans.forEach((s, i) => {
      if (s.type !== 'T1') out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['switchType'], `ni2 applies only to T1 spans (span ${s.span}, spans[${i}], is ${s.type})`));
    });
  }
  if (d.spans.length > 1) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['spans', 1], `a ${d.driver} trunk group has one span: its D-channel serves one interface (NFAS is not supported)`));
  // Q.931's T302 (overlap receiving, restarted by each INFORMATION) clears the call with cause 28 when
  // it expires: it must outlast call control's T35 (the default on ISDN groups), or T35 never fires.
  const t35 = ISUP_TIMERS.find((t) => t.name === 'T35')?.defaultMs ?? 0;
  const t302 = d.q931Timers?.T302 ?? Q931_TIMER_LIMITS.find((t) => t.name === 'T302')?.defaultMs ?? 0;
  if (d.overlap !== undefined && t302 <= t35) {
    out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['overlap'], `needs q931Timers.T302 above T35 (${t35} ms; T302 is ${t302} ms): at T302 expiry Q.931 clears the call with cause 28 before call control's T35`, 'key'));
  }
  return out;
}
