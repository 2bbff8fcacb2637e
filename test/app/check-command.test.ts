// `tandem check [dir]`, run as a user runs it: the built CLI in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tandem = (args: string[], cwd = root): { status: number | null; stdout: string; stderr: string } => {
  if (!existsSync(`${root}dist/app/cli.js`)) throw new Error('dist/app/cli.js missing: run `npm run build` (npm test does it first)');
  const r = spawnSync(process.execPath, [`${root}bin/tandem.js`, ...args], { encoding: 'utf8', cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const scratch = mkdtempSync(join(tmpdir(), 'tandem-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A directory under the scratch dir holding `files`. */
function dir(name: string, files: Record<string, string>): string {
  const d = join(scratch, name);
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

const GATEWAY = 'gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      udp: [127.0.0.1]\n  cdr:\n    spoolDir: cdr\n';
const OK_SUMMARY = 'ok: 1 gateway, 2 peers, 1 trunk group (30 circuits), 2 routes\n';

describe('tandem check', () => {
  it('passes the shipped example and prints a summary', () => {
    expect(tandem(['check', 'trunks'])).toEqual({ status: 0, stdout: OK_SUMMARY, stderr: '' });
  });

  it('checks trunks/ of the working directory by default', () => {
    expect(tandem(['check'])).toEqual({ status: 0, stdout: OK_SUMMARY, stderr: '' });
  });

  it('prints every error with file, line, column, path and code, then the count, and exits 1', () => {
    const d = dir('errors', {
      'gateway.yaml': GATEWAY,
      'pbx.yaml': 'peers:\n  pbx:\n    address: 127.0.0.1:5070\n    profile: sip-i\n    profil: plain\n',
      'routes.yaml': "routes:\n  - name: out\n    match: '^[0-9]+$'\n    to: [sim-e1]\n",
      'sim.yaml': 'trunkGroups:\n  sim-e1:\n    driver: sim\n    spans:\n      - span: 1\n        type: E1\n    timers: { T7: 5000 }\n',
      'notes.txt': 'not configuration: ignored\n',
    });
    expect(tandem(['check', d])).toEqual({
      status: 1,
      stdout: '',
      stderr: [
        `${d}/pbx.yaml:4:14 peers.pbx.profile: must be one of plain, sipt, sipi (CONFIG_SCHEMA)`,
        `${d}/pbx.yaml:5:5 peers.pbx.profil: unknown key; did you mean "profile"? (CONFIG_UNKNOWN_KEY)`,
        `${d}/sim.yaml:7:19 trunkGroups.sim-e1.timers.T7: T7 must be between 20000 and 30000 ms (20 s to 30 s, Q.764 Annex A) (CONFIG_TIMER_RANGE)`,
        '3 errors',
        '',
      ].join('\n'),
    });
  });

  it('names a relative directory as given', () => {
    dir('rel/cfg', { 'pbx.yaml': 'peers:\n  pbx:\n    address: 127.0.0.1\n' });
    expect(tandem(['check', 'cfg/'], join(scratch, 'rel'))).toEqual({
      status: 1,
      stdout: '',
      stderr: 'cfg/pbx.yaml:2:3 peers.pbx: has neither acl nor auth.inbound: anyone could send calls as this peer (CONFIG_PEER_NO_AUTH)\ngateway: no file has a gateway section (CONFIG_NO_GATEWAY)\n2 errors\n',
    });
  });

  it('refuses a directory that does not exist', () => {
    expect(tandem(['check', 'no-such-dir'], scratch)).toEqual({ status: 1, stdout: '', stderr: 'no-such-dir: no such directory (CONFIG_NO_DIR)\n1 error\n' });
  });

  it('refuses a directory without YAML files', () => {
    dir('empty', { 'README.txt': 'nothing here\n' });
    expect(tandem(['check', 'empty'], scratch)).toEqual({ status: 1, stdout: '', stderr: 'empty: no *.yaml or *.yml files (CONFIG_EMPTY_DIR)\n1 error\n' });
  });

  it('checks that TLS files exist, relative to the file that names them', () => {
    const files = {
      'gateway.yml': 'gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      tls: [127.0.0.1]\n    tls:\n      certFile: certs/gw.pem\n      keyFile: certs/gw.key\n  cdr:\n    spoolDir: cdr\n',
      'pbx.yml': 'peers:\n  pbx:\n    address: 127.0.0.1:5071\n    transport: tls\n    acl: [127.0.0.1/32]\n',
    };
    dir('tls', files);
    mkdirSync(join(scratch, 'tls', 'certs'));
    writeFileSync(join(scratch, 'tls', 'certs', 'gw.pem'), 'not really a certificate\n');
    expect(tandem(['check', 'tls'], scratch)).toEqual({ status: 1, stdout: '', stderr: 'tls/gateway.yml:8:16 gateway.sip.tls.keyFile: file not found: tls/certs/gw.key (CONFIG_FILE_NOT_FOUND)\n1 error\n' });
    writeFileSync(join(scratch, 'tls', 'certs', 'gw.key'), 'not really a key\n');
    expect(tandem(['check', 'tls'], scratch)).toEqual({ status: 0, stdout: 'ok: 1 gateway, 1 peer, 0 trunk groups (0 circuits), 0 routes\n', stderr: '' });
  });
});
