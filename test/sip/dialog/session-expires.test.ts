// Session-Expires and Min-SE (RFC 4028 §4, §5) and the negotiation at the UAC (§7), at the UAS
// (§9) and after a 422 (§7.4), row by row.
import { describe, expect, it } from 'vitest';
import {
  after422,
  formatSessionExpires,
  parseMinSE,
  parseSessionExpires,
  requestSessionHeaders,
  uacSessionInterval,
  uasSessionDecision,
  type SessionTimerConfig,
} from '../../../src/sip/dialog/session-expires.js';
import type { HeaderField } from '../../../src/sip/message/index.js';

const h = (...pairs: [string, string][]): HeaderField[] => pairs.map(([name, value]) => ({ name, value }));

describe('Session-Expires and Min-SE', () => {
  it('parses and formats', () => {
    expect(parseSessionExpires('1800;refresher=UAC;x=1')).toEqual({ ok: true, value: { interval: 1800, refresher: 'uac', params: [{ name: 'x', value: '1' }] } });
    expect(parseSessionExpires(' 90 ')).toEqual({ ok: true, value: { interval: 90, params: [] } });
    expect(formatSessionExpires({ interval: 90, refresher: 'uas', params: [] })).toBe('90;refresher=uas');
    expect(parseMinSE('120;x')).toEqual({ ok: true, value: 120 });
  });

  it.each(['0', 'x', '90;refresher=proxy', '90;;', ''])('rejects Session-Expires %j', (value) => {
    expect(parseSessionExpires(value)).toMatchObject({ ok: false, error: { code: 'SIP_BAD_HEADER', header: 'Session-Expires' } });
  });

  it('rejects a malformed Min-SE', () => {
    expect(parseMinSE('soon')).toMatchObject({ ok: false, error: { header: 'Min-SE' } });
  });
});

describe('negotiation', () => {
  const config = (interval: number | undefined, minSE = 90): SessionTimerConfig => (interval === undefined ? { minSE } : { interval, minSE });

  it('UAC request headers: the configured interval, or the agreed one with our role', () => {
    expect(requestSessionHeaders(config(undefined), undefined)).toEqual([]);
    expect(requestSessionHeaders(config(1800), undefined)).toEqual(h(['Session-Expires', '1800'], ['Min-SE', '90']));
    expect(requestSessionHeaders(config(undefined), { interval: 600, refresher: 'local' })).toEqual(h(['Session-Expires', '600;refresher=uac'], ['Min-SE', '90']));
    expect(requestSessionHeaders(config(1800), { interval: 600, refresher: 'remote' })[0]?.value).toBe('600;refresher=uas');
  });

  it('UAC reads the 2xx: refresher uac is us, uas the peer, none us; no Session-Expires, no timer', () => {
    expect(uacSessionInterval(h(['Session-Expires', '600;refresher=uac']))).toEqual({ ok: true, value: { interval: 600, refresher: 'local' } });
    expect(uacSessionInterval(h(['Session-Expires', '600;refresher=uas']))).toEqual({ ok: true, value: { interval: 600, refresher: 'remote' } });
    expect(uacSessionInterval(h(['x', '600']))).toEqual({ ok: true, value: { interval: 600, refresher: 'local' } });
    expect(uacSessionInterval([])).toEqual({ ok: true, value: undefined });
  });

  it('after a 422, the Min-SE it names', () => {
    expect(after422(config(120), h(['Min-SE', '300']))).toEqual({ interval: 300, minSE: 300 });
    expect(after422(config(1800), h(['Min-SE', '300']))).toEqual({ interval: 1800, minSE: 300 });
    expect(after422(config(120), [])).toBeUndefined();
  });

  const rows: [string, HeaderField[], SessionTimerConfig, unknown][] = [
    ['too small: 422 with our Min-SE', h(['Session-Expires', '60'], ['Supported', 'timer']), config(undefined, 90), { kind: 'too-small', minSE: 90 }],
    [
      'the UAC supports timer and names no refresher: it refreshes',
      h(['Session-Expires', '1800'], ['Supported', '100rel, timer']),
      config(undefined),
      { kind: 'accept', session: { interval: 1800, refresher: 'remote' }, headers: h(['Session-Expires', '1800;refresher=uac'], ['Require', 'timer']) },
    ],
    [
      'the UAC names us as refresher',
      h(['Session-Expires', '1800;refresher=uas'], ['Supported', 'timer']),
      config(undefined),
      { kind: 'accept', session: { interval: 1800, refresher: 'local' }, headers: h(['Session-Expires', '1800;refresher=uas'], ['Require', 'timer']) },
    ],
    [
      'a proxy added Session-Expires for a UAC without timer: we refresh, no Require',
      h(['Session-Expires', '1800']),
      config(undefined),
      { kind: 'accept', session: { interval: 1800, refresher: 'local' }, headers: h(['Session-Expires', '1800;refresher=uas']) },
    ],
    [
      'we want less than asked: lowered, not below the request Min-SE',
      h(['Session-Expires', '1800'], ['Min-SE', '600'], ['Supported', 'timer']),
      config(300),
      { kind: 'accept', session: { interval: 600, refresher: 'remote' }, headers: h(['Session-Expires', '600;refresher=uac'], ['Require', 'timer']) },
    ],
    [
      'the UAC asks nothing, we want a timer: we refresh',
      h(['Supported', 'timer']),
      config(120),
      { kind: 'accept', session: { interval: 120, refresher: 'local' }, headers: h(['Session-Expires', '120;refresher=uas'], ['Require', 'timer']) },
    ],
    ['nobody asks: no timer', [], config(undefined), { kind: 'accept', headers: [] }],
  ];
  it.each(rows)('UAS: %s', (_, request, cfg, decision) => {
    expect(uasSessionDecision(request, cfg)).toEqual({ ok: true, value: decision });
  });

  it('UAS: a malformed Session-Expires is an error', () => {
    expect(uasSessionDecision(h(['Session-Expires', 'soon']), config(undefined))).toMatchObject({ ok: false });
  });
});
