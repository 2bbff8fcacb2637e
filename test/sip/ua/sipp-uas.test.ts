// End to end on UDP 127.0.0.1: SIPp as UAC against the Tandem UAS (scenarios/uac-*.xml). Each
// test runs SIPp to completion and checks its exit code and its count of successful calls.
import { afterEach, describe, expect, it } from 'vitest';
import { fieldValues } from '../../../src/sip/message/index.js';
import type { ServerCall, Termination } from '../../../src/sip/ua/index.js';
import { gateway, sipp, type Gateway } from './sipp.js';

const SDP = 'v=0\r\no=tandem 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n';

const open: Gateway[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});

/** A UAS that handles each call with `behave` and records how each call ended. */
async function uas(behave: (call: ServerCall) => void, protocol: 'UDP' | 'TCP' = 'UDP'): Promise<{ g: Gateway; ended: Termination[] }> {
  const g = await gateway({}, protocol);
  open.push(g);
  const ended: Termination[] = [];
  g.ua.on('invite', (call) => {
    call.on('terminated', (t) => ended.push(t));
    behave(call);
  });
  return { g, ended };
}

const target = (g: Gateway): string[] => [`127.0.0.1:${g.port}`, '-i', '127.0.0.1', '-p', '0', '-s', 'gw'];

describe('SIPp as UAC, Tandem as UAS', () => {
  it('INVITE/100/180/200/ACK/BYE', async () => {
    const { g, ended } = await uas((call) => {
      call.progress(180);
      setTimeout(() => call.answer({ sdp: SDP }), 50);
    });
    const run = await sipp('uac-call.xml', [...target(g), '-m', '3', '-r', '10']);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([3, 0]);
    expect(ended.map((t) => t.cause)).toEqual(['remote-bye', 'remote-bye', 'remote-bye']);
  }, 40_000);

  it('over TCP: INVITE/100/180/200/ACK/BYE, the responses on the caller\'s connection', async () => {
    const { g, ended } = await uas((call) => {
      call.progress(180);
      setTimeout(() => call.answer({ sdp: SDP }), 50);
    }, 'TCP');
    const run = await sipp('uac-call.xml', [...target(g), '-t', 't1', '-m', '3', '-r', '10']);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([3, 0]);
    expect(ended.map((t) => t.cause)).toEqual(['remote-bye', 'remote-bye', 'remote-bye']);
  }, 40_000);

  it('CANCEL before the answer: 200 to the CANCEL, 487 to the INVITE', async () => {
    const reasons: string[] = [];
    const { g, ended } = await uas((call) => {
      call.on('cancel', (cancel) => reasons.push(fieldValues(cancel.message.headers, 'Reason').join()));
      call.progress(180);
    });
    const run = await sipp('uac-cancel.xml', [...target(g), '-m', '2', '-r', '10']);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(ended.map((t) => t.cause)).toEqual(['cancelled', 'cancelled']);
    expect(reasons).toEqual(['Q.850;cause=16', 'Q.850;cause=16']);
  }, 40_000);

  it('486 (Busy Here), ACKed in the INVITE transaction', async () => {
    const { g, ended } = await uas((call) => call.reject(486, { reason: [{ protocol: 'Q.850', cause: 17, params: [] }] }));
    const run = await sipp('uac-486.xml', [...target(g), '-m', '2', '-r', '10']);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(ended.map((t) => t.cause)).toEqual(['rejected', 'rejected']);
  }, 40_000);

  it('PRACK: a reliable 183 (RSeq) acknowledged by PRACK (RAck), the 200 held back until then', async () => {
    let pracks = 0;
    const { g, ended } = await uas((call) => {
      call.on('prack', (prack) => {
        pracks++;
        prack.accept();
      });
      call.progress(183, { reliable: true, sdp: SDP });
      call.answer({ sdp: SDP });
    });
    const run = await sipp('uac-prack.xml', [...target(g), '-m', '2', '-r', '10']);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(pracks).toBe(2);
    expect(ended.map((t) => t.cause)).toEqual(['remote-bye', 'remote-bye']);
  }, 40_000);

  it('re-INVITE with a new offer, answered by the layer above', async () => {
    const offers: string[] = [];
    const { g, ended } = await uas((call) => {
      call.on('reinvite', (reinvite) => {
        offers.push(/m=audio \d+/.exec(Buffer.from(reinvite.body.sdp ?? []).toString())?.[0] ?? '');
        reinvite.accept({ sdp: SDP.replace('6000', '6002') });
      });
      call.answer({ sdp: SDP });
    });
    const run = await sipp('uac-reinvite.xml', [...target(g), '-m', '2', '-r', '10']);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(offers).toEqual(['m=audio 7000', 'm=audio 7000']);
    expect(ended.map((t) => t.cause)).toEqual(['remote-bye', 'remote-bye']);
  }, 40_000);

  it('-lost 10: SIPp loses a tenth of the messages, 30 calls still complete through retransmissions', async () => {
    const { g, ended } = await uas((call) => {
      call.progress(180);
      setTimeout(() => call.answer({ sdp: SDP }), 50);
    });
    const run = await sipp('uac-call.xml', [...target(g), '-m', '30', '-r', '10', '-l', '30', '-lost', '10'], 60);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([30, 0]);
    expect(ended.filter((t) => t.cause === 'remote-bye')).toHaveLength(30);
    // With 1 in 10 lost, 30 calls without a single retransmission would be a 1-in-10^4 event.
    expect(g.retransmissions()).toBeGreaterThan(0);
  }, 90_000);
});
