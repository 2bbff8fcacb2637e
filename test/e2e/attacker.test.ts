// End to end, SIPVicious (Debian `sipvicious`) as the attacker: svmap scans Tandem with OPTIONS
// and INVITE from 127.0.0.3, svwar enumerates extensions with REGISTER and INVITE, and svcrack
// guesses passwords, from 127.0.0.1 (svwar has no -b option; svcrack runs from there too; the example
// PBX's ACL is moved to 127.0.0.9 so that 127.0.0.1 is a stranger). Every request gets 403 and is
// logged; svwar finds no extension and svcrack no password; the simulated exchange sees no IAM;
// Tandem stays up.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTandem, type Tandem } from './tandem.js';

let tandem: Tandem;
/** sipvicious keeps its sessions under $HOME/.sipvicious */
const home = mkdtempSync(join(tmpdir(), 'tandem-e2e-sipvicious-'));

beforeAll(async () => {
  tandem = await startTandem({ changes: { peers: { pbx: { acl: ['127.0.0.9/32'] } } }, logLevel: 'info' });
}, 20_000);
afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
  rmSync(home, { recursive: true, force: true });
});

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

async function terminatedOnSim(): Promise<number> {
  const { body } = await tandem.admin('GET', '/sim/sim-e1');
  return (body as { counters: { terminated: number } }).counters.terminated;
}

describe('SIPVicious against Tandem', () => {
  it('svmap: an OPTIONS scan and an INVITE scan from a stranger get 403 each, logged', async () => {
    const port = String(tandem.ports.sip);
    const options = await sipvicious('svmap', ['-b', '127.0.0.3', '-P', String(await freePort()), '-p', port, '127.0.0.1']);
    expect(options.code, options.output).toBe(0);
    const invite = await sipvicious('svmap', ['-b', '127.0.0.3', '-P', String(await freePort()), '-p', port, '-m', 'INVITE', '127.0.0.1']);
    expect(invite.code, invite.output).toBe(0);
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
    const before = refused('REGISTER', '127.0.0.1').length;
    // svcrack waits for a 401 that never comes and sends on: stopped after 5 s.
    const run = await sipvicious('svcrack', ['-P', String(await freePort()), '-p', String(tandem.ports.sip), '-u', '100', '-r', '1000-1020', '127.0.0.1'], 5000);
    expect(run.output).not.toMatch(/\|\s*100\s*\|\s*10\d\d\s*\|/);
    expect(refused('REGISTER', '127.0.0.1').length).toBeGreaterThan(before);
    expect(tandem.logs().some((l) => l.status === 401 || l.status === 407)).toBe(false);
  }, 30_000);

  it('reached no circuit, and Tandem is up with no call', async () => {
    expect(await terminatedOnSim()).toBe(0);
    const { body } = await tandem.admin('GET', '/health');
    expect(body).toMatchObject({ status: 'ok', calls: 0 });
    expect(tandem.logs().filter((l) => l.mod === 'isup')).toEqual([]);
  });
});
