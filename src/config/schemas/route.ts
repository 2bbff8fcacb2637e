// Schema of one route, an entry of the `routes` list: a called-number pattern and the ordered targets.
import { fmt, int, list, object, str, type Schema } from './common.js';

/** Q.850 causes that move a call to the next target unless a route says otherwise. */
export const DEFAULT_FAILOVER_CAUSES = [34, 38, 41, 42, 44, 47] as const;

export const routeSchema: Schema = object(
  'A route. Routes are tried in order (files by name, then in file order); the first whose `from` and `match` fit the call is used.',
  {
    name: fmt('name', 'Route name, unique among routes; it appears in logs and CDRs.'),
    description: str('Free text for operators.'),
    from: list('Peers or trunk groups whose calls this route takes; any source when absent.', fmt('name', 'A peer or trunk group name.'), { minItems: 1, uniqueItems: true }),
    match: str(
      'JavaScript regular expression tested against the called number (after the source peer\'s inbound rules; `+` and digits for international numbers, digits otherwise), e.g. `^\\+?[0-9]+$`.',
    ),
    to: list('Targets tried in order: trunk groups or peers.', fmt('name', 'A trunk group or peer name.'), { minItems: 1, uniqueItems: true }),
    failoverCauses: list('Q.850 causes after which the call is tried on the next target (a peer\'s SIP rejection is first mapped to a cause).', int('A Q.850 cause value.', 1, 127), {
      uniqueItems: true,
      default: [...DEFAULT_FAILOVER_CAUSES],
    }),
  },
  { required: ['name', 'match', 'to'] },
);
