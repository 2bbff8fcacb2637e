// P→S media: the SIP callee's SDP answer (RFC 3264) in a 183 or the 200 reaches the circuit's
// bearer through the optional MediaSession.setRemote of the span driver port; a driver without it
// is not told, and an SDP the driver cannot use is logged while the call goes on.
import { describe, expect, it } from 'vitest';
import type { MediaSession } from '../../../src/drivers/port.js';
import type { SimMediaSession } from '../../../src/drivers/sim/sim-exchange.js';
import { gateway, SDP_PBX, type Gateway } from './harness.js';

const SDP_EARLY = 'v=0\r\no=pbx 1 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\nm=audio 7000 RTP/AVP 8\r\n';

/** The media sessions the exchange opens, as the gateway gets them (`strip`: without setRemote, as a driver that lacks it). */
function sessionsOf(g: Gateway, strip = false): SimMediaSession[] {
  const sessions: SimMediaSession[] = [];
  const open = g.sim.openMedia.bind(g.sim);
  g.tap.openMedia = async (cic, offer) => {
    const r = await open(cic, offer);
    if (!r.ok) return r;
    sessions.push(r.value);
    if (!strip) return r;
    const { answer } = r.value;
    const bare: MediaSession = { answer, close: () => r.value.close() };
    return { ok: true, value: bare };
  };
  return sessions;
}

describe('P→S: the callee’s SDP answer reaches the circuit', () => {
  it('from the 200', async () => {
    const g = gateway();
    const sessions = sessionsOf(g);
    g.pbx.on('invite', (c) => {
      c.progress(180);
      g.clock.setTimer(100, () => void c.answer({ sdp: SDP_PBX }));
    });
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(100);
    expect(sessions[0]?.remote).toBeUndefined();
    await g.run(200);
    expect(g.control.calls()[0]?.state).toBe('Answered');
    expect(sessions.map((s) => s.remote)).toEqual([{ address: '192.0.2.2', port: 4000, payloadType: 8 }]);
  });

  it('from a 183 with SDP, then the 200 (the same answer again, RFC 3264)', async () => {
    const g = gateway();
    const sessions = sessionsOf(g);
    g.pbx.on('invite', (c) => {
      c.progress(183, { sdp: SDP_EARLY });
      g.clock.setTimer(100, () => void c.answer({ sdp: SDP_EARLY }));
    });
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(60);
    expect(sessions.map((s) => s.remote)).toEqual([{ address: '203.0.113.5', port: 7000, payloadType: 8 }]);
    await g.run(200);
    expect(g.control.calls()[0]?.state).toBe('Answered');
    expect(sessions.map((s) => s.remote)).toEqual([{ address: '203.0.113.5', port: 7000, payloadType: 8 }]);
  });

  it('a driver without setRemote: the call is answered as before', async () => {
    const g = gateway();
    const sessions = sessionsOf(g, true);
    g.pbx.on('invite', (c) => void c.answer({ sdp: SDP_PBX }));
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(200);
    expect(g.control.calls()[0]?.state).toBe('Answered');
    expect(sessions.map((s) => s.remote)).toEqual([undefined]);
    expect(g.trace.some((l) => l.includes('GW>sim CON'))).toBe(true);
  });

  it('an SDP answer the driver cannot use is logged, and the call goes on', async () => {
    const g = gateway();
    sessionsOf(g);
    const unusable = 'v=0\r\no=pbx 1 1 IN IP4 192.0.2.2\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 8\r\n';
    g.pbx.on('invite', (c) => void c.answer({ sdp: unusable }));
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(200);
    expect(g.control.calls()[0]?.state).toBe('Answered');
    expect(g.logs.filter((l) => l.msg === 'remote SDP not used by the circuit').map((l) => (l.obj.err as { code: string }).code)).toEqual(['GW_ERR_DRIVER_MEDIA']);
  });
});
