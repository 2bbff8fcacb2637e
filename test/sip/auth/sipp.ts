// Runs SIPp (Debian sip-tester, /usr/bin/sipp) as a UAC against a server on 127.0.0.1: writes the
// scenario to a scratch directory, runs one call, and gives the exit code and SIPp's logs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/free-port.js';

export interface SippRun {
  /** 0: the call succeeded */
  readonly code: number | null;
  /** stdout, stderr and every log file SIPp wrote (messages, errors), for failure messages */
  readonly log: string;
}


/** One call of `scenario` (XML) to 127.0.0.1:`port` over UDP, given up after 20 s (give the test 30 s). */
export async function runSipp(scenario: string, port: number, extra: readonly string[] = []): Promise<SippRun> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-sipp-'));
  const file = join(dir, 'scenario.xml');
  writeFileSync(file, scenario);
  const local = ['-i', '127.0.0.1', '-p', String(await freePort())];
  const args = ['-sf', file, '-m', '1', ...local, '-nostdin', '-timeout', '20s', '-timeout_error', '-trace_msg', '-trace_err', ...extra, `127.0.0.1:${port}`];
  return new Promise((resolve, reject) => {
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('latin1')));
    child.on('error', reject);
    child.on('close', (code) => {
      const logs = readdirSync(dir)
        .filter((f) => f.endsWith('.log'))
        .map((f) => `--- ${f}\n${readFileSync(join(dir, f), 'latin1')}`);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, log: [output.slice(-4000), ...logs].join('\n') });
    });
  });
}
