// Configuration errors: stable codes, where each was found, and the one-line form `tandem check` prints:
//   trunks/pbx.yaml:12:5 peers.pbx.profile: must be one of plain, sipt, sipi (CONFIG_SCHEMA)

/** Every configuration error code, with what it means (docs/configuration.md is generated from this). */
export const CONFIG_ERROR_CODES = {
  CONFIG_NO_DIR: 'The configuration directory does not exist or is not a directory.',
  CONFIG_EMPTY_DIR: 'The configuration directory holds no `*.yaml` or `*.yml` file.',
  CONFIG_READ_ERROR: 'A configuration file could not be read.',
  CONFIG_YAML_SYNTAX: 'A file is not valid YAML (including duplicate keys and more than one document). Reference checks across files are skipped while any file has one.',
  CONFIG_SCHEMA: 'A value does not match its schema: wrong type, not one of the allowed values, out of range, badly formed, or a required key is missing.',
  CONFIG_UNKNOWN_KEY: 'A key that the schema does not define (often a typo; the message suggests the closest key).',
  CONFIG_TIMER_RANGE: 'A timer override is outside its Q.764 or RFC 3261 range, or SIP T2 is below T1.',
  CONFIG_DUPLICATE_NAME: 'A name is defined twice: a peer or trunk group in two files, a peer and a trunk group with the same name, two routes with one name, two gateway sections, or one cause mapped twice.',
  CONFIG_MISSING_REF: 'A route names a peer or trunk group that no file defines.',
  CONFIG_NO_GATEWAY: 'No file has a `gateway` section.',
  CONFIG_CIC_OVERLAP: 'A CIC is used twice for the same point code pair (in one trunk group or across groups).',
  CONFIG_SPAN_OVERLAP: 'A channel of a span belongs to two trunk groups (or is listed twice), or one span number is given two types.',
  CONFIG_CHANNEL_RANGE: 'A channel does not exist on its span type, is the PRI D-channel, or a CIC is above 4095.',
  CONFIG_CIC_COUNT: 'A span lists a different number of CICs than channels.',
  CONFIG_PEER_NO_AUTH: 'A peer has neither an ACL nor inbound digest credentials, so anyone could use it.',
  CONFIG_DEPENDENCY: 'A key does not apply to, or is required by, another setting (driver, profile, glare policy, hunting strategy, TLS listener, peer transport).',
  CONFIG_BAD_REGEX: 'A `match` or `overlap.complete` pattern is not a valid JavaScript regular expression.',
  CONFIG_FILE_NOT_FOUND: 'A file named by the configuration (TLS certificate, key, CA bundle) does not exist. Checked by the directory loader (`tandem check`), not by the pure validator.',
} as const;

export type ConfigErrorCode = keyof typeof CONFIG_ERROR_CODES;

/** A path into a file's data: map keys and sequence indexes. */
export type JsonPath = readonly (string | number)[];

export interface ConfigError {
  readonly code: ConfigErrorCode;
  /** The file as given to validateConfig; absent for errors about the directory or the whole configuration. */
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly path: JsonPath;
  readonly message: string;
}

/** `peers.pbx.profile`, `routes[0].to[1]`. */
export function pathToString(path: JsonPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/** One line: `file:line:col path: message (CODE)`; `file: message (CODE)` without a position; absent parts are left out. */
export function formatConfigError(e: ConfigError): string {
  const where = e.file === undefined ? '' : e.line === undefined ? `${e.file}: ` : `${e.file}:${e.line}:${e.col ?? 1} `;
  const path = e.path.length > 0 ? `${pathToString(e.path)}: ` : '';
  return `${where}${path}${e.message} (${e.code})`;
}
