// The call events call control emits build CDRs: every call of every scenario is accepted by the
// real CdrBuilder, and each record has the disposition docs/cdr.md gives for its ending.
import { describe, expect, it } from 'vitest';
import { CdrBuilder } from '../../../src/cdr/builder.js';
import type { CdrRecord } from '../../../src/cdr/record.js';
import { answerAfter, busy, noAnswer, ringThenAnswer } from '../../../src/drivers/sim/behaviour.js';
import { call, gateway, SDP_PBX, type Gateway } from './harness.js';

function records(g: Gateway): CdrRecord[] {
  let n = 0;
  const builder = new CdrBuilder({ node: 'gw-test', newId: () => `r${++n}` });
  const out: CdrRecord[] = [];
  for (const e of g.events) {
    const r = builder.handle(e);
    if (!r.ok) throw r.error;
    out.push(...r.value);
  }
  expect(builder.openCalls).toBe(0);
  return out;
}

describe('CDRs from call events', () => {
  it('answered, busy, cancelled, timed out, refused and glare attempts, in both directions', async () => {
    const g = gateway({
      glare: { policy: 'fixed', winner: 'remote', maxReattempts: 1 },
      routes: [
        { name: 'out', from: ['pbx'], match: '^\\+49', to: [{ kind: 'trunkGroup', name: 'e1' }], failoverCauses: [] },
        { name: 'in', from: ['e1'], match: '^3', to: [{ kind: 'peer', name: 'pbx' }], failoverCauses: [] },
      ],
      sim: {
        controls: 'all',
        signallingDelayMs: 50,
        rules: [
          { called: '4930100', behaviour: ringThenAnswer(1000) },
          { called: '4930170', behaviour: busy() },
          { called: '4930190', behaviour: noAnswer() },
        ],
        defaultBehaviour: answerAfter(0),
      },
    });
    g.pbx.on('invite', (c) => g.clock.setTimer(100, () => void c.answer({ sdp: SDP_PBX })));
    g.sim.originate({ cic: 1, called: '301234', holdMs: 2000 });
    const answered = call(g.pbx, '192.0.2.2', '+4930100');
    call(g.pbx, '192.0.2.2', '+4930170');
    const cancelled = call(g.pbx, '192.0.2.2', '+4930190');
    call(g.pbx, '192.0.2.2', '1234');
    await g.run(3000);
    answered.call.bye();
    cancelled.call.cancel();
    await g.run(100_000);
    const byCall = records(g).map((r) => `${r.direction} ${r.attempt} ${r.disposition} ${r.cic ?? '-'} ${r.releaseSide} ${r.cause ?? '-'} ${r.sipStatus ?? '-'}`);
    expect(byCall.sort()).toEqual(
      [
        'pstnToSip 1 answered 1 pstn 16 200',
        'sipToPstn 1 glare 1 gateway - -',
        'sipToPstn 2 answered 4 sip 16 200',
        'sipToPstn 1 busy 2 pstn 17 486',
        'sipToPstn 1 cancelled 3 sip 16 487',
        'sipToPstn 1 refused - gateway 3 404',
      ].sort(),
    );
  });

  it('a call that rings out: disposition timedOut, timer T9', async () => {
    const g = gateway({ sim: { defaultBehaviour: noAnswer() } });
    call(g.pbx, '192.0.2.2', '+4930190');
    await g.run(91_000);
    expect(records(g)).toMatchObject([{ disposition: 'timedOut', timer: 'T9', cause: 19, sipStatus: 480, route: 'to-pstn', trunkGroup: 'e1', cic: 1, sipPeer: 'pbx', profile: 'plain' }]);
  });
});
