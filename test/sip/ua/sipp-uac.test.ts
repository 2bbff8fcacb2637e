// End to end on UDP 127.0.0.1: SIPp as UAS (scenarios/uas-*.xml) against the Tandem UAC. SIPp
// listens on a free port; Tandem places the calls; SIPp's exit code and successful call count
// are checked, and so is what each ClientCall reported.
import { afterEach, describe, expect, it } from 'vitest';
import { DigestClient } from '../../../src/sip/auth/index.js';
import type { ClientCall, InviteOptions } from '../../../src/sip/ua/index.js';
import { freeUdpPort, gateway, sipp, waitForUdpPort, type Gateway, type SippRun } from './sipp.js';

const SDP = 'v=0\r\no=tandem 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8\r\n';

const open: Gateway[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});

/**
 * Starts SIPp as UAS with `scenario` for `calls` calls, then places them one after the other,
 * each driven by `drive`; resolves with SIPp's run and the events of every call.
 */
async function against(
  scenario: string,
  calls: number,
  drive: (call: ClientCall, events: string[]) => void,
  options: Partial<InviteOptions> = {},
  sippArgs: readonly string[] = [],
  timeoutS = 30,
): Promise<{ run: SippRun; events: string[][]; retransmissions: number }> {
  const g = await gateway();
  open.push(g);
  const port = await freeUdpPort();
  const running = sipp(scenario, ['-i', '127.0.0.1', '-p', String(port), '-m', String(calls), ...sippArgs], timeoutS);
  await waitForUdpPort(port);
  const events: string[][] = [];
  for (let i = 0; i < calls; i++) {
    const seen: string[] = [];
    events.push(seen);
    const placed = g.ua.invite(`sip:sipp@127.0.0.1:${port}`, { from: '<sip:+15551110000@127.0.0.1>', sdp: SDP, ...options });
    if (!placed.ok) throw placed.error;
    const call = placed.value;
    call.on('provisional', (p) => seen.push(`provisional ${p.status}${p.reliable ? ' reliable' : ''}`));
    call.on('answered', (r) => seen.push(`answered ${r.status}`));
    call.on('failed', (e) => seen.push(`failed ${e.status}`));
    const ended = new Promise<void>((resolve) =>
      call.on('terminated', (t) => {
        seen.push(`terminated ${t.cause}`);
        resolve();
      }),
    );
    drive(call, seen);
    await ended;
  }
  const run = await running;
  return { run, events, retransmissions: g.retransmissions() };
}

const hangUpSoon = (call: ClientCall): void => {
  call.on('answered', () => setTimeout(() => call.bye(), 50));
};

describe('SIPp as UAS, Tandem as UAC', () => {
  it('INVITE/100/180/200/ACK/BYE', async () => {
    const { run, events } = await against('uas-call.xml', 2, hangUpSoon);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(events).toEqual([
      ['provisional 180', 'answered 200', 'terminated local-bye'],
      ['provisional 180', 'answered 200', 'terminated local-bye'],
    ]);
  }, 40_000);

  it('CANCEL before the answer, with a Reason header', async () => {
    const { run, events } = await against('uas-cancel.xml', 2, (call) => {
      call.on('provisional', () => call.cancel({ reason: [{ protocol: 'Q.850', cause: 16, params: [] }] }));
    });
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(events).toEqual([
      ['provisional 180', 'failed 487', 'terminated cancelled'],
      ['provisional 180', 'failed 487', 'terminated cancelled'],
    ]);
  }, 40_000);

  it('486 (Busy Here): failed with the status, the ACK sent by the transaction', async () => {
    const { run, events } = await against('uas-486.xml', 2, () => undefined);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(events).toEqual([
      ['failed 486', 'terminated failed'],
      ['failed 486', 'terminated failed'],
    ]);
  }, 40_000);

  it('PRACK for a reliable 183, then 200/ACK/BYE', async () => {
    const { run, events } = await against('uas-prack.xml', 2, hangUpSoon);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(events).toEqual([
      ['provisional 183 reliable', 'answered 200', 'terminated local-bye'],
      ['provisional 183 reliable', 'answered 200', 'terminated local-bye'],
    ]);
  }, 40_000);

  it('re-INVITE with a new offer: 200 with the answer, ACK, then BYE', async () => {
    const answers: string[] = [];
    const { run, events } = await against('uas-reinvite.xml', 2, (call) => {
      call.on('answered', () => {
        void call.reinvite({ sdp: SDP.replace('6000', '6004') }).then((result) => {
          answers.push(result.ok ? (/m=audio \d+/.exec(Buffer.from(result.value.body.sdp ?? []).toString())?.[0] ?? '') : result.error.code);
          call.bye();
        });
      });
    });
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(answers).toEqual(['m=audio 7002', 'm=audio 7002']);
    expect(events.map((e) => e.at(-1))).toEqual(['terminated local-bye', 'terminated local-bye']);
  }, 40_000);

  it('401 with an MD5 challenge: the INVITE again with Authorization, checked by SIPp verifyauth', async () => {
    const auth = new DigestClient({ credentials: (realm) => (realm === 'carrier.example' ? { username: 'trunk7', password: 's3cret' } : undefined) });
    const { run, events } = await against('uas-auth.xml', 2, hangUpSoon, { auth });
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([2, 0]);
    expect(events).toEqual([
      ['answered 200', 'terminated local-bye'],
      ['answered 200', 'terminated local-bye'],
    ]);
  }, 40_000);

  it('401 answered with a wrong password: SIPp verifyauth refuses it with 403', async () => {
    const auth = new DigestClient({ credentials: () => ({ username: 'trunk7', password: 'wrong' }) });
    const { events } = await against('uas-auth.xml', 1, hangUpSoon, { auth });
    expect(events).toEqual([['failed 403', 'terminated failed']]);
  }, 40_000);

  it('-lost 10: 30 calls to a SIPp that loses a tenth of the messages all complete', async () => {
    const { run, events, retransmissions } = await against('uas-call.xml', 30, hangUpSoon, {}, ['-lost', '10', '-d', '4000'], 90);
    expect(run.code, run.diagnostics).toBe(0);
    expect([run.successful, run.failed], run.diagnostics).toEqual([30, 0]);
    expect(events.filter((e) => e.includes('answered 200') && e.at(-1) === 'terminated local-bye')).toHaveLength(30);
    // With 1 in 10 lost, 30 calls without a single retransmission would be a 1-in-10^4 event.
    expect(retransmissions).toBeGreaterThan(0);
  }, 120_000);
});
