// SIP message throughput: parse+serialize of a corpus of realistic messages (bench/lib/corpus.mjs:
// INVITE with SDP, SIP-I INVITE with SDP + binary ISUP, provisional and final responses, ACK,
// BYE, REGISTER with Authorization, compact and folded headers) with Tandem and, in the same
// run, with drachtio-sip and the npm `sip` package (dev dependencies, used only here).
// One round trip = the datagram's octets -> the library's message -> the fields a transaction
// layer reads (top Via branch, CSeq, Call-ID, From and To tags, Content-Length, body) -> octets to
// send, through each library's real entry points (bench/lib/libraries.mjs). Median of 5 rounds
// after a warm-up. Before timing, every library's fields are compared with Tandem's.
// Target: Tandem >= 3x drachtio-sip.
import * as tandem from '../dist/sip/message/index.js';
import { CORPUS, ISUP_IAM } from './lib/corpus.mjs';
import { checkBody, fieldsSink, makeLibraries } from './lib/libraries.mjs';

const TARGET = 3;
const ROUNDS = 5;
const libraries = makeLibraries(tandem);

/** Every library must parse every message, or its rate would not be comparable. */
function check() {
  for (const lib of libraries) {
    for (const m of CORPUS) {
      try {
        lib.roundTrip(m.bytes);
      } catch (e) {
        throw new Error(`${lib.label} (${lib.id}) cannot round-trip ${m.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      // The same transaction-layer fields as Tandem reads (the body length of a binary body decoded as UTF-8 aside).
      const want = libraries[0]?.fields(m.bytes);
      const got = lib.fields(m.bytes);
      if (m.binaryBody && lib.id.endsWith('utf8')) got.bodyLength = want?.bodyLength ?? 0;
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${lib.id} reads ${m.name} as ${JSON.stringify(got)}, Tandem as ${JSON.stringify(want)}`);
    }
  }
}

/** What each library does to the bodies: binary (ISUP) ones, and text ones. */
function bodies(/** @type {import('./lib/libraries.mjs').Library} */ lib) {
  const problems = [];
  let binaryIntact = true;
  let textIntact = true;
  for (const m of CORPUS) {
    const c = checkBody(m.bytes, lib.roundTrip(m.bytes));
    if (c.intact && c.lengthRight) continue;
    if (m.binaryBody) binaryIntact = false;
    else textIntact = false;
    const original = m.bytes.length - m.bytes.indexOf('\r\n\r\n', 0, 'latin1') - 4;
    problems.push(
      `${m.name}: ${original} body octets in, ${c.sentLength} out${c.intact ? '' : ' (altered)'}, Content-Length ${c.declaredLength ?? 'missing'}`,
    );
  }
  return { binaryIntact, textIntact, problems };
}

/**
 * Runs the whole corpus through `roundTrip` for about `ms` milliseconds of this process's CPU
 * time (user + system: other processes on a shared machine do not count); returns messages per
 * CPU second.
 */
function measure(/** @type {(d: Buffer) => Uint8Array} */ roundTrip, /** @type {number} */ ms) {
  const limit = ms * 1000;
  const start = process.cpuUsage();
  let messages = 0;
  let elapsed = 0;
  while (elapsed < limit) {
    for (let pass = 0; pass < 20; pass++) {
      for (const m of CORPUS) sink += roundTrip(m.bytes).length;
    }
    messages += 20 * CORPUS.length;
    const used = process.cpuUsage(start);
    elapsed = used.user + used.system;
  }
  return (messages * 1e6) / elapsed;
}

let sink = 0;
check();
for (const lib of libraries) measure(lib.roundTrip, 500); // warm up

/** @type {Map<string, number[]>} */
const rates = new Map(libraries.map((lib) => [lib.id, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Same run, interleaved: every library sees the same machine state round by round.
  for (const lib of libraries) rates.get(lib.id)?.push(measure(lib.roundTrip, 400));
}
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rate = (/** @type {string} */ id) => median(rates.get(id) ?? []);

const baseline = libraries.find((lib) => lib.baseline) ?? libraries[0];
const fmt = (/** @type {number} */ x) => Math.round(x).toLocaleString('en-US');
const totalOctets = CORPUS.reduce((n, m) => n + m.bytes.length, 0);

console.log(
  `SIP parse+serialize, ${CORPUS.length} messages (${totalOctets} octets; ${CORPUS.filter((m) => m.binaryBody).length} with a binary ISUP body, ` +
    `IAM ${ISUP_IAM.length} octets), one core, CPU time, median of ${ROUNDS} rounds, same run`,
);
console.log(`  corpus: ${CORPUS.map((m) => m.name).join(', ')}`);
console.log('  each round trip: parse the octets; read top Via branch, CSeq number and method, Call-ID, From tag, To tag,');
console.log("  Content-Length and body through the library's accessors (checked equal across libraries); serialize to octets");
console.log('');
const rows = libraries.map((lib) => {
  const b = bodies(lib);
  return {
    lib,
    cells: [
      lib.label,
      lib.id.replace(/^[^-]*-?/, '') || 'octets',
      fmt(rate(lib.id)),
      `${(rate(lib.id) / rate(baseline.id)).toFixed(2)}x`,
      b.binaryIntact ? 'yes' : 'no',
      b.textIntact ? 'yes' : 'no',
    ],
    problems: b.problems,
  };
});
const header = ['library', 'decoding', 'msgs/CPU s', `vs ${baseline.label} (${baseline.id.replace(/^[^-]*-/, '')})`, 'binary body intact', 'text bodies intact'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r.cells[i] ?? '').length)));
const line = (/** @type {string[]} */ cells) =>
  `  ${cells.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd();
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row.cells));
console.log('');
console.log('  How each row gets the datagram in and the octets out (string conversions are timed):');
for (const lib of libraries) console.log(`    ${lib.id.padEnd(16)} ${lib.how}`);
console.log('');
console.log('  What each parse checks:');
console.log('    Tandem           start line, every header line, and the values of Via, From, To, Call-ID, CSeq, Max-Forwards,');
console.log('                     Content-Type, Contact, Route, Record-Route checked (a bad one is an error); the first six typed');
console.log('                     at once, the other four typed when first read (not here);');
console.log('                     serializing a message unchanged since parsing copies its octets when they were written');
console.log('                     canonically (all of the corpus but options-folded), else writes it field by field');
console.log('    drachtio-sip     SipMessage is lazy: start line and header names; values stay strings until read (here:');
console.log('                     Via, CSeq, From, To parsed by getParsedHeader for the fields read; unchecked otherwise)');
console.log('    sip              Via, From, To, Contact, Route, Record-Route, CSeq and auth headers parsed into objects');
console.log('                     (a header whose parser throws is dropped silently)');
const altered = rows.filter((r) => r.problems.length > 0);
if (altered.length > 0) {
  console.log('');
  console.log('  Bodies not sent back as received (body octets and Content-Length after the round trip):');
  for (const row of altered) for (const p of row.problems) console.log(`    ${row.lib.id.padEnd(16)} ${p}`);
}
console.log('');
const drachtioRows = libraries.filter((lib) => lib.id.startsWith('drachtio'));
const ratios = drachtioRows.map((lib) => rate('tandem') / rate(lib.id));
const worst = Math.min(...ratios);
console.log(
  `  Tandem ≥ ${TARGET}× drachtio-sip: ${worst >= TARGET ? 'met' : 'not met'} ` +
    `(${drachtioRows.map((lib, i) => `${(ratios[i] ?? 0).toFixed(2)}x ${lib.id}`).join(', ')}; the lower one counts)`,
);
if (sink === 0 || fieldsSink() === 0) console.log('');
