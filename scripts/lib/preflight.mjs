// Pure-ish helpers for scripts/test.mjs: which test tools are missing, how to install them,
// and whether a Redis answers. Kept apart from test.mjs so that test/scripts can test them.
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';

/**
 * @typedef {{ kind: 'command' | 'file', name: string, pkg: string }} Requirement
 * `name` is a command looked up on PATH, or an absolute file path; `pkg` is the Debian package providing it.
 */

/** @type {readonly Requirement[]} */
export const REQUIREMENTS = [
  { kind: 'command', name: 'redis-server', pkg: 'redis-server' },
  { kind: 'command', name: 'sipp', pkg: 'sip-tester' },
  { kind: 'command', name: 'tshark', pkg: 'tshark' },
  { kind: 'command', name: 'svmap', pkg: 'sipvicious' },
  { kind: 'file', name: '/usr/include/libpri.h', pkg: 'libpri-dev' },
  { kind: 'file', name: '/usr/include/libss7.h', pkg: 'libss7-dev' },
  { kind: 'command', name: 'cc', pkg: 'gcc' },
  { kind: 'command', name: 'make', pkg: 'make' },
];

/** Answer for wireshark-common's "allow non-root captures?" question, so installing tshark never prompts. */
export const DEBCONF_PRESEED = 'wireshark-common wireshark-common/install-setuid boolean false\n';

/**
 * Debian packages to install, in REQUIREMENTS order without duplicates.
 * @param {readonly Requirement[]} requirements
 * @param {(r: Requirement) => boolean} isPresent
 * @returns {string[]}
 */
export function missingPackages(requirements, isPresent) {
  return [...new Set(requirements.filter((r) => !isPresent(r)).map((r) => r.pkg))];
}

/**
 * The probe used for real: a file exists, or an executable of that name is on PATH.
 * @param {Requirement} r
 * @param {string} [path] the PATH to search
 * @returns {boolean}
 */
export function isPresent(r, path = process.env.PATH ?? '') {
  if (r.kind === 'file') return existsSync(r.name);
  return path.split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, r.name)));
}

/**
 * The command a non-root user is told to run.
 * @param {readonly string[]} pkgs
 * @returns {string}
 */
export function sudoInstallCommand(pkgs) {
  return `sudo apt-get install -y ${pkgs.join(' ')}`;
}

/**
 * What root runs, in order: preseed debconf, refresh the package lists, install non-interactively.
 * @param {readonly string[]} pkgs
 * @returns {{ cmd: string, args: string[], input?: string, env?: Record<string, string> }[]}
 */
export function rootInstallSteps(pkgs) {
  return [
    { cmd: 'debconf-set-selections', args: [], input: DEBCONF_PRESEED },
    { cmd: 'apt-get', args: ['update'] },
    { cmd: 'apt-get', args: ['install', '-y', ...pkgs], env: { DEBIAN_FRONTEND: 'noninteractive' } },
  ];
}

/**
 * Host and port of a redis:// URL (defaults: 127.0.0.1:6379).
 * @param {string} url
 * @returns {{ host: string, port: number }}
 */
export function redisAddress(url) {
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new Error(`not a redis:// URL: ${url}`);
  // URL keeps IPv6 hosts bracketed; net.connect wants them bare.
  return { host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(u.port || 6379) };
}

/**
 * True if a Redis at `url` answers a raw PING with +PONG within `timeoutMs`.
 * @param {string} url
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export function redisPing(url, timeoutMs = 1000) {
  const { host, port } = redisAddress(url);
  return new Promise((resolve) => {
    let reply = '';
    const socket = createConnection({ host, port });
    /** @param {boolean} answer */
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
