import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  DEBCONF_PRESEED,
  REQUIREMENTS,
  isPresent,
  missingPackages,
  redisAddress,
  redisPing,
  rootInstallSteps,
  sudoInstallCommand,
} from '../../scripts/lib/preflight.mjs';
import { exitCode, summaryLine } from '../../scripts/lib/vitest-summary.mjs';

describe('missingPackages', () => {
  it('maps every required tool to its Debian package', () => {
    expect(Object.fromEntries(REQUIREMENTS.map((r) => [r.name, r.pkg]))).toEqual({
      'redis-server': 'redis-server',
      sipp: 'sip-tester',
      tshark: 'tshark',
      svmap: 'sipvicious',
      '/usr/include/libpri.h': 'libpri-dev',
      '/usr/include/libss7.h': 'libss7-dev',
      cc: 'gcc',
      make: 'make',
    });
  });

  it('is empty when everything is present', () => {
    expect(missingPackages(REQUIREMENTS, () => true)).toEqual([]);
  });

  it('lists the packages of absent tools only, in order', () => {
    const absent = new Set(['sipp', '/usr/include/libss7.h', 'cc']);
    expect(missingPackages(REQUIREMENTS, (r) => !absent.has(r.name))).toEqual(['sip-tester', 'libss7-dev', 'gcc']);
  });

  it('names a package once even if several of its tools are absent', () => {
    const reqs = [
      { kind: 'command', name: 'cc', pkg: 'gcc' },
      { kind: 'command', name: 'gcc', pkg: 'gcc' },
    ] as const;
    expect(missingPackages(reqs, () => false)).toEqual(['gcc']);
  });
});

describe('isPresent', () => {
  it('finds commands on the given PATH only', () => {
    const node = { kind: 'command', name: 'node', pkg: 'nodejs' } as const;
    const nodeDir = process.execPath.slice(0, process.execPath.lastIndexOf('/'));
    expect(isPresent(node, `/nonexistent:${nodeDir}`)).toBe(true);
    expect(isPresent(node, '/nonexistent')).toBe(false);
  });

  it('checks files by path', () => {
    expect(isPresent({ kind: 'file', name: process.execPath, pkg: 'x' })).toBe(true);
    expect(isPresent({ kind: 'file', name: '/nonexistent/libpri.h', pkg: 'x' })).toBe(false);
  });
});

describe('install commands', () => {
  it('tells a non-root user the exact sudo command', () => {
    expect(sudoInstallCommand(['sip-tester', 'libss7-dev'])).toBe('sudo apt-get install -y sip-tester libss7-dev');
  });

  it('as root: preseeds debconf, updates, then installs non-interactively', () => {
    expect(rootInstallSteps(['tshark', 'make'])).toEqual([
      { cmd: 'debconf-set-selections', args: [], input: DEBCONF_PRESEED },
      { cmd: 'apt-get', args: ['update'] },
      { cmd: 'apt-get', args: ['install', '-y', 'tshark', 'make'], env: { DEBIAN_FRONTEND: 'noninteractive' } },
    ]);
    expect(DEBCONF_PRESEED).toBe('wireshark-common wireshark-common/install-setuid boolean false\n');
  });
});

describe('redis', () => {
  it('parses redis:// URLs with defaults', () => {
    expect(redisAddress('redis://127.0.0.1:6380')).toEqual({ host: '127.0.0.1', port: 6380 });
    expect(redisAddress('redis://localhost')).toEqual({ host: 'localhost', port: 6379 });
    expect(redisAddress('redis://[::1]:7000/0')).toEqual({ host: '::1', port: 7000 });
    expect(() => redisAddress('http://127.0.0.1:6379')).toThrow(/redis:\/\//);
  });

  it('PING succeeds only on a +PONG answer', async () => {
    const answers = ['+PONG\r\n', '-NOAUTH Authentication required.\r\n'];
    const server = createServer((socket) => socket.once('data', () => socket.end(answers.shift() ?? '')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await redisPing(`redis://127.0.0.1:${port}`)).toBe(true);
      expect(await redisPing(`redis://127.0.0.1:${port}`)).toBe(false);
    } finally {
      server.close();
    }
    // Nothing listens any more: connection refused.
    expect(await redisPing(`redis://127.0.0.1:${port}`)).toBe(false);
  });
});

describe('vitest summary', () => {
  const counts = { numTotalTests: 7, numPassedTests: 5, numFailedTests: 1, numPendingTests: 1, numTodoTests: 0 };

  it('prints the closing line, with skipped only when some were', () => {
    expect(summaryLine(counts)).toBe('vitest: 5 passed, 1 failed, 1 skipped');
    expect(summaryLine({ ...counts, numPendingTests: 0, numTotalTests: 6 })).toBe('vitest: 5 passed, 1 failed');
  });

  it("keeps vitest's exit code but fails a run that executed no test", () => {
    expect(exitCode(1, counts)).toBe(1);
    expect(exitCode(0, counts)).toBe(0);
    expect(exitCode(0, { ...counts, numTotalTests: 0 })).toBe(1);
    expect(exitCode(0, undefined)).toBe(1);
  });
});
