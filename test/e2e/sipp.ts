// SIPp (Debian sip-tester, /usr/bin/sipp) in the end-to-end tests: as the PBX (127.0.0.1) or the
// SIP-I carrier (127.0.0.2), as UAC or UAS, with a scenario of scenarios/, run to its end with a
// global timeout; its exit code, its successful and failed call counts (-trace_stat), and its
// output and error log for failure messages.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIPP = '/usr/bin/sipp';
export const SCENARIOS = fileURLToPath(new URL('./scenarios/', import.meta.url));

export interface SippRun {
  /** 0: every call succeeded; 1: at least one failed; others: SIPp could not run */
  readonly code: number | null;
  readonly successful: number;
  readonly failed: number;
  readonly diagnostics: string;
  /** what the scenario's `<log>` actions wrote (with `-trace_logs` in `args`) */
  readonly logs: string;
}

export interface SippOptions {
  /** scenario file name under scenarios/ */
  readonly scenario: string;
  /** local address and port */
  readonly ip: string;
  readonly port: number;
  /** the remote host:port (UAC); absent for a UAS */
  readonly remote?: string;
  /** calls to place or to answer; default 1 */
  readonly calls?: number;
  /** `-key name value` for each entry: `[name]` in the scenario */
  readonly keys?: Readonly<Record<string, string>>;
  /** more arguments */
  readonly args?: readonly string[];
  /** files written to SIPp's directory first, for `[file name="…"]` in the scenario */
  readonly files?: Readonly<Record<string, Uint8Array>>;
  /** -timeout in seconds; default 30 */
  readonly timeoutS?: number;
}

/** The last value of `column` in SIPp's ';'-separated statistics file. */
function statistic(csv: string, column: string): number {
  const lines = csv.trim().split('\n');
  const header = (lines[0] ?? '').split(';');
  const last = (lines[lines.length - 1] ?? '').split(';');
  const at = header.indexOf(column);
  return at < 0 ? NaN : Number(last[at]);
}

/** A running SIPp: `done` resolves when it exits. */
export interface Sipp {
  readonly done: Promise<SippRun>;
}

export function sipp(o: SippOptions): Sipp {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-sipp-'));
  for (const [name, octets] of Object.entries(o.files ?? {})) writeFileSync(join(dir, name), octets);
  const keys = Object.entries(o.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]);
  const all = [
    ...(o.remote === undefined ? [] : [o.remote]),
    '-sf',
    join(SCENARIOS, o.scenario),
    '-i',
    o.ip,
    '-p',
    String(o.port),
    '-m',
    String(o.calls ?? 1),
    ...keys,
    ...(o.args ?? []),
    '-timeout',
    `${o.timeoutS ?? 30}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_stat',
    '-stf',
    join(dir, 'stats.csv'),
    '-fd',
    '1',
    '-trace_err',
    '-error_file',
    join(dir, 'errors.log'),
  ];
  const done = new Promise<SippRun>((resolve) => {
    const child = spawn(SIPP, all, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => void (output = (output + chunk.toString('latin1')).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => {
      const read = (name: string): string => (readdirSync(dir).includes(name) ? readFileSync(join(dir, name), 'latin1') : '');
      const csv = read('stats.csv');
      resolve({
        code,
        successful: statistic(csv, 'SuccessfulCall(C)'),
        failed: statistic(csv, 'FailedCall(C)'),
        diagnostics: `sipp ${all.join(' ')}\n${output.slice(-2000)}\n${read('errors.log').slice(-4000)}`,
        logs: readdirSync(dir)
          .filter((name) => name.endsWith('_logs.log'))
          .map(read)
          .join(''),
      });
      rmSync(dir, { recursive: true, force: true });
    });
  });
  return { done };
}

/** True once something listens on UDP `address`:`port` (Linux /proc/net/udp; IPv4). */
function udpBound(address: string, port: number): boolean {
  const hex = address
    .split('.')
    .reverse()
    .map((o) => Number(o).toString(16).toUpperCase().padStart(2, '0'))
    .join('');
  return readFileSync('/proc/net/udp', 'utf8').includes(` ${hex}:${port.toString(16).toUpperCase().padStart(4, '0')} `);
}

/** Starts a SIPp UAS and resolves once it listens (5 s at most). */
export async function sippUas(o: Omit<SippOptions, 'remote'>): Promise<Sipp> {
  const run = sipp(o);
  for (const end = Date.now() + 5000; Date.now() < end; ) {
    if (udpBound(o.ip, o.port)) return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`SIPp ${o.scenario} does not listen on ${o.ip}:${o.port}: ${(await run.done).diagnostics}`);
}
