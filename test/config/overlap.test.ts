// The trunk-group key `overlap` (P→S overlap receiving rules): resolved as written, absent without
// it (en bloc), and its errors.
import { describe, expect, it } from 'vitest';
import { config, errors } from './helpers.js';

const sim = (...lines: string[]) => ({ 'sim.yaml': `trunkGroups:\n  sim-e1:\n    driver: sim\n    spans: [{ span: 1, type: E1 }]\n${lines.map((l) => `    ${l}\n`).join('')}` });
const simE1 = (changes: Record<string, string>) => config(changes).trunkGroups.find((g) => g.name === 'sim-e1');

describe('trunk-group overlap rules', () => {
  it('are absent without the key: the group is en bloc', () => {
    expect(simE1(sim())?.overlap).toBeUndefined();
  });

  it('are resolved as written', () => {
    expect(simE1(sim("overlap: { minDigits: 4, maxDigits: 12, complete: '39[0-9]{4}' }"))?.overlap).toEqual({ minDigits: 4, maxDigits: 12, complete: '39[0-9]{4}' });
    expect(simE1(sim('overlap: { minDigits: 1 }'))?.overlap).toEqual({ minDigits: 1 });
  });

  it.each([
    ['without minDigits', sim('overlap: { maxDigits: 8 }'), ['cfg/sim.yaml:5:14 trunkGroups.sim-e1.overlap: missing required key "minDigits" (CONFIG_SCHEMA)']],
    ['minDigits 0', sim('overlap: { minDigits: 0 }'), ['cfg/sim.yaml:5:27 trunkGroups.sim-e1.overlap.minDigits: must be between 1 and 32 (CONFIG_SCHEMA)']],
    [
      'a complete pattern that is not a regular expression',
      sim("overlap: { minDigits: 1, complete: '[0-9' }"),
      ['cfg/sim.yaml:5:40 trunkGroups.sim-e1.overlap.complete: must be a valid regular expression: /[0-9/: Unterminated character class (CONFIG_BAD_REGEX)'],
    ],
  ])('%s', (_what, changes, expected) => {
    expect(errors(changes)).toEqual(expected);
  });
});

describe('overlap on pri and bri groups', () => {
  const pri = (...lines: string[]) => ({ 'pri.yaml': `trunkGroups:\n  pri-a:\n    driver: pri\n    spans: [{ span: 2, type: E1 }]\n    dchannel: { listen: 'tcp:0.0.0.0:4000' }\n${lines.map((l) => `    ${l}\n`).join('')}` });

  it('needs Q.931 T302 above T35: at T302 expiry Q.931 clears the call with 28 before call control’s T35 (15 s)', () => {
    const because = "at T302 expiry Q.931 clears the call with cause 28 before call control's T35 (CONFIG_DEPENDENCY)";
    expect(errors(pri('overlap: { minDigits: 4 }'))).toEqual([`cfg/pri.yaml:6:5 trunkGroups.pri-a.overlap: needs q931Timers.T302 above T35 (15000 ms; T302 is 15000 ms): ${because}`]);
    expect(errors(pri('overlap: { minDigits: 4 }', 'q931Timers: { T302: 15000 }'))).toEqual([
      `cfg/pri.yaml:6:5 trunkGroups.pri-a.overlap: needs q931Timers.T302 above T35 (15000 ms; T302 is 15000 ms): ${because}`,
    ]);
    expect(errors(pri('overlap: { minDigits: 4 }', 'q931Timers: { T302: 20000 }'))).toEqual([]);
    expect(config(pri('overlap: { minDigits: 4 }', 'q931Timers: { T302: 20000 }')).trunkGroups.find((g) => g.name === 'pri-a')?.overlap).toEqual({ minDigits: 4 });
  });

  it('asks nothing of T302 without overlap', () => {
    expect(errors(pri('q931Timers: { T302: 5000 }'))).toEqual([]);
  });
});
