// Header names compare case-insensitively, and a compact form equals its full name
// (RFC 3261 §7.3.3, IANA "Header Fields" registry).

/** Compact form -> full name, lowercase. */
const COMPACT: ReadonlyMap<string, string> = new Map(
  Object.entries({
    a: 'accept-contact', // RFC 3841
    b: 'referred-by', // RFC 3892
    c: 'content-type',
    d: 'request-disposition', // RFC 3841
    e: 'content-encoding',
    f: 'from',
    i: 'call-id',
    j: 'reject-contact', // RFC 3841
    k: 'supported',
    l: 'content-length',
    m: 'contact',
    n: 'identity-info', // RFC 4474
    o: 'event', // RFC 6665
    r: 'refer-to', // RFC 3515
    s: 'subject',
    t: 'to',
    u: 'allow-events', // RFC 6665
    v: 'via',
    x: 'session-expires', // RFC 4028
    y: 'identity', // RFC 8224
  }),
);

/** Names as RFC 3261 and its extensions write them, whose key is found without lowercasing. */
const USUAL_SPELLINGS = [
  'Via', 'From', 'To', 'Call-ID', 'Call-Id', 'CSeq', 'Contact', 'Max-Forwards', 'Route', 'Record-Route',
  'Content-Length', 'Content-Type', 'Content-Disposition', 'Content-Encoding', 'MIME-Version', 'Allow',
  'Supported', 'Require', 'Proxy-Require', 'Unsupported', 'Expires', 'Min-Expires', 'User-Agent', 'Server',
  'Accept', 'Accept-Encoding', 'Accept-Language', 'Authorization', 'Proxy-Authorization', 'WWW-Authenticate',
  'Proxy-Authenticate', 'Authentication-Info', 'Reason', 'Session-Expires', 'Min-SE', 'RSeq', 'RAck',
  'P-Asserted-Identity', 'P-Preferred-Identity', 'Privacy', 'Diversion', 'History-Info', 'Date', 'Subject',
  'Timestamp', 'Warning', 'Event', 'Allow-Events', 'Subscription-State', 'Refer-To', 'Referred-By', 'Path',
];

/**
 * `text` as an internalized string: the one V8 holds for that text as a property key or literal.
 * The keys of the tables below are all such, so that comparing two keys is comparing two
 * pointers (two different internalized strings differ) rather than their chars.
 */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0] ?? text;
}

/**
 * Spelling -> key for the usual spellings, their lowercase forms and the compact forms in
 * either case: a fixed table, so received names cannot make it grow.
 */
const KEYS: ReadonlyMap<string, string> = new Map([
  ...USUAL_SPELLINGS.flatMap((name) => [name, name.toLowerCase()].map((s): [string, string] => [s, internalized(name.toLowerCase())])),
  ...[...COMPACT].flatMap(([c, full]): [string, string][] => [[c, full], [c.toUpperCase(), full]]),
]);

/**
 * The KEYS entries by length and first letter (`length * 32 + (code & 31)`), so that a name is
 * compared with the few spellings of its length and initial instead of being hashed: received
 * names are new strings each time, and hashing them costs more than a comparison or two.
 */
const BY_SHAPE: readonly (readonly (readonly [string, string])[] | undefined)[] = (() => {
  const table: [string, string][][] = [];
  for (const [spelling, key] of KEYS) {
    const slot = spelling.length * 32 + (spelling.charCodeAt(0) & 31);
    (table[slot] ??= []).push([spelling, key]);
  }
  return table;
})();

/** A name as found by nameAt: its key, and the name itself when it is a usual spelling (else undefined). */
export interface FoundName {
  readonly key: string;
  readonly spelling: string | undefined;
  /** index of the key in CHECKED_KEYS, or -1 */
  readonly slot: number;
}

/** The headers parseMessage checks (message-checks.ts), by slot. */
export const CHECKED_KEYS = [
  'via',
  'contact',
  'route',
  'record-route',
  'from',
  'to',
  'call-id',
  'cseq',
  'max-forwards',
  'content-type',
  'content-length',
] as const;

interface Known {
  /** the spelling in lowercase: the key, or the compact form */
  readonly folded: string;
  /** the preferred spelling (USUAL_SPELLINGS' first with this key; the compact form as is) */
  readonly spelling: string;
  readonly lower: FoundName;
  readonly exact: FoundName;
}

/**
 * For nameAt: the names of KEYS by length and first letter, each with one spelling that is given
 * back as the name itself (the field holds that one string, not the cut of the text) when the
 * text holds exactly that spelling.
 */
const KNOWN: readonly (readonly Known[] | undefined)[] = (() => {
  const table: Known[][] = [];
  const add = (key: string, spelling: string): void => {
    const folded = spelling.toLowerCase();
    const list = (table[spelling.length * 32 + (spelling.charCodeAt(0) & 31)] ??= []);
    if (list.some((k) => k.folded === folded)) return;
    const slot = (CHECKED_KEYS as readonly string[]).indexOf(key);
    list.push({ folded, spelling, lower: { key, spelling: undefined, slot }, exact: { key, spelling, slot } });
  };
  for (const name of USUAL_SPELLINGS) add(internalized(name.toLowerCase()), name);
  for (const [c, full] of COMPACT) add(full, c);
  return table;
})();

/**
 * The key of the header name text[from, to) (not empty), found among the few names of the
 * fixed table with its length and initial, in any case; undefined for others (use headerKey on
 * the name).
 */
export function nameAt(text: string, from: number, to: number): FoundName | undefined {
  const length = to - from;
  const candidates = KNOWN[length * 32 + (text.charCodeAt(from) & 31)];
  if (candidates === undefined) return undefined;
  // Usually the preferred spelling: one cut and native comparisons of whole strings, which cost
  // less than comparing the name char by char (startsWith does that too).
  const name = text.slice(from, to);
  for (let k = 0; k < candidates.length; k++) {
    const known = candidates[k] as Known;
    if (name === known.spelling) return known.exact;
  }
  for (const known of candidates) {
    const { folded, spelling } = known;
    // The same letters in any case, the same other chars.
    let exact = true;
    let i = 0;
    for (; i < length; i++) {
      const c = text.charCodeAt(from + i);
      if (c === spelling.charCodeAt(i)) continue;
      const f = folded.charCodeAt(i);
      if (c !== f && !(f >= 0x61 && f <= 0x7a && c === f - 0x20)) break;
      exact = false;
    }
    if (i === length) return exact ? known.exact : known.lower;
  }
  return undefined;
}

/** The key two names share when they name the same header: lowercase, compact forms expanded. */
export function headerKey(name: string): string {
  const candidates = BY_SHAPE[name.length * 32 + (name.charCodeAt(0) & 31)];
  if (candidates !== undefined) {
    for (let k = 0; k < candidates.length; k++) {
      const entry = candidates[k] as readonly [string, string];
      if (entry[0] === name) return entry[1];
    }
  }
  const lower = name.toLowerCase();
  return COMPACT.get(lower) ?? lower;
}
