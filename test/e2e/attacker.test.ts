// End to end, SIPVicious (Debian `sipvicious`) as the attacker: svmap scans Tandem with OPTIONS
// and INVITE from 127.0.0.3, svwar enumerates extensions with REGISTER and INVITE, and svcrack
// guesses passwords, from 127.0.0.1 (svwar has no -b option; svcrack runs from there too; the example
// PBX's ACL is moved to 127.0.0.9 so that 127.0.0.1 is a stranger). With the default
// `gateway.sip.strangers: reject` every request gets 403; the log has at most 10 lines a minute
// for 127.0.0.1 one by one and summary lines counting the rest, while every refused INVITE still
// leaves a CDR; svwar finds no extension and svcrack no password; the simulated exchange sees no
// IAM; Tandem stays up. With `strangers: drop` svmap finds nothing at all.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_MSG } from '../../src/app/refusal-log.js';
import { freePort, startTandem, type Tandem } from './tandem.js';

let tandem: Tandem;
/** sipvicious keeps its sessions under $HOME/.sipvicious */
const home = mkdtempSync(join(tmpdir(), 'tandem-e2e-sipvicious-'));
/** the example PBX moved away: 127.0.0.1 and 127.0.0.3 are strangers */
const PBX_ELSEWHERE = { pbx: { acl: ['127.0.0.9/32'] } };
/** refusals logged one by one per source address and minute (REFUSAL_LOG_LIMITS.perSource) */
const LOGGED_PER_SOURCE = 10;

afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/** Runs a sipvicious tool to its end, or kills it after `limitMs`; stdout and stderr together. */
function sipvicious(tool: 'svmap' | 'svwar' | 'svcrack', args: readonly string[], limitMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    });
  });
}

const refused = (method: string, source: string) =>
  tandem.logs().filter((l) => l.msg === 'request refused' && l.refusedBy === 'acl' && l.status === 403 && l.method === method && String(l.source).startsWith(`UDP ${source}:`));

/** Refusal lines from `source` one by one (any method and status). */
const logged = (source: string) => tandem.logs().filter((l) => l.msg === 'request refused' && String(l.source).startsWith(`UDP ${source}:`));
/** The summary lines of `source`. */
const summaries = (source: string) => tandem.logs().filter((l) => l.msg === SUMMARY_MSG && l.source === source);

async function terminatedOnSim(): Promise<number> {
  const { body } = await tandem.admin('GET', '/sim/sim-e1');
  return (body as { counters: { terminated: number } }).counters.terminated;
}

/** The CDRs refused by ACL so far (the spool is the store: GET /cdrs reads it). */
async function refusedByAcl(): Promise<Record<string, unknown>[]> {
  const { body } = await tandem.admin('GET', '/cdrs?limit=1000');
  return (body as { cdrs: Record<string, unknown>[] }).cdrs.filter((r) => r.disposition === 'refused' && r.refusedBy === 'acl');
}

describe('SIPVicious against Tandem (strangers: reject, the default)', () => {
  beforeAll(async () => {
    tandem = await startTandem({ changes: { peers: PBX_ELSEWHERE }, logLevel: 'info' });
  }, 20_000);
  afterAll(async () => {
    expect(await tandem.stop()).toBe(0);
  });

  it('svmap: an OPTIONS scan and an INVITE scan from a stranger get 403 each, logged, and svmap lists Tandem', async () => {
    const port = String(tandem.ports.sip);
    const options = await sipvicious('svmap', ['-b', '127.0.0.3', '-P', String(await freePort()), '-p', port, '127.0.0.1']);
    expect(options.code, options.output).toBe(0);
    const invite = await sipvicious('svmap', ['-b', '127.0.0.3', '-P', String(await freePort()), '-p', port, '-m', 'INVITE', '127.0.0.1']);
    expect(invite.code, invite.output).toBe(0);
    // the 403 tells svmap a SIP device is there: it lists it
    for (const run of [options, invite]) expect(run.output).toContain(`| 127.0.0.1:${port}`);
    expect(refused('OPTIONS', '127.0.0.3').length).toBeGreaterThanOrEqual(1);
    expect(refused('INVITE', '127.0.0.3').length).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('svwar: extension enumeration by REGISTER and by INVITE finds nothing', async () => {
    const port = String(tandem.ports.sip);
    for (const method of ['REGISTER', 'INVITE']) {
      const before = refused(method, '127.0.0.1').length;
      // --force: svwar stops at the first answer it does not expect (403) unless forced.
      const run = await sipvicious('svwar', ['--force', '-P', String(await freePort()), '-p', port, '-m', method, '-e', '100-120', '127.0.0.1']);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toContain('found nothing');
      expect(refused(method, '127.0.0.1').length, run.output).toBeGreaterThan(before);
    }
  }, 150_000);

  it('svcrack: password guessing for an extension gets 403 to every REGISTER, never a challenge, and cracks nothing', async () => {
    // svcrack waits for a 401 that never comes and sends on: stopped after 5 s.
    const run = await sipvicious('svcrack', ['-P', String(await freePort()), '-p', String(tandem.ports.sip), '-u', '100', '-r', '1000-1020', '127.0.0.1'], 5000);
    expect(run.output).not.toMatch(/\|\s*100\s*\|\s*10\d\d\s*\|/);
    expect(tandem.logs().some((l) => l.status === 401 || l.status === 407)).toBe(false);
  }, 30_000);

  it('past the log limit of 127.0.0.1 (svcrack used it up), svwar\'s INVITEs are not logged one by one, yet each leaves a CDR', async () => {
    const lines = refused('INVITE', '127.0.0.1').length;
    const records = (await refusedByAcl()).length;
    const run = await sipvicious('svwar', ['--force', '-P', String(await freePort()), '-p', String(tandem.ports.sip), '-m', 'INVITE', '-e', '100-120', '127.0.0.1']);
    expect(run.output).toContain('found nothing');
    expect(refused('INVITE', '127.0.0.1')).toHaveLength(lines);
    await expect.poll(async () => (await refusedByAcl()).length, { timeout: 5000 }).toBeGreaterThan(records);
  }, 60_000);

  it('reached no circuit, and Tandem is up with no call', async () => {
    expect(await terminatedOnSim()).toBe(0);
    const { body } = await tandem.admin('GET', '/health');
    expect(body).toMatchObject({ status: 'ok', calls: 0 });
    expect(tandem.logs().filter((l) => l.mod === 'isup')).toEqual([]);
  });

  it('logged at most 10 refusals of 127.0.0.1 one by one per minute, and at shutdown summary lines count the rest', async () => {
    expect(await tandem.stop()).toBe(0);
    const lines = logged('127.0.0.1');
    const summarized = summaries('127.0.0.1');
    const notLogged = summarized.reduce((sum, l) => sum + Number(l.count), 0);
    // one window per summary line, and perhaps one more without
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(LOGGED_PER_SOURCE * (summarized.length + 1));
    expect(summarized.every((l) => l.level === 'info' && l.windowMs === 60_000)).toBe(true);
    // svwar and 5 s of svcrack: far more refusals than lines
    expect(notLogged, JSON.stringify({ lines: lines.length, summarized })).toBeGreaterThan(10 * lines.length);
  });
});

describe('SIPVicious against Tandem (strangers: drop)', () => {
  beforeAll(async () => {
    tandem = await startTandem({ changes: { peers: PBX_ELSEWHERE, sip: { strangers: 'drop' } }, logLevel: 'info' });
  }, 20_000);
  afterAll(async () => {
    expect(await tandem.stop()).toBe(0);
  });

  it('svmap: OPTIONS and INVITE scans find nothing; the requests are logged as dropped, the INVITE has a CDR, no IAM', async () => {
    const port = String(tandem.ports.sip);
    for (const method of ['OPTIONS', 'INVITE']) {
      const run = await sipvicious('svmap', ['-b', '127.0.0.3', '-P', String(await freePort()), '-p', port, '-m', method, '127.0.0.1'], 30_000);
      expect(run.code, run.output).toBe(0);
      // svmap prints a table row only for a device that answered
      expect(run.output, run.output).not.toContain(`127.0.0.1:${port}`);
      expect(run.output).toContain('found nothing');
    }
    const dropped = logged('127.0.0.3');
    expect(dropped.map((l) => l.method)).toEqual(expect.arrayContaining(['OPTIONS', 'INVITE']));
    expect(dropped.every((l) => l.dropped === true && l.status === undefined && l.refusedBy === 'acl')).toBe(true);
    await expect.poll(async () => (await refusedByAcl()).length, { timeout: 5000 }).toBeGreaterThan(0);
    expect((await refusedByAcl()).every((r) => r.sipStatus === null)).toBe(true);
    expect(await terminatedOnSim()).toBe(0);
    expect(tandem.logs().filter((l) => l.mod === 'isup')).toEqual([]);
  }, 90_000);
});
