// In-dialog routing (RFC 3261 §12.2.1.1, §16.12.1.2): empty route set, loose routing (lr), strict
// routing (the first entry becomes the Request-URI, the remote target goes last), and the route
// set from Record-Route at the UAC (reversed) and the UAS.
import { describe, expect, it } from 'vitest';
import { isLooseRoute, routeFields, routeRequest, routeSetOf } from '../../../src/sip/dialog/route-set.js';
import { formatNameAddr, formatUri, parseRoute, parseUri, type NameAddr } from '../../../src/sip/message/index.js';
import { valueOf } from '../helpers.js';

const target = valueOf(parseUri('sip:bob@192.0.2.2:5070'));
const routes = (text: string): NameAddr[] => valueOf(parseRoute(text));
const show = (r: ReturnType<typeof routeRequest>): string[] => [formatUri(r.requestUri), r.route.map(formatNameAddr).join(', '), formatUri(r.nextHop)];

describe('route sets', () => {
  it('empty: straight to the remote target', () => {
    expect(show(routeRequest([], target))).toEqual(['sip:bob@192.0.2.2:5070', '', 'sip:bob@192.0.2.2:5070']);
  });

  it('loose (lr): the remote target stays the Request-URI; the first route is the next hop', () => {
    const set = routes('<sip:p1.example.com;lr>, <sip:p2.example.com;lr>');
    expect(isLooseRoute(set[0] as NameAddr)).toBe(true);
    expect(show(routeRequest(set, target))).toEqual(['sip:bob@192.0.2.2:5070', '<sip:p1.example.com;lr>, <sip:p2.example.com;lr>', 'sip:p1.example.com;lr']);
  });

  it('strict: the first route becomes the Request-URI (without method and headers), the remote target the last Route', () => {
    const set = routes('<sip:p1.example.com;method=INVITE?x=y>, <sip:p2.example.com;lr>');
    expect(isLooseRoute(set[0] as NameAddr)).toBe(false);
    expect(show(routeRequest(set, target))).toEqual(['sip:p1.example.com', '<sip:p2.example.com;lr>, <sip:bob@192.0.2.2:5070>', 'sip:p1.example.com']);
  });

  it('from Record-Route: reversed at the UAC, in order at the UAS; written back one Route per entry', () => {
    const headers = [
      { name: 'Record-Route', value: '<sip:a;lr>, <sip:b;lr>' },
      { name: 'Record-Route', value: '<sip:c;lr>' },
    ];
    expect(valueOf(routeSetOf(headers, 'uac')).map((r) => formatUri(r.uri))).toEqual(['sip:c;lr', 'sip:b;lr', 'sip:a;lr']);
    expect(valueOf(routeSetOf(headers, 'uas')).map((r) => formatUri(r.uri))).toEqual(['sip:a;lr', 'sip:b;lr', 'sip:c;lr']);
    expect(routeFields(routes('<sip:a;lr>, <sip:b;lr>'))).toEqual([
      { name: 'Route', value: '<sip:a;lr>' },
      { name: 'Route', value: '<sip:b;lr>' },
    ]);
    expect(routeSetOf([{ name: 'Record-Route', value: 'sip:no-brackets' }], 'uas')).toMatchObject({ ok: false });
  });
});
