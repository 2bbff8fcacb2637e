// gateway.sip.strangers: how requests from sources no peer's acl admits are answered (docs/configuration.md).
import { describe, expect, it } from 'vitest';
import { config, errors } from './helpers.js';

const gateway = (line: string) => `gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      udp: [127.0.0.1:5060]\n    ${line}\n  cdr:\n    spoolDir: cdr\n`;

describe('gateway.sip.strangers', () => {
  it('rejects (403) by default', () => {
    expect(config().gateway.sip.strangers).toBe('reject');
  });

  it.each(['reject', 'drop'])('takes strangers: %s as written', (value) => {
    expect(config({ 'gateway.yaml': gateway(`strangers: ${value}`) }).gateway.sip.strangers).toBe(value);
  });

  it.each([
    ['strangers: ignore', /gateway\.sip\.strangers: .*reject.*drop.*CONFIG_SCHEMA/],
    ['strangers: true', /gateway\.sip\.strangers: .*CONFIG_SCHEMA/],
    ['stranger: drop', /gateway\.sip\.stranger.*CONFIG_UNKNOWN_KEY/],
  ])('refuses %s', (line, error) => {
    const found = errors({ 'gateway.yaml': gateway(line) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(error);
  });
});
