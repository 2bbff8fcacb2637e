// Dialogs (RFC 3261 §12): state built from the dialog-creating request and response at the UAC
// and the UAS, route sets, CSeq, target refresh, the requests sent within the dialog, and the
// DIALOG_FSM transcript.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { formatFsmRecord, tableProblems } from '../../../src/core/fsm.js';
import { uacDialogInit, uasDialogInit, Dialog, type DialogInit } from '../../../src/sip/dialog/dialog.js';
import { DIALOG_FSM } from '../../../src/sip/dialog/dialog.fsm.js';
import { fieldValues, formatUri, parseMessage, parseUri, type SipMessage, type SipRequest, type SipResponse } from '../../../src/sip/message/index.js';
import { octets, valueOf, wire } from '../helpers.js';

const parse = (lines: readonly string[]): SipMessage => valueOf(parseMessage(octets(wire(lines))));

const invite = parse([
  'INVITE sip:bob@192.0.2.2 SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1',
  'Max-Forwards: 70',
  'From: "Alice" <sip:alice@192.0.2.1>;tag=a1',
  'To: <sip:bob@192.0.2.2>',
  'Call-ID: dlg-1',
  'CSeq: 7 INVITE',
  'Contact: <sip:alice@192.0.2.1:5060>',
  'Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>',
  'Content-Length: 0',
]) as SipRequest;

const ok200 = parse([
  'SIP/2.0 200 OK',
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1',
  'From: "Alice" <sip:alice@192.0.2.1>;tag=a1',
  'To: <sip:bob@192.0.2.2>;tag=b1',
  'Call-ID: dlg-1',
  'CSeq: 7 INVITE',
  'Contact: <sip:bob@192.0.2.2:5070>',
  'Record-Route: <sip:p1.example.com;lr>',
  'Record-Route: <sip:p2.example.com;lr>',
  'Content-Length: 0',
]) as SipResponse;

function dialog(init: DialogInit, log: string[] = []): Dialog {
  const clock = new FakeClock();
  return new Dialog(init, { clock, log: (r) => log.push(formatFsmRecord(r)), dialogTerminated: () => log.push('terminated') });
}

describe('dialogs (RFC 3261 §12)', () => {
  it('has a sound table', () => {
    expect(tableProblems(DIALOG_FSM)).toEqual([]);
  });

  it('UAC (§12.1.2): tags from From and To, route set reversed, remote target from the Contact, local CSeq of the INVITE', () => {
    const init = valueOf(uacDialogInit(invite, ok200));
    expect(init.id).toEqual({ callId: 'dlg-1', localTag: 'a1', remoteTag: 'b1' });
    expect(init.routeSet.map((r) => formatUri(r.uri))).toEqual(['sip:p2.example.com;lr', 'sip:p1.example.com;lr']);
    expect(formatUri(init.remoteTarget)).toBe('sip:bob@192.0.2.2:5070');
    expect([init.localSeq, init.remoteSeq, init.secure]).toEqual([7, undefined, false]);
  });

  it('UAS (§12.1.1): route set in order, remote CSeq of the INVITE, local CSeq empty, the chosen To tag', () => {
    const init = valueOf(uasDialogInit(invite, 'b9'));
    expect(init.id).toEqual({ callId: 'dlg-1', localTag: 'b9', remoteTag: 'a1' });
    expect(init.routeSet.map((r) => formatUri(r.uri))).toEqual(['sip:p1.example.com;lr', 'sip:p2.example.com;lr']);
    expect(formatUri(init.remoteTarget)).toBe('sip:alice@192.0.2.1:5060');
    expect([init.localSeq, init.remoteSeq]).toEqual([undefined, 7]);
    const noContact = { ...invite, headers: invite.headers.filter((h) => h.name !== 'Contact') };
    expect(uasDialogInit(noContact, 'b9')).toMatchObject({ ok: false, error: { code: 'SIP_MISSING_HEADER' } });
  });

  it('requests within the dialog: loose routing keeps the remote target as Request-URI; CSeq counts up', () => {
    const d = dialog(valueOf(uacDialogInit(invite, ok200)));
    const bye = d.request('BYE', d.nextCSeq());
    expect(bye.uri).toBe('sip:bob@192.0.2.2:5070');
    expect(formatUri(bye.nextHop)).toBe('sip:p2.example.com;lr');
    const h = (name: string): string[] => fieldValues(bye.headers, name);
    expect([h('From'), h('To'), h('CSeq'), h('Route')]).toEqual([
      ['"Alice" <sip:alice@192.0.2.1>;tag=a1'],
      ['<sip:bob@192.0.2.2>;tag=b1'],
      ['8 BYE'],
      ['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>'],
    ]);
    expect(fieldValues(d.request('ACK', 7).headers, 'CSeq')).toEqual(['7 ACK']);
  });

  it('the UAS starts its own CSeq at 1, and refuses a remote CSeq lower than the last (§12.2.2)', () => {
    const d = dialog(valueOf(uasDialogInit(invite, 'b9')));
    expect(d.nextCSeq()).toBe(1);
    expect([d.acceptRemoteCSeq(6), d.acceptRemoteCSeq(8), d.acceptRemoteCSeq(8), d.acceptRemoteCSeq(7)]).toEqual([false, true, true, false]);
    expect(d.remoteSeq).toBe(8);
  });

  it('early -> confirmed with the 2xx route set and target (§13.2.2.4), target refresh, BYE; the transcript', () => {
    const early = { ...ok200, status: 180, headers: ok200.headers.filter((h) => h.name !== 'Record-Route') };
    const log: string[] = [];
    const d = dialog(valueOf(uacDialogInit(invite, early)), log);
    expect(d.routeSet).toEqual([]);
    d.provisional();
    d.confirm({ routeSet: valueOf(uacDialogInit(invite, ok200)).routeSet });
    expect(d.routeSet).toHaveLength(2);
    d.refreshTarget(valueOf(parseUri('sip:bob@192.0.2.9')));
    expect(formatUri(d.remoteTarget)).toBe('sip:bob@192.0.2.9');
    d.confirm();
    d.bye();
    d.refreshTarget(undefined);
    expect(d.state).toBe('Terminated');
    expect(log).toEqual([
      'dialog(dlg-1;a1;b1) (start) --dialog-creating response--> Early',
      'dialog(dlg-1;a1;b1) Early --1xx--> Early',
      'dialog(dlg-1;a1;b1) Early --2xx--> Confirmed',
      'dialog(dlg-1;a1;b1) Confirmed --target refresh--> Confirmed',
      'dialog(dlg-1;a1;b1) Confirmed --2xx-- rejected: GW_ERR_FSM_UNDECLARED_EVENT',
      'dialog(dlg-1;a1;b1) Confirmed --BYE--> Terminated',
      'terminated',
      'dialog(dlg-1;a1;b1) Terminated --target refresh-- rejected: GW_ERR_FSM_UNDECLARED_EVENT',
    ]);
  });

  it('requests go to the remote target exactly as received, parameters, escapes and headers included (kept as text)', () => {
    const noRoute = { ...invite, headers: invite.headers.filter((h) => h.name !== 'Record-Route') };
    const d = dialog(valueOf(uasDialogInit(noRoute, 'b9')));
    for (const text of ['sip:%62ob@[2001:db8::1]:5070;transport=tcp;lr?X-A=1', 'sips:+15551230000@gw.example.net;user=phone', 'tel:+15551230000;phone-context=example.net']) {
      const target = valueOf(parseUri(text));
      d.refreshTarget(target);
      expect(d.remoteTarget).toEqual(target);
      const request = d.request('INFO', d.nextCSeq());
      expect(request.uri).toBe(formatUri(target));
      expect(request.nextHop).toEqual(target);
    }
  });

  it('an early dialog ends with a 300-699 or a failure', () => {
    for (const end of ['reject', 'fail'] as const) {
      const d = dialog(valueOf(uacDialogInit(invite, ok200)));
      d[end]();
      expect(d.state).toBe('Terminated');
    }
  });
});
