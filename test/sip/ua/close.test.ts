// UserAgent.close() (what the SIP stack does on shutdown): calls in progress with timers that
// send — a 2xx retransmitted until its ACK, a reliable provisional until its PRACK, a BYE's
// Timer E, an INVITE's Timer A, the session timer — send nothing once the UA is closed.
import { describe, expect, it } from 'vitest';
import type { ClientCall, UserAgent } from '../../../src/sip/ua/index.js';
import { describe as what, Wire } from './wire.js';

const SDP = 'v=0\r\no=x 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n';

/** G (the UA under test, session timer 90 s) with four calls whose timers all have something to send. */
async function busy(): Promise<{ wire: Wire; g: UserAgent; fromG: () => string[] }> {
  const wire = new Wire();
  const g = wire.ua('G', { sessionTimer: { interval: 90 } });
  const a = wire.ua('A');
  wire.peer('P'); // never answers
  g.on('invite', (call) => {
    if (call.invite.message.kind === 'request' && call.invite.message.uri.includes('ring')) call.progress(183, { reliable: true, sdp: SDP });
    else call.answer({ sdp: SDP });
  });
  a.on('invite', (call) => call.answer({ sdp: SDP }));
  wire.drop = (m, from, to) => {
    const line = what(m);
    if (from === 'A' && to === 'G' && (line.startsWith('ACK') || line.startsWith('PRACK'))) return true; // 2xx and 183 wait
    return from === 'A' && to === 'G' && /^\d+ \(BYE/.test(line); // the BYE waits for its 200
  };
  const placed = (r: ReturnType<UserAgent['invite']>): ClientCall => {
    if (!r.ok) throw r.error;
    return r.value;
  };
  placed(a.invite('sip:answer@192.0.2.1', { from: 'sip:a@192.0.2.2', sdp: SDP }));
  placed(a.invite('sip:ring@192.0.2.1', { from: 'sip:a@192.0.2.2', sdp: SDP }));
  const out = placed(g.invite('sip:a@192.0.2.2', { from: 'sip:g@192.0.2.1', sdp: SDP }));
  placed(g.invite('sip:p@192.0.2.3', { from: 'sip:g@192.0.2.1', sdp: SDP }));
  await wire.run(100);
  expect(out.bye().ok).toBe(true);
  await wire.run(100);
  const fromG = (): string[] => wire.trace().filter((l) => l.includes('  G>'));
  return { wire, g, fromG };
}

describe('UserAgent.close()', () => {
  it('without close(), G keeps sending as time passes (the control)', async () => {
    const { wire, fromG } = await busy();
    const before = fromG().length;
    await wire.run(10 * 60_000);
    const later = fromG().slice(before).map((l) => l.replace(/^ *\d+ {2}/, ''));
    expect(new Set(later)).toEqual(
      new Set(['G>A 200 (INVITE 1)', 'G>A 183 (INVITE 1)', 'G>A BYE 2', 'G>P INVITE 1', 'G>A 504 (INVITE 1)', 'G>A BYE 1']),
    );
  });

  it('stops every timer that would send: advancing the clock sends nothing', async () => {
    const { wire, g, fromG } = await busy();
    expect([g.callCount, g.dialogCount]).toEqual([3, 2]); // answered, ringing (early), calling P; the BYE's call has ended
    expect(g.transactionCount).toBeGreaterThanOrEqual(4);
    const before = fromG();
    // every machine of G (transactions, 2xx retransmitter, reliable provisional, session timer) stops: none runs a transition any more
    const machinesOfG = (): number => wire.fsmLog.filter((l) => / {2}G /.test(l)).length;
    g.close();
    const transitions = machinesOfG();
    expect(transitions).toBeGreaterThan(0);
    expect([g.callCount, g.dialogCount, g.transactionCount]).toEqual([0, 0, 0]);
    await wire.run(10 * 60_000);
    expect(fromG()).toEqual(before);
    expect(machinesOfG()).toBe(transitions);
    g.close();
  });

  it('after close(), a new call fails (caused by GW_ERR_TX_CLOSED) and sends nothing', async () => {
    const { wire, g, fromG } = await busy();
    g.close();
    const before = fromG();
    const r = g.invite('sip:a@192.0.2.2', { from: 'sip:g@192.0.2.1', sdp: SDP });
    if (!r.ok) throw r.error;
    let failed: string | undefined;
    r.value.on('terminated', (t) => (failed = `${t.cause} ${t.error?.code ?? ''} ${(t.error?.cause as { code?: string } | undefined)?.code ?? ''}`));
    await wire.run(1000);
    expect(failed).toBe('failed GW_ERR_SIP_UA_REQUEST_FAILED GW_ERR_TX_CLOSED');
    expect(fromG()).toEqual(before);
  });
});
