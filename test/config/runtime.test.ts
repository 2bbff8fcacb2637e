// gateway.runtime: the heap-growth cap, its default and range (docs/configuration.md).
import { describe, expect, it } from 'vitest';
import { config, errors } from './helpers.js';

const gateway = (...runtimeLines: string[]) =>
  `gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      udp: [127.0.0.1:5060]\n  cdr:\n    spoolDir: cdr\n  runtime:\n${runtimeLines.map((l) => `    ${l}\n`).join('')}`;

describe('gateway.runtime', () => {
  it('caps heap growth at 75 % by default', () => {
    expect(config().gateway.runtime).toEqual({ heapGrowthPercent: 75 });
  });

  it.each([0, 30, 400])('takes heapGrowthPercent: %i as written', (n) => {
    expect(config({ 'gateway.yaml': gateway(`heapGrowthPercent: ${n}`) }).gateway.runtime).toEqual({ heapGrowthPercent: n });
  });

  it.each([
    ['heapGrowthPercent: -1', /gateway\.runtime\.heapGrowthPercent: .*0.*CONFIG_SCHEMA/],
    ['heapGrowthPercent: 401', /gateway\.runtime\.heapGrowthPercent: .*400.*CONFIG_SCHEMA/],
    ['heapGrowthPercent: 7.5', /gateway\.runtime\.heapGrowthPercent: .*integer.*CONFIG_SCHEMA/],
    ['heapGrowth: 50', /gateway\.runtime\.heapGrowth.*CONFIG_UNKNOWN_KEY/],
  ])('refuses %s', (line, error) => {
    const found = errors({ 'gateway.yaml': gateway(line) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(error);
  });
});
