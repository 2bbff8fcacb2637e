// gateway.cdr: the spool settings (fsync policy, rotation) and the optional Redis section, with
// their defaults and ranges (docs/configuration.md, docs/cdr.md "Settings").
import { describe, expect, it } from 'vitest';
import { isRedisUrl } from '../../src/config/formats.js';
import { config, errors } from './helpers.js';

const gateway = (...cdrLines: string[]) => `gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      udp: [127.0.0.1:5060]\n  cdr:\n    spoolDir: cdr\n${cdrLines.map((l) => `    ${l}\n`).join('')}`;

describe('gateway.cdr', () => {
  it('defaults to spool only, fsync always, 16 MiB / 5 min segments', () => {
    expect(config().gateway.cdr).toEqual({ spoolDir: 'cfg/cdr', fsync: 'always', fsyncIntervalMs: 1000, maxSegmentBytes: 16 << 20, maxSegmentAgeMs: 300_000 });
  });

  it('takes the spool settings as written', () => {
    const c = config({ 'gateway.yaml': gateway('fsync: interval', 'fsyncIntervalMs: 250', 'maxSegmentBytes: 65536', 'maxSegmentAgeMs: 60000') });
    expect(c.gateway.cdr).toEqual({ spoolDir: 'cfg/cdr', fsync: 'interval', fsyncIntervalMs: 250, maxSegmentBytes: 65536, maxSegmentAgeMs: 60_000 });
  });

  it('fills in the Redis defaults: prefix tandem:, an in-process worker of 4, 90 days', () => {
    const c = config({ 'gateway.yaml': gateway('redis:', '  url: redis://127.0.0.1:6379') });
    expect(c.gateway.cdr.redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'tandem:', worker: true, workerConcurrency: 4, retentionDays: 90 });
  });

  it('takes the Redis settings as written', () => {
    const c = config({ 'gateway.yaml': gateway('redis:', '  url: rediss://:s3cret@cdr.example.net:6380/2', '  keyPrefix: "gw1:"', '  worker: false', '  workerConcurrency: 8', '  retentionDays: 400') });
    expect(c.gateway.cdr.redis).toEqual({ url: 'rediss://:s3cret@cdr.example.net:6380/2', keyPrefix: 'gw1:', worker: false, workerConcurrency: 8, retentionDays: 400 });
  });

  it.each([
    ['fsync: sometimes', /gateway\.cdr\.fsync: .*always.*interval.*never.*CONFIG_SCHEMA/],
    ['fsyncIntervalMs: 5', /gateway\.cdr\.fsyncIntervalMs: .*10.*CONFIG_SCHEMA/],
    ['fsyncIntervalMs: 60001', /gateway\.cdr\.fsyncIntervalMs: .*60000.*CONFIG_SCHEMA/],
    ['maxSegmentBytes: 4095', /gateway\.cdr\.maxSegmentBytes: .*4096.*CONFIG_SCHEMA/],
    ['maxSegmentAgeMs: 999', /gateway\.cdr\.maxSegmentAgeMs: .*1000.*CONFIG_SCHEMA/],
    ['redis: { keyPrefix: "x:" }', /gateway\.cdr\.redis: missing required key "url".*CONFIG_SCHEMA/],
    ['redis: { url: "http://127.0.0.1:6379" }', /gateway\.cdr\.redis\.url: .*Redis URL.*CONFIG_SCHEMA/],
    ['redis: { url: "redis://127.0.0.1:6379", retentionDays: 0 }', /gateway\.cdr\.redis\.retentionDays: .*1.*CONFIG_SCHEMA/],
    ['redis: { url: "redis://127.0.0.1:6379", retentionDays: 3651 }', /gateway\.cdr\.redis\.retentionDays: .*3650.*CONFIG_SCHEMA/],
    ['redis: { url: "redis://127.0.0.1:6379", workerConcurrency: 65 }', /gateway\.cdr\.redis\.workerConcurrency: .*64.*CONFIG_SCHEMA/],
    ['redis: { url: "redis://127.0.0.1:6379", keyPrefix: "" }', /gateway\.cdr\.redis\.keyPrefix: .*CONFIG_SCHEMA/],
    ['redis: { url: "redis://127.0.0.1:6379", retention: 3 }', /gateway\.cdr\.redis\.retention.*CONFIG_UNKNOWN_KEY/],
  ])('refuses %s', (line, error) => {
    const found = errors({ 'gateway.yaml': gateway(line) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(error);
  });

  it.each([
    ['redis://127.0.0.1:6379', true],
    ['redis://localhost', true],
    ['redis://user:pass@[::1]:6379/15', true],
    ['rediss://cdr.example.net:6380/0', true],
    ['redis://127.0.0.1:6379/db', false],
    ['redis://127.0.0.1:6379?db=2', false],
    ['redis:///tmp/redis.sock', false],
    ['tcp://127.0.0.1:6379', false],
    ['127.0.0.1:6379', false],
  ])('redis-url %s: %s', (url, valid) => expect(isRedisUrl(url)).toBe(valid));
});
