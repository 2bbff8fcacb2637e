// `tandem check [dir]`: validate a configuration directory without starting anything. Prints every
// error (one line each, file:line:col path: message (CODE)) and exits 1, or prints a summary and exits 0.
import { formatConfigError, type TandemConfig } from '../config/index.js';
import { loadConfigDir } from './config-loader.js';
import type { CommandOutput } from './isup-command.js';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `ok: 1 gateway, 1 peer, 1 trunk group (30 circuits), 2 routes`. */
export function summary(config: TandemConfig): string {
  const circuits = config.trunkGroups.reduce((n, g) => n + g.circuits, 0);
  return `ok: 1 gateway, ${count(config.peers.length, 'peer')}, ${count(config.trunkGroups.length, 'trunk group')} (${count(circuits, 'circuit')}), ${count(config.routes.length, 'route')}`;
}

export function checkCommand(dir: string): CommandOutput {
  const result = loadConfigDir(dir);
  if (result.ok) return { exitCode: 0, stdout: `${summary(result.config)}\n`, stderr: '' };
  const lines = result.errors.map(formatConfigError);
  return { exitCode: 1, stdout: '', stderr: `${lines.join('\n')}\n${count(lines.length, 'error')}\n` };
}
