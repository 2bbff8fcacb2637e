// Schema of one SIP peer (an IP PBX or a carrier), an entry of the `peers` map.
import { SIP_TIMER_LIMITS } from '../sip-timers.js';
import { bool, fmt, int, list, object, oneOf, str, timerTable, type Schema } from './common.js';

/** RFC 3204 Table 1: the well-known ISUP variants a `base` parameter may name. */
export const ISUP_BASES = ['itu-t88', 'itu-t92+', 'ansi88', 'ansi00', 'etsi121', 'etsi356', 'gr317', 'ttc87', 'ttc93+'] as const;

const cause = (description: string): Schema => int(description, 1, 127);
const status = (description: string): Schema => int(description, 400, 699);

const numberRule: Schema = object(
  'A rewrite rule: when `match` matches the number, it is replaced by `replace`. Rules run in order and the first match wins.',
  {
    field: oneOf(['called', 'calling', 'both'], 'Which number the rule applies to.', { default: 'called' }),
    match: str('JavaScript regular expression tested against the number, e.g. `^00`.'),
    replace: { type: 'string', description: 'Replacement; `$1`… refer to groups of `match`. May be empty.' },
  },
  { required: ['match', 'replace'] },
);

export const peerSchema: Schema = object(
  'A SIP peer: an IP PBX or a carrier. The map key is its name, unique among peers and trunk groups.',
  {
    description: str('Free text for operators.'),
    address: fmt('host-port', 'Where requests to this peer are sent: an IP address or DNS name with an optional port (default 5060, 5061 for TLS).'),
    transport: oneOf(['udp', 'tcp', 'tls'], 'Transport used toward this peer; the gateway must listen on it.', { default: 'udp' }),
    acl: list('Source addresses requests from this peer may come from. A peer needs an ACL, inbound digest credentials, or both.', fmt('cidr', 'An IP address or prefix.'), {
      uniqueItems: true,
      default: [],
    }),
    auth: object(
      'Digest credentials (RFC 3261 §22), both ways.',
      {
        inbound: object(
          'Credentials this peer must present: the gateway challenges its requests.',
          {
            username: fmt('sip-user', 'User name the peer authenticates with.'),
            password: str('Password the peer authenticates with.'),
            realm: str('Realm of the challenge; defaults to the gateway node id.'),
          },
          { required: ['username', 'password'] },
        ),
        outbound: object(
          'Credentials the gateway presents when this peer challenges it (401/407).',
          { username: fmt('sip-user', 'User name the gateway authenticates with.'), password: str('Password the gateway authenticates with.') },
          { required: ['username', 'password'] },
        ),
      },
      { default: {} },
    ),
    profile: oneOf(['plain', 'sipt', 'sipi'], 'Signalling profile: `plain` SIP (RFC 3398 mapping only), `sipt` (RFC 3372) or `sipi` (Q.1912.5 profile C); the last two carry ISUP bodies.', {
      default: 'plain',
    }),
    isup: object('ISUP body settings (RFC 3204); only for the `sipt` and `sipi` profiles.', {
      version: fmt('token', 'The `version` parameter of `application/ISUP`, agreed with the peer.', { default: 'itu-t92+' }),
      base: oneOf(ISUP_BASES, 'The `base` parameter: the well-known variant the peer may fall back to (RFC 3204 Table 1). Omitted when absent.'),
      handling: oneOf(['required', 'optional'], 'Content-Disposition `handling` of the ISUP part. Defaults to `required` for `sipi` and `optional` for `sipt` (RFC 3372).'),
    }),
    reasonHeader: bool('Send `Reason: Q.850;cause=…` (RFC 3326) on BYE, CANCEL and final responses.', true),
    numbers: object(
      'Number normalisation rules.',
      {
        inbound: list('Rules applied to numbers in requests from this peer, before routing.', numberRule, { default: [] }),
        outbound: list('Rules applied to numbers in requests sent to this peer.', numberRule, { default: [] }),
      },
      { default: {} },
    ),
    causeMap: object(
      'Overrides of the RFC 3398 cause mapping for this peer.',
      {
        toSip: list(
          'Q.850 cause → SIP status overrides, used when a PSTN release answers this peer.',
          object('One override.', { cause: cause('Q.850 cause value.'), status: status('SIP final status sent instead of the RFC 3398 one.') }, { required: ['cause', 'status'] }),
          { default: [] },
        ),
        fromSip: list(
          'SIP status → Q.850 cause overrides, used when this peer rejects a call.',
          object('One override.', { status: status('SIP final status received.'), cause: cause('Q.850 cause sent to the PSTN instead of the RFC 3398 one.') }, { required: ['status', 'cause'] }),
          { default: [] },
        ),
      },
      { default: {} },
    ),
    cac: object(
      'Call admission control; a limit left out is not enforced.',
      {
        maxCalls: int('Most simultaneous calls with this peer, both directions.', 1),
        maxInbound: int('Most simultaneous calls from this peer.', 1),
        maxOutbound: int('Most simultaneous calls to this peer.', 1),
        maxCallsPerSecond: int('Most new calls per second from this peer; more are answered 503.', 1),
      },
      { default: {} },
    ),
    timers: timerTable('SIP base timer overrides in milliseconds (RFC 3261 Table 4); see "SIP timers" below.', SIP_TIMER_LIMITS),
  },
  { required: ['address'] },
);
