// `tandem cdr-worker` settings: flags (and TANDEM_CDR_REDIS_URL) win, then gateway.cdr.redis of
// --config, then the defaults; without a Redis URL from anywhere it is a usage error.
import { describe, expect, it } from 'vitest';
import { workerOptionsOf } from '../../src/app/cdr-worker.js';
import { validateConfig } from '../../src/config/index.js';
import { files } from '../config/helpers.js';

const GATEWAY = (cdr: string) => `gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      udp: [127.0.0.1:5060]\n  cdr:\n${cdr}`;
const load = (cdr: string) => () => validateConfig(files({ 'gateway.yaml': GATEWAY(cdr) }));
const WITH_REDIS = load('    spoolDir: cdr\n    redis:\n      url: redis://10.0.0.5:6379/2\n      keyPrefix: "gw1:"\n      workerConcurrency: 8\n      retentionDays: 30\n');
const WITHOUT = load('    spoolDir: cdr\n');

describe('tandem cdr-worker settings', () => {
  it('from --config: URL, key prefix, retention and concurrency of gateway.cdr.redis', () => {
    expect(workerOptionsOf({ config: 'cfg' }, WITH_REDIS)).toEqual({ ok: true, value: { redis: 'redis://10.0.0.5:6379/2', prefix: 'gw1:', retentionDays: 30, concurrency: 8 } });
  });

  it('flags win over the configuration', () => {
    expect(workerOptionsOf({ config: 'cfg', redis: 'redis://127.0.0.1:6380', prefix: 'x:', concurrency: 2 }, WITH_REDIS)).toEqual({
      ok: true,
      value: { redis: 'redis://127.0.0.1:6380', prefix: 'x:', retentionDays: 30, concurrency: 2 },
    });
  });

  it('flags alone: the defaults for what they leave out', () => {
    expect(workerOptionsOf({ redis: 'redis://127.0.0.1:6379' }, WITHOUT)).toEqual({ ok: true, value: { redis: 'redis://127.0.0.1:6379', prefix: 'tandem:', retentionDays: 90, concurrency: 4 } });
  });

  it('no Redis URL anywhere, or a configuration without gateway.cdr.redis: a usage error naming the way out', () => {
    const none = workerOptionsOf({}, WITHOUT);
    expect(none.ok).toBe(false);
    expect(!none.ok && none.error).toContain('--redis');
    const noRedis = workerOptionsOf({ config: 'cfg' }, WITHOUT);
    expect(!noRedis.ok && noRedis.error).toContain('has no gateway.cdr.redis');
  });

  it('a configuration with errors is reported, not used', () => {
    const r = workerOptionsOf({ config: 'cfg' }, load('    spoolDir: cdr\n    redis:\n      url: http://nope\n'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('has errors');
  });
});
