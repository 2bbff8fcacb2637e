// `npm test`: install missing test tools, make sure a Redis answers, build the C test peers,
// then run vitest and print one closing line `vitest: N passed, M failed[, K skipped]`.
// `npm run test:vectors` (--vectors) runs the opt-in suite over ../shared/research-vectors instead.
// Any other arguments are passed on to vitest (e.g. `npm test -- test/core`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  REQUIREMENTS,
  isPresent,
  missingPackages,
  redisPing,
  rootInstallSteps,
  sudoInstallCommand,
} from './lib/preflight.mjs';
import { exitCode, summaryLine } from './lib/vitest-summary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const vectors = process.argv.includes('--vectors');
const vitestArgs = process.argv.slice(2).filter((a) => a !== '--vectors');

/** @type {Set<import('node:child_process').ChildProcess>} children still running */
const children = new Set();
/** @param {import('node:child_process').ChildProcess} child */
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
const work = mkdtempSync(join(tmpdir(), 'tandem-test-'));

// Last resort on any exit (failure, signal): children get SIGTERM, scratch files go.
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`test: ${message}`);
  process.exit(1);
}

/**
 * Runs a command in the repo root with output streamed; resolves to its exit code.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ input?: string, env?: Record<string, string> }} [options]
 * @returns {Promise<number>}
 */
function run(cmd, args, { input, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'],
    });
    track(child);
    child.stdin?.end(input);
    child.on('error', (e) => console.error(`test: ${cmd}: ${e.message}`));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function preflight() {
  const missing = missingPackages(REQUIREMENTS, (r) => isPresent(r));
  if (missing.length === 0) return;
  console.log(`test: missing test tools; Debian packages needed: ${missing.join(' ')}`);
  if (process.getuid?.() !== 0) {
    console.error('Install them with:');
    console.error(sudoInstallCommand(missing));
    process.exit(1);
  }
  for (const step of rootInstallSteps(missing)) {
    const code = await run(step.cmd, step.args, step);
    if (code !== 0) fail(`${step.cmd} ${step.args.join(' ')} exited with ${code}`);
  }
  const still = missingPackages(REQUIREMENTS, (r) => isPresent(r));
  if (still.length > 0) fail(`still missing after install: ${still.join(' ')}`);
}

/** @returns {Promise<number>} a TCP port free on 127.0.0.1 right now */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** @returns {Promise<string>} the URL of a Redis that answers PING: the configured one, or a throwaway one */
async function ensureRedis() {
  const url = process.env.TANDEM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await redisPing(url)) {
    console.log(`test: using Redis at ${url}`);
    return url;
  }
  const port = await freePort();
  const log = join(work, 'redis.log');
  const child = track(
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', work, '--logfile', log],
      { stdio: 'ignore' },
    ),
  );
  const own = `redis://127.0.0.1:${port}`;
  for (let tries = 0; tries < 100; tries++) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (await redisPing(own, 200)) {
      console.log(`test: no Redis at ${url}; started a throwaway one at ${own}`);
      return own;
    }
    await sleep(100);
  }
  const output = existsSync(log) ? readFileSync(log, 'utf8') : '';
  return fail(`throwaway redis-server did not answer PING on port ${port}\n${output}`);
}

if (vectors && !existsSync(join(root, '..', 'shared', 'research-vectors'))) {
  console.log('test: ../shared/research-vectors not found beside the repository; skipping the research-vector suite.');
  process.exit(0);
}

await preflight();
const redisUrl = await ensureRedis();

if (existsSync(join(root, 'test', 'peers', 'Makefile'))) {
  const code = await run('make', ['-C', 'test/peers']);
  if (code !== 0) fail(`make -C test/peers exited with ${code}`);
}

const report = join(work, 'vitest.json');
const code = await run(
  join(root, 'node_modules', '.bin', 'vitest'),
  [
    'run',
    '--config',
    vectors ? 'vitest.vectors.config.ts' : 'vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...vitestArgs,
  ],
  { env: { TANDEM_TEST_REDIS_URL: redisUrl } },
);

/** @type {import('./lib/vitest-summary.mjs').VitestCounts | undefined} */
const counts = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
if (counts === undefined) console.error('test: vitest wrote no JSON report');
console.log(
  summaryLine(counts ?? { numTotalTests: 0, numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 }),
);
// Stop a throwaway Redis and wait for it, so its port is free when we return.
await Promise.all(
  [...children].map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))),
);
process.exitCode = exitCode(code, counts);
