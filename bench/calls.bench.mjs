// Call throughput and footprint of one Tandem process (`npm run bench:calls`), on loopback only.
// Tandem runs as a child (`node bin/tandem.js start`, log level warn) with sim trunk groups that
// answer at once; SIPp plays the PBX (INVITE, 200, ACK, BYE, hold 0).
//  1. Rate steps: SIPp at each rate for STEP_S seconds; the highest rate with zero failed calls,
//     every call completed, and at least KEEP_UP of the offered rate achieved (SIPp falls behind
//     when Tandem answers late) is the ceiling. CPU from /proc/<pid>/stat.
//  2. Half the ceiling: INVITE → 200 p50/p99 (SIPp's -trace_rtt) and INVITE → IAM p50/p99
//     (Tandem's GET /metrics: front door to the IAM handed to the driver).
//  3. Memory: a fresh Tandem, MEMORY_CALLS long-hold calls at once; RSS (VmRSS of
//     /proc/<pid>/status) above the idle process, per call, 2 s after the calls are up (the
//     target's figure; every INVITE server transaction is still alive then, in Accepted until
//     its Timer L at 32 s), and again once the last INVITE's Timer L has fired (only the
//     calls left: "after setup transients").
// BENCH_CALLS_ONLY=memory runs step 3 alone; BENCH_CALLS_ONLY=kamailio the Kamailio steps alone.
// After the rate steps, the same steps through Kamailio 5.6 as a transaction-stateful proxy
// (bench/kamailio.cfg, a SIPp UAS behind it) when Debian's `kamailio` is installed: the issue's
// reference, measured on this machine.
// Targets: >= 3000 calls/s, INVITE -> IAM p99 < 2 ms at half the ceiling, <= 8 KB per call.
// CALLS_BENCH_FIXED=<rate>x<seconds> (e.g. 1000x20) runs only a fixed-rate step instead and prints
// Tandem's CPU time per completed call, the measure that holds up on a loaded machine.
// CALLS_BENCH_NODE_ARGS adds options to Tandem's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
// CALLS_BENCH_HEAP_GROWTH=<0-400> sets gateway.runtime.heapGrowthPercent (0: V8's own heap growth).
// Everything is bounded in time (well under 5 minutes) and the results are printed as measured.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = fileURLToPath(new URL('./scenarios/uac-call.xml', import.meta.url));
const KAMAILIO_CFG = fileURLToPath(new URL('./kamailio.cfg', import.meta.url));
const RATES = [250, 500, 750, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000];
const STEP_S = 4;
/** A step passes when every call succeeded and SIPp kept at least this share of the offered rate. */
const KEEP_UP = 0.9;
const HALF_S = 6;
/** The issue's figure; the bench configuration has 330 E1 spans x 31 channels = 10230 circuits. */
const MEMORY_CALLS = 10_000;
const TARGETS = { cps: 3000, iamP99Ms: 2, bytesPerCall: 8 * 1024 };
/** RFC 6026 Timer L (64*T1): how long an answered INVITE's server transaction lives on. */
const TIMER_L_MS = 64 * 500;
const ONLY = process.env.BENCH_CALLS_ONLY;
/** gateway.runtime.heapGrowthPercent for Tandem; unset: the configuration's default (75). */
const HEAP_GROWTH = process.env.CALLS_BENCH_HEAP_GROWTH === undefined ? undefined : Number(process.env.CALLS_BENCH_HEAP_GROWTH);
if (HEAP_GROWTH !== undefined && !(Number.isInteger(HEAP_GROWTH) && HEAP_GROWTH >= 0 && HEAP_GROWTH <= 400)) throw new Error('CALLS_BENCH_HEAP_GROWTH: an integer 0-400');
const HEAP_GROWTH_TEXT = `gateway.runtime.heapGrowthPercent ${HEAP_GROWTH ?? '75 (the default)'}`;
if (ONLY !== undefined && ONLY !== 'memory' && ONLY !== 'kamailio') throw new Error(`BENCH_CALLS_ONLY=${ONLY}: only "memory" and "kamailio" are known`);
const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s
const work = mkdtempSync(join(tmpdir(), 'tandem-calls-bench-'));
/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** @returns {Promise<number>} a TCP port free on 127.0.0.1 a moment ago (UDP is assumed free too) */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * The bench configuration: the PBX on 127.0.0.1 without admission limits, three sim groups (330
 * E1 spans, 31 channels each; CICs stop at 4095 per point-code pair, so each group has a far
 * exchange of its own) tried in turn.
 */
function writeConfig(dir, ports) {
  const spans = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => ({ span: from + i, type: 'E1', channels: '1-31', cics: `${(i * 31) + 1}-${(i + 1) * 31}` }));
  const group = (remote, spanList) => ({ driver: 'sim', pointCodes: { local: 1, remote }, spans: spanList, hunting: { strategy: 'cyclic' } });
  const config = {
    gateway: {
      nodeId: 'bench',
      sip: { listen: { udp: [`127.0.0.1:${ports.sip}`] } },
      admin: { listen: `127.0.0.1:${ports.admin}` },
      cdr: { spoolDir: 'cdr' },
      ...(HEAP_GROWTH === undefined ? {} : { runtime: { heapGrowthPercent: HEAP_GROWTH } }),
    },
    peers: { pbx: { address: `127.0.0.1:${ports.pbx}`, acl: ['127.0.0.1/32'] } },
    trunkGroups: { 'sim-a': group(2, spans(1, 132)), 'sim-b': group(3, spans(133, 264)), 'sim-c': group(4, spans(265, 330)) },
    routes: [{ name: 'out', from: ['pbx'], match: '^[0-9]+$', to: ['sim-a', 'sim-b', 'sim-c'] }],
  };
  writeFileSync(join(dir, 'tandem.yaml'), stringify(config));
}

/** Starts Tandem on a fresh configuration; resolves once GET /health answers. */
async function startTandem(name) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  const ports = { sip: await freePort(), admin: await freePort(), pbx: await freePort() };
  mkdirSync(dir);
  writeConfig(dir, ports);
  const nodeArgs = (process.env.CALLS_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, 'bin/tandem.js', 'start', '--config', dir, '--log-level', 'warn', '--grace-ms', '0'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  children.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code) => (children.delete(child), resolve(code))));
  const admin = async (method, path) => (await fetch(`http://127.0.0.1:${ports.admin}${path}`, { method })).json();
  for (let i = 0; ; i++) {
    if (i > 200) throw new Error('tandem did not start');
    try {
      await admin('GET', '/health');
      break;
    } catch {
      await sleep(50);
    }
  }
  return {
    pid: /** @type {number} */ (child.pid),
    ports,
    admin,
    stop: async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

/** CPU seconds (user + system) the process has used. */
function cpuSeconds(pid) {
  const { user, system } = cpuSplit(pid);
  return user + system;
}

/** CPU seconds the process has used, in user and in system (kernel) mode. */
function cpuSplit(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) / TICKS, system: Number(fields[12]) / TICKS };
}

/** CPU seconds by thread name (/proc/<pid>/task/<tid>/stat; the main thread is named after the process). */
function threadCpu(pid) {
  const byName = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      byName[name] = (byName[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS;
    } catch {
      // the thread ended
    }
  }
  return byName;
}

/** Resident set size in bytes. */
function rss(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

function percentile(sorted, q) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Runs SIPp until it ends: `rate` calls/s, `calls` calls, `holdMs` each. Resolves with the call
 * counts, the INVITE → 200 times (ms) and the elapsed seconds; `handle.kill()` stops it early.
 */
function runSipp(tandem, { rate, calls, holdMs, limit }, handle = {}) {
  const dir = mkdtempSync(join(work, 'sipp-'));
  const args = [
    `127.0.0.1:${tandem.ports.sip}`, '-sf', SCENARIO, '-s', '4930123450', '-i', '127.0.0.1', '-p', String(tandem.ports.pbx),
    '-r', String(rate), '-m', String(calls), '-l', String(limit ?? calls), '-d', String(holdMs),
    '-nostdin', '-timeout', '120s', '-trace_stat', '-stf', join(dir, 'stats.csv'), '-fd', '1', '-trace_rtt', '-rtt_freq', '1', '-buff_size', '8388608',
  ];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('sipp', args, { cwd: dir, stdio: 'ignore' });
    children.add(child);
    handle.kill = () => child.kill('SIGKILL');
    child.on('exit', (code) => {
      children.delete(child);
      const elapsed = (performance.now() - started) / 1000;
      const stats = readFileSync(join(dir, 'stats.csv'), 'latin1').trim().split('\n');
      const header = stats[0].split(';');
      const last = stats[stats.length - 1].split(';');
      const col = (name) => Number(last[header.indexOf(name)]);
      const rtt = readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
      const times = rtt === undefined ? [] : readFileSync(join(dir, rtt), 'latin1').trim().split('\n').slice(1).map((l) => Number(l.split(';')[1])).filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)'), times, elapsed });
    });
  });
}

/** One rate step: SIPp's result and Tandem's CPU over it. */
async function step(tandem, rate, seconds) {
  await tandem.admin('POST', '/metrics/reset');
  const cpu0 = cpuSeconds(tandem.pid);
  const run = await runSipp(tandem, { rate, calls: rate * seconds, holdMs: 0, limit: Math.max(100, rate) });
  const cpu = (cpuSeconds(tandem.pid) - cpu0) / run.elapsed;
  const metrics = await tandem.admin('GET', '/metrics');
  const ok = run.failed === 0 && run.successful === rate * seconds && run.successful / run.elapsed >= KEEP_UP * rate;
  return { rate, ok, cps: run.successful / run.elapsed, run, cpu, iam: metrics.inviteToIam };
}

const ms = (n) => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : `${n.toFixed(2)} ms`);
const mark = (ok) => (ok ? 'meets' : 'MISSES');

const fixed = /^(\d+)x(\d+)$/.exec(process.env.CALLS_BENCH_FIXED ?? '');
if (fixed !== null) {
  const [rate, seconds] = [Number(fixed[1]), Number(fixed[2])];
  const tandem = await startTandem('fixed');
  await step(tandem, Math.min(rate, 500), 2); // warm-up: JIT, pools
  const idle0 = cpuSeconds(tandem.pid);
  await sleep(3000);
  const idle = (cpuSeconds(tandem.pid) - idle0) / 3;
  const split0 = cpuSplit(tandem.pid);
  const threads0 = threadCpu(tandem.pid);
  const s = await step(tandem, rate, seconds);
  const split1 = cpuSplit(tandem.pid);
  const threads1 = threadCpu(tandem.pid);
  const perCall = (k) => (((split1[k] - split0[k]) / Math.max(1, s.run.successful)) * 1000).toFixed(3);
  const cpuPerCall = (s.cpu * s.run.elapsed) / Math.max(1, s.run.successful);
  console.log(`fixed ${rate} calls/s for ${seconds} s: ${s.run.successful} ok, ${s.run.failed} failed, ${s.cps.toFixed(0)} calls/s achieved, Tandem CPU ${(s.cpu * 100).toFixed(0)} %, ${(cpuPerCall * 1000).toFixed(3)} ms CPU per call (user ${perCall('user')}, system ${perCall('system')}), INVITE->IAM p50 ${ms(s.iam.p50)} p99 ${ms(s.iam.p99)}; idle CPU before it ${(idle * 100).toFixed(1)} %; ${HEAP_GROWTH_TEXT}`);
  const byThread = Object.entries(threads1).map(([name, t]) => [name, ((t - (threads0[name] ?? 0)) / Math.max(1, s.run.successful)) * 1000]).filter(([, t]) => t > 0);
  console.log(`  ms CPU per call by thread: ${byThread.map(([name, t]) => `${name} ${t.toFixed(3)}`).join(', ')}`);
  console.log(`fixed process stopped: exit ${await tandem.stop()}`);
  process.exit(0);
}

if (ONLY === undefined) {
  await rateSteps();
  await kamailioSteps();
} else if (ONLY === 'kamailio') {
  await kamailioSteps();
  process.exit(0);
} else console.log(`calls bench (BENCH_CALLS_ONLY=${ONLY}): ${MEMORY_CALLS} held calls only`);

/** Steps 1 and 2, on a Tandem of their own. */
async function rateSteps() {
  console.log(`calls bench: ${RATES.length} steps of ${STEP_S} s (or until the first failure), then ${HALF_S} s at half the ceiling, then ${MEMORY_CALLS} held calls; ${HEAP_GROWTH_TEXT}`);
  const tandem = await startTandem('rate');
  let ceiling;
  for (const rate of RATES) {
    const s = await step(tandem, rate, STEP_S);
    console.log(`  ${String(rate).padStart(5)} calls/s offered: ${s.run.successful} ok, ${s.run.failed} failed, ${s.cps.toFixed(0)} calls/s achieved, Tandem CPU ${(s.cpu * 100).toFixed(0)} %, INVITE->200 p99 ${ms(percentile(s.run.times, 0.99))} ${s.ok ? '' : '(fails)'}`);
    if (!s.ok) break;
    ceiling = s;
  }
  if (ceiling === undefined) {
    console.log('no rate completed without failures');
  } else {
    const half = Math.max(50, Math.round(ceiling.rate / 2 / 50) * 50);
    const h = await step(tandem, half, HALF_S);
    console.log(`ceiling: ${ceiling.rate} calls/s with zero failures (${ceiling.cps.toFixed(0)} achieved), Tandem CPU ${(ceiling.cpu * 100).toFixed(0)} % of one core (${((ceiling.cpu / ceiling.rate) * 1000).toFixed(3)} ms per call) [target >= ${TARGETS.cps}: ${mark(ceiling.rate >= TARGETS.cps)}]`);
    console.log(`at ${half} calls/s (${h.run.failed} failed): INVITE->200 p50 ${ms(percentile(h.run.times, 0.5))} p99 ${ms(percentile(h.run.times, 0.99))}; INVITE->IAM p50 ${ms(h.iam.p50)} p99 ${ms(h.iam.p99)} over ${h.iam.count} calls [target p99 < ${TARGETS.iamP99Ms} ms: ${mark(h.iam.p99 !== null && h.iam.p99 < TARGETS.iamP99Ms)}]; Tandem CPU ${(h.cpu * 100).toFixed(0)} %`);
  }
  console.log(`rate process stopped: exit ${await tandem.stop()}`);
}

/** CPU seconds of `pid` and its child processes (Kamailio forks its workers). */
function treeCpuSeconds(pid) {
  const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter((k) => k !== '');
  let total = cpuSeconds(pid);
  for (const kid of kids) {
    try {
      total += cpuSeconds(Number(kid));
    } catch {
      // a worker that ended meanwhile
    }
  }
  return total;
}

/**
 * The issue's reference on this machine: Kamailio 5.6 as a transaction-stateful proxy
 * (bench/kamailio.cfg) relaying the same SIPp calls to a SIPp UAS, stepped through the same
 * rates by the same rule. Skipped, saying so, when Debian's `kamailio` is not installed.
 */
async function kamailioSteps() {
  const bin = ['/usr/sbin/kamailio', '/usr/local/sbin/kamailio'].find((p) => existsSync(p));
  const modules = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib', '/usr/local/lib']
    .map((d) => join(d, 'kamailio/modules'))
    .find((d) => existsSync(d));
  if (bin === undefined || modules === undefined) {
    console.log('kamailio: not installed (apt-get install kamailio), so no side-by-side figure');
    return;
  }
  const dir = join(work, 'kamailio');
  mkdirSync(dir);
  const ports = { sip: await freePort(), pbx: await freePort(), uas: await freePort() };
  const cfg = readFileSync(KAMAILIO_CFG, 'utf8').replaceAll('@LISTEN_PORT@', String(ports.sip)).replaceAll('@UAS_PORT@', String(ports.uas)).replaceAll('@MODULES@', `${modules}/`);
  writeFileSync(join(dir, 'kamailio.cfg'), cfg);
  const version = /kamailio (\S+)/.exec(await new Promise((resolve) => {
    const v = spawn(bin, ['-v'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    v.stdout.on('data', (c) => (out += c));
    v.on('close', () => resolve(out));
  }))?.[1] ?? '?';
  const kamailio = spawn(bin, ['-f', join(dir, 'kamailio.cfg'), '-D', '-E', '-m', '256', '-M', '16', '-w', dir], { cwd: dir, stdio: 'ignore' });
  const uas = spawn('sipp', ['-sn', 'uas', '-i', '127.0.0.1', '-p', String(ports.uas), '-nostdin', '-buff_size', '8388608'], { cwd: dir, stdio: 'ignore' });
  children.add(kamailio);
  children.add(uas);
  await sleep(1500);
  if (kamailio.exitCode !== null) {
    console.log(`kamailio ${version}: exited at start (code ${kamailio.exitCode}); check bench/kamailio.cfg with \`kamailio -c -f\``);
    uas.kill('SIGKILL');
    return;
  }
  console.log(`kamailio ${version} (transaction-stateful proxy, a SIPp UAS behind it; the issue's reference machine: about 1550 calls/s), same SIPp load and steps:`);
  let ceiling;
  for (const rate of RATES) {
    const cpu0 = treeCpuSeconds(/** @type {number} */ (kamailio.pid));
    const run = await runSipp({ ports }, { rate, calls: rate * STEP_S, holdMs: 0, limit: Math.max(100, rate) });
    const cpu = (treeCpuSeconds(/** @type {number} */ (kamailio.pid)) - cpu0) / run.elapsed;
    const ok = run.failed === 0 && run.successful === rate * STEP_S && run.successful / run.elapsed >= KEEP_UP * rate;
    console.log(`  ${String(rate).padStart(5)} calls/s offered: ${run.successful} ok, ${run.failed} failed, ${(run.successful / run.elapsed).toFixed(0)} calls/s achieved, Kamailio CPU ${(cpu * 100).toFixed(0)} % (all its processes), INVITE->200 p99 ${ms(percentile(run.times, 0.99))} ${ok ? '' : '(fails)'}`);
    if (!ok) break;
    ceiling = { rate, cpu };
  }
  console.log(
    `kamailio ceiling: ${ceiling === undefined ? 'no rate completed without failures' : `${ceiling.rate} calls/s with zero failures, Kamailio CPU ${(ceiling.cpu * 100).toFixed(0)} % (${((ceiling.cpu / ceiling.rate) * 1000).toFixed(3)} ms per call); the first failing step's Kamailio CPU tells whether Kamailio or the rest of the setup (SIPp on both sides of it, sharing the cores) set the limit`}`,
  );
  for (const c of [kamailio, uas]) {
    c.kill('SIGKILL');
    children.delete(c);
  }
}

const held = await startTandem('memory');
await sleep(1000);
const idle = rss(held.pid);
const handle = {};
const rampStarted = Date.now();
const ramp = runSipp(held, { rate: 1000, calls: MEMORY_CALLS, holdMs: 600_000 }, handle);
let calls = 0;
for (const end = Date.now() + 60_000; Date.now() < end && calls < MEMORY_CALLS; await sleep(500)) calls = (await held.admin('GET', '/health')).calls;
await sleep(2000);
calls = (await held.admin('GET', '/health')).calls;
const loaded = rss(held.pid);
const perCall = (loaded - idle) / Math.max(1, calls);
console.log(`memory: ${calls} concurrent calls (${MEMORY_CALLS} asked): RSS ${(idle / 2 ** 20).toFixed(1)} MiB idle, ${(loaded / 2 ** 20).toFixed(1)} MiB loaded, ${(perCall / 1024).toFixed(1)} KiB per call [target <= 8 KiB: ${mark(perCall <= TARGETS.bytesPerCall)}] (${HEAP_GROWTH_TEXT})`);
// After setup transients: the last INVITE came in when the calls were up; its server
// transaction ends on Timer L. Not the target's figure: V8 keeps pages it has freed for a while.
await sleep(Math.max(0, rampStarted + (calls / 1000) * 1000 + TIMER_L_MS + 3000 - Date.now()));
const later = (await held.admin('GET', '/health')).calls;
const settled = rss(held.pid);
console.log(`memory after setup transients (${((Date.now() - rampStarted) / 1000).toFixed(0)} s after the ramp began, every INVITE transaction past Timer L): ${later} calls, RSS ${(settled / 2 ** 20).toFixed(1)} MiB, ${((settled - idle) / Math.max(1, later) / 1024).toFixed(1)} KiB per call (not the target's figure)`);
handle.kill();
await ramp;
console.log(`memory process stopped: exit ${await held.stop()}`);
