import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { err, ok, type Result } from '../../src/core/result.js';

function parsePort(text: string): Result<number, string> {
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port < 65536 ? ok(port) : err(`bad port: ${text}`);
}

describe('Result', () => {
  it('ok() carries the value and narrows on ok === true', () => {
    const r = parsePort('5060');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBe(5060);
  });

  it('err() carries the error and narrows on ok === false', () => {
    const r = parsePort('sip');
    expect(r).toEqual({ ok: false, error: 'bad port: sip' });
  });

  it('round-trips any value or error unchanged', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const good = ok(x);
        const bad = err(x);
        return good.ok && Object.is(good.value, x) && !bad.ok && Object.is(bad.error, x);
      }),
    );
  });
});
