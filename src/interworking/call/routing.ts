// Routing (config `routes:`): the first route whose `from` names the call's source (a peer or a
// trunk group; any source when absent) and whose `match` fits the called number wins; its targets
// are tried in order, moving on after the route's failover causes. Number rules (config
// `peers.<name>.numbers`) rewrite the called and calling numbers of requests from a peer
// (inbound, before routing) and to a peer (outbound). Also: the mapping settings of a trunk group
// or peer, over Tandem's defaults.
import type { NumberRule, PeerConfig, RouteConfig, RouteTarget } from '../../config/index.js';
import type { PeerMapping } from '../mapping/index.js';
import type { MappingOptions } from './options.js';

const compiled = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) compiled.set(pattern, (re = new RegExp(pattern)));
  return re;
}

/** The route for a call from `source` to `called`, if any. */
export function findRoute(routes: readonly RouteConfig[], source: string, called: string): RouteConfig | undefined {
  return routes.find((r) => (r.from === undefined || r.from.includes(source)) && regex(r.match).test(called));
}

/** targetsOf's lists, by route and kind: a route's configuration does not change while calls use it. */
const targetLists = new WeakMap<RouteConfig, Partial<Record<RouteTarget['kind'], readonly string[]>>>();

/** The route's targets of one kind: trunk groups for calls from SIP, peers for calls from the PSTN (one list per route, shared by its calls). */
export function targetsOf(route: RouteConfig, kind: RouteTarget['kind']): readonly string[] {
  let lists = targetLists.get(route);
  if (lists === undefined) targetLists.set(route, (lists = {}));
  return (lists[kind] ??= Object.freeze(route.to.filter((t) => t.kind === kind).map((t) => t.name)));
}

/** `number` after the rules that apply to `field`, in order. */
export function applyNumberRules(number: string, rules: readonly NumberRule[], field: 'called' | 'calling'): string {
  return rules.filter((r) => r.field === field || r.field === 'both').reduce((n, r) => n.replace(regex(r.match), r.replace), number);
}

/** Until src/config has them: the example configuration's numbering plan (Germany), no RFC 3325 trust, speech, A-law. */
export const DEFAULT_MAPPING: PeerMapping = {
  plan: { countryCode: '49', nationalPrefix: '0', internationalPrefix: '00' },
  trusted: false,
  bearer: { audio: 'speech', law: 'A' },
  echoControl: false,
  style: { scheme: 'sip', host: 'tandem.invalid', phoneContext: '+49' },
  redirection: 'diversion',
};

/** The mapping settings of a trunk group or peer: its own over the defaults; a peer's URIs name its address unless set. */
export function mappingFor(options: MappingOptions | undefined, name: string, peer?: PeerConfig): PeerMapping {
  const own = options?.byName?.[name] ?? {};
  const merged: PeerMapping = { ...DEFAULT_MAPPING, ...options?.defaults, ...own };
  return peer === undefined || own.style !== undefined ? merged : { ...merged, style: { ...merged.style, host: peer.address.host } };
}
