// Q.921/Q.931 codec throughput: decode+encode of a LAPD I frame carrying a PRI SETUP (bearer
// capability, channel identification, calling and called party numbers, sending complete), both
// layers, on one core, beside a plain copy of the same octets in the same run.
import { decodeFrame, decodeMessage, encodeFrame, encodeMessage } from '../codecs/q931-codec/dist/index.js';

const hex = (s) => Uint8Array.from(s.split(/\s+/).filter(Boolean).map((x) => parseInt(x, 16)));
// I frame SAPI 0 TEI 0, N(S) 5, N(R) 3; SETUP, call reference 2 octets; sending complete; speech
// A-law; PRI B-channel 7 exclusive; calling +33 1 23 45 67 89 (network provided); called 0612345678.
const FRAME = hex(
  '00 01 0a 06 08 02 00 2a 05 a1 04 03 80 90 a3 18 03 a9 83 87 6c 0c 11 83 33 31 32 33 34 35 36 37 38 39 70 0b a1 30 36 31 32 33 34 35 36 37 38',
);

function roundTrip() {
  const f = decodeFrame(FRAME);
  if (!f.ok || f.value.type !== 'I') throw new Error('not an I frame');
  const m = decodeMessage(f.value.info);
  if (!m.ok) throw new Error(`benchmark SETUP does not decode: ${JSON.stringify(m.error)}`);
  return encodeFrame({ ...f.value, info: encodeMessage(m.value) });
}

function check() {
  const m = decodeMessage(FRAME.subarray(4), { strict: true });
  if (!m.ok || m.value.type !== 'SETUP') throw new Error('benchmark frame does not carry a SETUP');
  const names = m.value.ies.map((ie) => ie.name).join(',');
  if (names !== 'sendingComplete,bearerCapability,channelIdentification,callingPartyNumber,calledPartyNumber') throw new Error(`unexpected elements ${names}`);
  if (Buffer.compare(Buffer.from(roundTrip()), Buffer.from(FRAME)) !== 0) throw new Error('benchmark frame does not re-encode byte for byte');
}

/** Operations per second of `fn`, run in batches for about `ms` milliseconds. */
function rate(fn, ms) {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 10000; i++) fn();
    ops += 10000;
    elapsed = performance.now() - start;
  }
  return (ops * 1000) / elapsed;
}

let sink = 0;
const codec = () => {
  sink += roundTrip().length;
};
const decodeOnly = () => {
  const f = decodeFrame(FRAME);
  if (f.ok && f.value.type === 'I') {
    const m = decodeMessage(f.value.info);
    if (m.ok && m.value.type !== 'UNKNOWN') sink += m.value.ies.length;
  }
};
const copy = () => {
  sink += FRAME.slice().length;
};

check();
for (const fn of [codec, decodeOnly, copy]) rate(fn, 300); // warm up

const rounds = 5;
const results = { codec: [], decodeOnly: [], copy: [] };
for (let i = 0; i < rounds; i++) {
  results.codec.push(rate(codec, 400));
  results.decodeOnly.push(rate(decodeOnly, 400));
  results.copy.push(rate(copy, 400));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => Math.round(x).toLocaleString('en-US').padStart(13);

console.log(`LAPD I frame with a PRI SETUP (${FRAME.length} octets, 5 elements), frame and message layers, one core, median of ${rounds} rounds`);
console.log(`  decode+encode      ${fmt(median(results.codec))} /s`);
console.log(`  decode only        ${fmt(median(results.decodeOnly))} /s`);
console.log(`  plain copy (slice) ${fmt(median(results.copy))} /s   same octets, same run`);
console.log(`  decode+encode costs ${(median(results.copy) / median(results.codec)).toFixed(1)}x a plain copy`);
if (sink === 0) console.log('');
