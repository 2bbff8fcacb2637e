// A minimal valid configuration as files, and a helper that validates it with some files replaced
// and returns the errors as `tandem check` prints them.
import { formatConfigError, validateConfig, type ConfigFile, type TandemConfig, type ValidateOptions } from '../../src/config/index.js';

export const BASE: Readonly<Record<string, string>> = {
  'gateway.yaml': `gateway:
  nodeId: gw1
  sip:
    listen:
      udp: [127.0.0.1:5060]
  cdr:
    spoolDir: cdr
`,
  'pbx.yaml': `peers:
  pbx:
    address: 127.0.0.1:5070
    acl: [127.0.0.1/32]
`,
  'sim.yaml': `trunkGroups:
  sim-e1:
    driver: sim
    spans:
      - span: 1
        type: E1
`,
  'routes.yaml': `routes:
  - name: out
    from: [pbx]
    match: '^[0-9]+$'
    to: [sim-e1]
`,
};

/** The base files with `changes` applied (undefined removes a file), as `cfg/<name>`, sorted by name. */
export function files(changes: Readonly<Record<string, string | undefined>> = {}): ConfigFile[] {
  const all: Record<string, string | undefined> = { ...BASE, ...changes };
  return Object.keys(all)
    .sort()
    .flatMap((name) => {
      const text = all[name];
      return text === undefined ? [] : [{ path: `cfg/${name}`, text }];
    });
}

/** Error lines for the base files with `changes` applied; [] when valid. */
export function errors(changes: Readonly<Record<string, string | undefined>> = {}, options?: ValidateOptions): string[] {
  const r = validateConfig(files(changes), options);
  return r.ok ? [] : r.errors.map(formatConfigError);
}

/** The resolved configuration; throws with the error lines when invalid. */
export function config(changes: Readonly<Record<string, string | undefined>> = {}, options?: ValidateOptions): TandemConfig {
  const r = validateConfig(files(changes), options);
  if (!r.ok) throw new Error(r.errors.map(formatConfigError).join('\n'));
  return r.config;
}

/** A peer file for `pbx` with extra lines (indented under the peer). */
export const pbx = (...lines: string[]): string => `peers:\n  pbx:\n    address: 127.0.0.1:5070\n    acl: [127.0.0.1/32]\n${lines.map((l) => `    ${l}\n`).join('')}`;

/** A trunk group file for `sim-e1` with extra lines (indented under the group). */
export const sim = (...lines: string[]): string => `trunkGroups:\n  sim-e1:\n    driver: sim\n    spans:\n      - span: 1\n        type: E1\n${lines.map((l) => `    ${l}\n`).join('')}`;
