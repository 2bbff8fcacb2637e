// What both tshark harnesses (tshark-isup.ts, tshark-q931.ts) share.
import { spawnSync } from 'node:child_process';

/** tshark's version line, or undefined when tshark is not on PATH. */
export function tsharkVersion(): string | undefined {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) return undefined;
  return r.stdout.split('\n')[0];
}
