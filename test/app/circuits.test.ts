// buildCircuits: the trunk-group manager's specs for pri/bri groups (circuits span*32+channel, the
// glare policy as the configuration resolved it) and one ISDN driver per group (not started).
import { describe, expect, it } from 'vitest';
import { buildCircuits } from '../../src/app/circuits.js';
import { FakeClock } from '../../src/core/clock.js';
import { config } from '../config/helpers.js';

const pri = (name: string, span: number, extra: string) =>
  `  ${name}:\n    driver: pri\n    spans: [{ span: ${span}, type: E1, channels: 1-3 }]\n    dchannel: { connect: 'tcp:127.0.0.1:4000' }\n${extra}`;

function specs(groups: string) {
  const built = buildCircuits(config({ 'isdn.yaml': `trunkGroups:\n${groups}` }), new FakeClock());
  if (!built.ok) throw new Error(built.error);
  return built.value;
}

describe('buildCircuits for ISDN groups', () => {
  it('glare as configured: fixed with the winner from side, or oddEven; circuits and one driver per group', () => {
    const c = specs(pri('net', 2, '    side: network\n') + pri('usr', 3, '    side: user\n') + pri('odd', 4, '    glare: { policy: oddEven, controls: even }\n'));
    const byName = new Map(c.groups.map((g) => [g.name, g]));
    expect(byName.get('net')?.glare).toEqual({ policy: 'fixed', winner: 'local', maxReattempts: 1 });
    expect(byName.get('usr')?.glare).toEqual({ policy: 'fixed', winner: 'remote', maxReattempts: 1 });
    expect(byName.get('odd')?.glare).toEqual({ policy: 'oddEven', controls: 'even', maxReattempts: 1 });
    expect(byName.get('net')?.circuits).toEqual([1, 2, 3].map((channel) => ({ span: 2, channel })));
    const isdn = c.drivers.filter((d) => ['net', 'usr', 'odd'].includes(d.name));
    expect(isdn.map((d) => [d.name, d.cics, d.link])).toEqual([
      ['net', [65, 66, 67], 'down'],
      ['usr', [97, 98, 99], 'down'],
      ['odd', [129, 130, 131], 'down'],
    ]);
  });
});
