// `npm run bench`: build, then run every bench/*.mjs with node, in name order, output streamed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));

/** Runs a command in the repo root; exits with its code if it fails. */
function run(/** @type {string} */ cmd, /** @type {string[]} */ args) {
  const { status, error } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (error) throw error;
  if (status !== 0) process.exit(status ?? 1);
}

run('npm', ['run', 'build']);
const files = readdirSync(benchDir).filter((f) => f.endsWith('.mjs')).sort();
if (files.length === 0) console.log('bench: no bench/*.mjs files yet');
for (const file of files) {
  console.log(`\n== bench/${file}`);
  run(process.execPath, [benchDir + file]);
}
