// Schema of one trunk group, an entry of the `trunkGroups` map: the driver, its spans and circuits,
// how circuits are hunted, how glare is resolved, and Q.764 timer overrides.
import { ISUP_TIMERS } from '../../isup/timers.js';
import { L2_COUNT_LIMITS, L2_TIMER_LIMITS, Q931_TIMER_LIMITS, type IsdnTimerLimit } from '../isdn-timers.js';
import { bool, fmt, int, list, object, oneOf, rangeList, str, timerTable, type Schema } from './common.js';

export const DRIVERS = ['sim', 'pri', 'bri', 'ss7'] as const;
export const SPAN_TYPES = ['E1', 'T1', 'BRI'] as const;
export const HUNTING_STRATEGIES = ['ascending', 'descending', 'cyclic', 'random', 'leastRecentlyUsed', 'evenOdd'] as const;
export const GLARE_POLICIES = ['pointCode', 'oddEven', 'fixed'] as const;
export const SWITCH_TYPES = ['euroIsdn', 'ni2'] as const;

/** Overrides only (no defaults filled in: the ISDN stacks own them), each limited to its row's range. */
function overrideTable(description: string, rows: readonly IsdnTimerLimit<string>[], extra: Record<string, Schema> = {}): Schema {
  const properties: Record<string, Schema> = {};
  for (const r of rows) {
    properties[r.name] = { type: 'integer', description: `${r.desc} Default ${r.defaultMs} ms.`, minimum: r.minMs, maximum: r.maxMs, 'x-timer': { name: r.name, ref: r.ref } };
  }
  return { type: 'object', description, properties: { ...properties, ...extra }, additionalProperties: false };
}

const pointCode = (description: string): Schema => int(description, 0, 16383);

const span: Schema = object(
  'One span (E1, T1 or BRI interface) or part of one.',
  {
    span: int('Span number, as the driver numbers its interfaces (up to 4095: a large gateway terminates hundreds of E1s). A channel of a span belongs to one trunk group only.', 1, 4095),
    type: oneOf(SPAN_TYPES, 'Interface type. `pri` uses E1 or T1, `bri` uses BRI, `ss7` uses E1 or T1, `sim` any.'),
    channels: rangeList(
      'Bearer channels (timeslots) of the span in this group. Defaults: E1 1-15,17-31; T1 1-23 for `pri`, 1-24 otherwise; BRI 1-2. Timeslot 16 (E1) and 24 (T1) carry the D-channel on `pri`.',
    ),
    cics: rangeList('CIC of each channel, in the same order and of the same count (`ss7` and `sim` only, 0-4095). Required for `ss7`; `sim` defaults to the channel numbers.'),
  },
  { required: ['span', 'type'] },
);

export const trunkGroupSchema: Schema = object(
  'A group of circuits behind one driver. The map key is its name, unique among peers and trunk groups.',
  {
    description: { type: 'string', description: 'Free text for operators.', minLength: 1 },
    driver: oneOf(DRIVERS, 'Span driver: `sim` (simulated far-end exchange), `pri` and `bri` (ISDN Q.931), `ss7` (ISUP).'),
    side: oneOf(['network', 'user'], 'ISDN side this gateway takes (`pri` and `bri` only). Default `user`.'),
    pointCodes: object(
      'ITU signalling point codes (14 bits) of the ISUP relation. Required for `ss7`; `sim` defaults to local 1, remote 2. CICs are unique per point code pair.',
      { local: pointCode('Point code of this gateway (OPC of sent messages).'), remote: pointCode('Point code of the adjacent exchange (DPC of sent messages).') },
      { required: ['local', 'remote'] },
    ),
    spans: list('Spans whose channels form this group.', span, { minItems: 1 }),
    hunting: object(
      'How a free circuit is chosen for an outgoing call.',
      {
        strategy: oneOf(HUNTING_STRATEGIES, '`ascending` / `descending` circuit order, `cyclic` (round robin), `random`, `leastRecentlyUsed`, or `evenOdd`: circuits of one parity first (glare avoidance).', {
          default: 'ascending',
        }),
        parity: oneOf(['even', 'odd'], '`evenOdd` only: the parity hunted first. Defaults to the parity this side controls under the glare policy; required with `glare.policy: fixed`.'),
        fallback: bool('`evenOdd` only: when no circuit of that parity is free, hunt the other parity too. Default true.'),
      },
      { default: {} },
    ),
    glare: object(
      'Dual seizure (glare) resolution on both-way circuits.',
      {
        policy: oneOf(GLARE_POLICIES, '`pointCode`: the side with the higher point code controls even CICs (Q.764 §2.9.1.4); `oddEven`: this side controls the parity in `controls`; `fixed`: one side always wins (`winner`). Default `pointCode` for `ss7` and `sim`, `fixed` for `pri` and `bri`.'),
        controls: oneOf(['even', 'odd'], '`oddEven` only (required there): the circuits this side controls, i.e. wins on glare.'),
        winner: oneOf(['local', 'remote'], '`fixed` only: the side that wins every glare. Default: `local` when `side` is `network`, else `remote`.'),
        maxReattempts: int('How many times a call that lost glare is re-attempted on another circuit.', 0, 10, { default: 1 }),
      },
      { default: {} },
    ),
    cac: object(
      'Call admission control of the group; a limit left out is not enforced.',
      {
        maxCalls: int('Most simultaneous calls on the group, both directions.', 1),
        maxCallsPerSecond: int('Most new outgoing calls per second on the group.', 1),
      },
      { default: {} },
    ),
    overlap: object(
      'Overlap receiving from this group (calls to SIP): when a called number is complete. Without it the group is en bloc: the IAM\'s (SETUP\'s) number goes to SIP at once. With it, the number grows with each SAM (INFORMATION) until ST (sending complete) arrives, it has `maxDigits` digits, or `complete` matches it; when T35 expires after the latest digit, a number of at least `minDigits` digits is sent as it is and a shorter one is released with cause 28. One INVITE goes out with the whole number. On `pri` and `bri` groups `q931Timers.T302` must be above T35 (15 s): at T302 expiry Q.931 clears the call with cause 28.',
      {
        minDigits: int('Fewest digits a number may have when T35 expires.', 1, 32),
        maxDigits: int('A number of this many digits is complete.', 1, 32),
        complete: str('JavaScript regular expression over the whole digit string (anchored at both ends) that makes a number complete, e.g. `39[0-9]{4}`.'),
      },
      { required: ['minDigits'] },
    ),
    timers: timerTable('Q.764 timer overrides in milliseconds (`ss7` and `sim` only); see "ISUP timers" below.', ISUP_TIMERS),
    switchType: oneOf(SWITCH_TYPES, 'ISDN switch variant (`pri` and `bri` only): `euroIsdn` (ETSI EN 300 403) or `ni2` (National ISDN-2, T1 spans only). Default `euroIsdn`.'),
    dchannel: object(
      'Where the D-channel frames travel (`pri` and `bri` only, required there): exactly one of `connect` or `listen`. Only TCP is supported (one message = 2-byte big-endian length + frame).',
      {
        connect: fmt('dchannel-address', 'Dial the peer at this address, and redial with a capped backoff when the connection ends.'),
        listen: fmt('dchannel-address', 'Accept the peer on this address, one connection at a time.'),
      },
    ),
    fcs: bool('`pri` and `bri` only: each D-channel frame carries a CRC-16/X.25 FCS, checked on receipt (both ends must agree). Default false.'),
    bri: object('`bri` only.', { mode: oneOf(['ptp', 'ptmp'], '`ptp`: point-to-point, TEI 0; `ptmp`: point-to-multipoint with TEI management (the network side broadcasts SETUP). Default `ptp`.') }),
    channelSelection: oneOf(['exclusive', 'preferred'], '`pri` and `bri` only: the channel identification of outgoing SETUPs. `exclusive`: only the hunted channel; `preferred`: the network may choose another. Default `exclusive`.'),
    q931Timers: overrideTable('Q.931 timer overrides in milliseconds (`pri` and `bri` only); see "Q.931 timers" below.', Q931_TIMER_LIMITS),
    l2Timers: overrideTable('Q.921 overrides (`pri` and `bri` only): T200 and T203 in milliseconds (see "Q.921 timers" below), and the counts N200 and k.', L2_TIMER_LIMITS, {
      N200: int(L2_COUNT_LIMITS.N200.desc, L2_COUNT_LIMITS.N200.min, L2_COUNT_LIMITS.N200.max),
      k: int(L2_COUNT_LIMITS.k.desc, L2_COUNT_LIMITS.k.min, L2_COUNT_LIMITS.k.max),
    }),
  },
  { required: ['driver', 'spans'] },
);
