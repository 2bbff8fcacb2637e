// The pure parts of call control: routes and number rules, mapping defaults, overlap completion,
// timer values per trunk group, SDP helpers, and the logger interface a pino logger satisfies.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { RouteConfig } from '../../../src/config/index.js';
import type { CallLogger } from '../../../src/interworking/call/index.js';
import { isComplete, isEnough } from '../../../src/interworking/call/overlap.js';
import { applyNumberRules, DEFAULT_MAPPING, findRoute, mappingFor, targetsOf } from '../../../src/interworking/call/routing.js';
import { circuitOffer, codecOf } from '../../../src/interworking/call/sdp.js';
import { callTimers } from '../../../src/interworking/call/timers.js';
import { CODEC_ROWS } from '../../../src/interworking/mapping/index.js';
import { gateway } from './harness.js';

const route = (name: string, match: string, from?: string[]): RouteConfig => ({
  name,
  match,
  ...(from === undefined ? {} : { from }),
  to: [{ kind: 'trunkGroup', name: 'e1' }, { kind: 'peer', name: 'pbx' }],
  failoverCauses: [],
});

describe('routing', () => {
  const routes = [route('only-pbx', '^\\+49', ['pbx']), route('any', '^\\+')];
  it('takes the first route whose from and match fit', () => {
    expect(findRoute(routes, 'pbx', '+4930')?.name).toBe('only-pbx');
    expect(findRoute(routes, 'carrier', '+4930')?.name).toBe('any');
    expect(findRoute(routes, 'pbx', '030')).toBeUndefined();
    expect(targetsOf(routes[0] as RouteConfig, 'peer')).toEqual(['pbx']);
  });

  it('applies the number rules of a field in order, $1 included', () => {
    const rules = [
      { field: 'called' as const, match: '^0([1-9][0-9]+)$', replace: '+49$1' },
      { field: 'both' as const, match: '^\\+4930', replace: '+49-30-' },
      { field: 'calling' as const, match: '^0', replace: 'x' },
    ];
    expect(applyNumberRules('030123', rules, 'called')).toBe('+49-30-123');
    expect(applyNumberRules('030123', rules, 'calling')).toBe('x30123');
  });

  it('gives a peer’s URIs the peer’s host unless its own settings name a style', () => {
    const g = gateway();
    const pbx = g.config.peers.find((p) => p.name === 'pbx');
    expect(mappingFor(undefined, 'pbx', pbx).style.host).toBe('192.0.2.2');
    expect(mappingFor(undefined, 'e1').style.host).toBe(DEFAULT_MAPPING.style.host);
    const own = { byName: { pbx: { style: { scheme: 'tel' as const, host: 'x', phoneContext: '+1' }, trusted: true } } };
    expect(mappingFor(own, 'pbx', pbx)).toMatchObject({ trusted: true, style: { scheme: 'tel', host: 'x' }, plan: DEFAULT_MAPPING.plan });
  });
});

describe('overlap', () => {
  const rule = { minDigits: 4, maxDigits: 8, complete: '11[02]' };
  it.each([
    ['301', undefined, true],
    ['301', rule, false],
    ['301F', rule, true],
    ['30123456', rule, true],
    ['112', rule, true],
    ['1123', rule, false],
  ])('%s under %j is complete: %s', (digits, r, want) => {
    expect(isComplete(digits, r)).toBe(want);
  });
  it('on T35 sends numbers of at least the minimum', () => {
    expect([isEnough('301', rule), isEnough('3012', rule), isEnough('301F', rule), isEnough('3', undefined)]).toEqual([false, true, false, true]);
  });
});

describe('timers and SDP', () => {
  it('uses a trunk group’s overrides, and the Q.764 defaults elsewhere', () => {
    const g = gateway();
    expect(callTimers(g.config.trunkGroups.find((t) => t.name === 'e1b'))).toEqual({ T1: 15_000, T5: 300_000, T7: 30_000, T9: 180_000, T11: 15_000, T35: 15_000 });
    expect(callTimers(undefined).T7).toBe(20_000);
  });

  it('offers the codecs of a bearer in order, and names the first codec of a description', () => {
    const offer = circuitOffer(CODEC_ROWS);
    expect(offer).toContain('m=audio 9 RTP/AVP 8 0 97');
    expect(offer).toContain('a=rtpmap:97 CLEARMODE/8000');
    expect(codecOf(offer)).toBe('PCMA');
    expect(codecOf('v=0\r\nm=audio 4000 RTP/AVP 18\r\n')).toBe('G729');
    expect(codecOf(undefined)).toBeUndefined();
    expect(codecOf('garbage')).toBeUndefined();
  });

  it('names the codec of each description read in turn, the same text twice or one after another', () => {
    const g729 = 'v=0\r\nm=audio 4000 RTP/AVP 18\r\n';
    const pcmu = 'v=0\r\nm=audio 4000 RTP/AVP 0 8\r\n';
    expect([codecOf(g729), codecOf(g729), codecOf(pcmu), codecOf(g729), codecOf('garbage'), codecOf(pcmu), codecOf(pcmu)]).toEqual(['G729', 'G729', 'PCMU', 'G729', undefined, 'PCMU', 'PCMU']);
    expect(codecOf(new TextEncoder().encode(g729))).toBe('G729');
    expect(codecOf(pcmu)).toBe('PCMU');
  });
});

describe('CallLogger', () => {
  it('is satisfied by a pino logger: a call’s child names the call on every line', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const log: CallLogger = pino({ level: 'debug', base: null, timestamp: false }, sink);
    log.child({ callKey: 'k1' }).info({ cic: 3 }, 'IAM disregarded');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([{ level: 30, callKey: 'k1', cic: 3, msg: 'IAM disregarded' }]);
  });
});
