// Checks across entities and files: duplicate names, the single gateway, route references, peer
// authentication and dependencies, regular expressions, TLS files; trunk groups in checks-trunk-groups.ts.
import { checkOverlaps, checkTrunkGroup } from './checks-trunk-groups.js';
import type { ConfigError } from './errors.js';
import { errorAt, whereIs, type Entity, type Model, type RawGateway, type RawPeer, type RawRoute } from './model.js';
import { resolvePath } from './paths.js';
import { SIP_TIMER_LIMITS } from './sip-timers.js';

export interface CheckOptions {
  /** Whether a file exists; when absent, files named by the configuration are not checked. */
  readonly fileExists?: (path: string) => boolean;
  /** False when some file did not parse: its names are unknown, so references and the gateway are not checked. */
  readonly complete: boolean;
}

export function crossCheck(model: Model, opts: CheckOptions): ConfigError[] {
  const out: ConfigError[] = [];
  out.push(...checkNames(model));
  const gateway = model.gateways.length === 1 && model.gateways[0]?.valid ? model.gateways[0] : undefined;
  if (gateway) out.push(...checkGateway(gateway, opts));
  for (const p of model.peers) if (p.valid) out.push(...checkPeer(p, gateway?.data));
  const valid = model.trunkGroups.filter((g) => g.valid);
  for (const g of valid) {
    out.push(...checkTrunkGroup(g));
    const bad = g.data.overlap?.complete === undefined ? undefined : regexError(g.data.overlap.complete);
    if (bad) out.push(errorAt(g, 'CONFIG_BAD_REGEX', ['overlap', 'complete'], bad));
  }
  out.push(...checkOverlaps(valid));
  const names = new Map<string, string>([...model.peers.map((p) => [p.name, 'peer'] as const), ...model.trunkGroups.map((g) => [g.name, 'trunk group'] as const)]);
  for (const r of model.routes) if (r.valid) out.push(...checkRoute(r, opts.complete ? names : undefined));
  if (opts.complete && model.gateways.length === 0) {
    out.push({ code: 'CONFIG_NO_GATEWAY', path: ['gateway'], message: 'no file has a gateway section' });
  }
  return out;
}

function checkNames(model: Model): ConfigError[] {
  const out: ConfigError[] = [];
  const [firstGateway, ...moreGateways] = model.gateways;
  for (const g of moreGateways) out.push(errorAt(g, 'CONFIG_DUPLICATE_NAME', [], `is already defined at ${whereIs(firstGateway as Entity<unknown>)}`, 'key'));
  // Peers and trunk groups share one namespace (routes name either), in the order they appear.
  const named = [...model.peers.map((e) => ({ e, kind: 'peer' })), ...model.trunkGroups.map((e) => ({ e, kind: 'trunk group' }))];
  named.sort((a, b) => a.e.fileIndex - b.e.fileIndex || a.e.source.locate(a.e.path, 'key').line - b.e.source.locate(b.e.path, 'key').line);
  const seen = new Map<string, { e: Entity<unknown>; kind: string }>();
  for (const n of named) {
    const first = seen.get(n.e.name);
    if (first) out.push(errorAt(n.e, 'CONFIG_DUPLICATE_NAME', [], `"${n.e.name}" is already defined as a ${first.kind} at ${whereIs(first.e)}`, 'key'));
    else seen.set(n.e.name, n);
  }
  const routes = new Map<string, Entity<RawRoute>>();
  for (const r of model.routes) {
    if (typeof r.data.name !== 'string') continue;
    const first = routes.get(r.name);
    if (first) out.push(errorAt(r, 'CONFIG_DUPLICATE_NAME', ['name'], `route "${r.name}" is already defined at ${whereIs(first, ['name'], 'value')}`));
    else routes.set(r.name, r);
  }
  return out;
}

function checkGateway(g: Entity<RawGateway>, opts: CheckOptions): ConfigError[] {
  const out: ConfigError[] = [];
  const { tls, listen } = g.data.sip;
  if (listen.tls && !tls) out.push(errorAt(g, 'CONFIG_DEPENDENCY', ['sip', 'listen', 'tls'], 'needs sip.tls (certFile and keyFile)', 'key'));
  if (tls && opts.fileExists) {
    for (const key of ['certFile', 'keyFile', 'caFile'] as const) {
      const file = tls[key];
      if (file === undefined) continue;
      const resolved = resolvePath(g.source.path, file);
      if (!opts.fileExists(resolved)) out.push(errorAt(g, 'CONFIG_FILE_NOT_FOUND', ['sip', 'tls', key], `file not found: ${resolved}`));
    }
  }
  return out;
}

function regexError(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (e) {
    return `must be a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

function checkPeer(p: Entity<RawPeer>, gateway: RawGateway | undefined): ConfigError[] {
  const out: ConfigError[] = [];
  const d = p.data;
  if (d.acl.length === 0 && !d.auth.inbound) {
    out.push(errorAt(p, 'CONFIG_PEER_NO_AUTH', [], 'has neither acl nor auth.inbound: anyone could send calls as this peer', 'key'));
  }
  if (d.isup && d.profile === 'plain') out.push(errorAt(p, 'CONFIG_DEPENDENCY', ['isup'], 'applies only to the sipt and sipi profiles (profile is plain)', 'key'));
  for (const dir of ['inbound', 'outbound'] as const) {
    d.numbers[dir].forEach((rule, i) => {
      const bad = regexError(rule.match);
      if (bad) out.push(errorAt(p, 'CONFIG_BAD_REGEX', ['numbers', dir, i, 'match'], bad));
    });
  }
  const twice = <T>(list: readonly T[], key: (t: T) => number, what: string, dir: 'toSip' | 'fromSip', field: string) => {
    list.forEach((entry, i) => {
      const j = list.findIndex((other) => key(other) === key(entry));
      if (j < i) out.push(errorAt(p, 'CONFIG_DUPLICATE_NAME', ['causeMap', dir, i, field], `${what} ${key(entry)} is already mapped at causeMap.${dir}[${j}]`));
    });
  };
  twice(d.causeMap.toSip, (e) => e.cause, 'cause', 'toSip', 'cause');
  twice(d.causeMap.fromSip, (e) => e.status, 'status', 'fromSip', 'status');
  if (d.timers.T2 < d.timers.T1) {
    const ref = SIP_TIMER_LIMITS.find((t) => t.name === 'T2')?.ref ?? '';
    const given = (p.given.timers ?? {}) as Record<string, unknown>;
    out.push(errorAt(p, 'CONFIG_TIMER_RANGE', ['timers', given.T2 !== undefined ? 'T2' : 'T1'], `T2 (${d.timers.T2} ms) must not be below T1 (${d.timers.T1} ms) (${ref})`));
  }
  if (gateway && !gateway.sip.listen[d.transport]) {
    out.push(errorAt(p, 'CONFIG_DEPENDENCY', ['transport'], `is ${d.transport} but the gateway has no sip.listen.${d.transport} address`));
  }
  return out;
}

function checkRoute(r: Entity<RawRoute>, names: ReadonlyMap<string, string> | undefined): ConfigError[] {
  const out: ConfigError[] = [];
  const bad = regexError(r.data.match);
  if (bad) out.push(errorAt(r, 'CONFIG_BAD_REGEX', ['match'], bad));
  if (!names) return out;
  const known = [...names.keys()].sort().join(', ') || 'none';
  for (const key of ['from', 'to'] as const) {
    (r.data[key] ?? []).forEach((name, i) => {
      if (!names.has(name)) out.push(errorAt(r, 'CONFIG_MISSING_REF', [key, i], `no peer or trunk group is named "${name}" (defined: ${known})`));
    });
  }
  return out;
}
