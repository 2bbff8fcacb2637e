// ISUP codec throughput: decode+encode of an IAM carrying a calling party number and three
// more optional parameters, on one core, beside a plain copy of the same octets in the same
// run (the floor any codec pays to produce a new buffer). Target: >= 1,000,000 decode+encode/s.
import { decode, encode } from '../codecs/ss7-isup-codec/dist/index.js';

const hex = (s) => Uint8Array.from(s.split(/\s+/).filter(Boolean).map((x) => parseInt(x, 16)));
// IAM: NCI, FCI, CPC, TMR, called 0612345678 (national), then optional calling party number
// (+33 1 23 45 67 89, screened), user service information (speech, A-law), propagation delay
// counter, hop counter.
const IAM = hex(
  '01 10 20 01 0a 00 02 09 07 03 10 60 21 43 65 87 0a 08 84 13 33 21 43 65 87 09 1d 03 80 90 a3 31 02 00 5a 3d 01 1e 00',
);

function check() {
  const r = decode(IAM);
  if (!r.ok) throw new Error(`benchmark IAM does not decode: ${JSON.stringify(r.error)}`);
  const names = r.value.optional.map((o) => o.name).join(',');
  if (names !== 'callingPartyNumber,userServiceInformation,propagationDelayCounter,hopCounter') throw new Error(`unexpected optional parameters ${names}`);
  const again = encode(r.value);
  if (Buffer.compare(Buffer.from(again), Buffer.from(IAM)) !== 0) throw new Error('benchmark IAM does not re-encode byte for byte');
}

/** Runs `fn` in batches for about `ms` milliseconds; returns operations per second. */
function measure(fn, ms) {
  const batch = 20000;
  let ops = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < limit) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    elapsed = process.hrtime.bigint() - start;
  }
  return (ops * 1e9) / Number(elapsed);
}

let sink = 0;
const codec = () => {
  const r = decode(IAM);
  if (r.ok) sink += encode(r.value).length;
};
const decodeOnly = () => {
  const r = decode(IAM);
  if (r.ok) sink += r.value.optional.length;
};
const copy = () => {
  sink += IAM.slice().length;
};

check();
for (const fn of [codec, decodeOnly, copy]) measure(fn, 300); // warm up

const rounds = 5;
const results = { codec: [], decodeOnly: [], copy: [] };
for (let i = 0; i < rounds; i++) {
  results.codec.push(measure(codec, 400));
  results.decodeOnly.push(measure(decodeOnly, 400));
  results.copy.push(measure(copy, 400));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => Math.round(x).toLocaleString('en-US').padStart(13);

console.log(`ISUP IAM (${IAM.length} octets: calling party number + 3 optional parameters), one core, median of ${rounds} rounds`);
console.log(`  decode+encode      ${fmt(median(results.codec))} /s   target >= 1,000,000 /s`);
console.log(`  decode only        ${fmt(median(results.decodeOnly))} /s`);
console.log(`  plain copy (slice) ${fmt(median(results.copy))} /s   same octets, same run`);
console.log(`  decode+encode costs ${(median(results.copy) / median(results.codec)).toFixed(1)}x a plain copy`);
if (sink === 0) console.log('');
