// The simulated exchange's behaviours by called-number suffix: the rules pick them, and
// docs/operations.md lists exactly them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIM_BEHAVIOURS, SIM_DEFAULT, simRules } from '../../src/app/sim-behaviours.js';
import { behaviourFor, compileRules } from '../../src/drivers/sim/behaviour.js';

describe('sim behaviours', () => {
  const rules = compileRules(simRules());
  const pick = (digits: string) => behaviourFor(rules, digits, SIM_DEFAULT.behaviour).steps.map((s) => (s.send === 'REL' ? `REL ${s.cause}` : s.send));

  it('picks the behaviour by the last two digits', () => {
    expect(pick('49301234504')).toEqual(['REL 1']);
    expect(pick('49301234516')).toEqual(['ACM', 'ANM', 'REL 16']);
    expect(pick('49301234517')).toEqual(['REL 17']);
    expect(pick('49301234518')).toEqual(['ACM', 'ANM']);
    expect(pick('49301234519')).toEqual(['ACM']);
    expect(pick('49301234534')).toEqual(['REL 34']);
    expect(pick('49301234542')).toEqual(['REL 42']);
    expect(pick('49301234560')).toEqual(['ACM', 'ANM']);
    expect(pick('17')).toEqual(['REL 17']);
  });

  it('docs/operations.md lists every behaviour', () => {
    const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    const table = /<!-- BEGIN sim behaviours[^>]*-->\n([\s\S]*?)<!-- END sim behaviours -->/.exec(doc)?.[1] ?? '';
    const rows = table
      .split('\n')
      .slice(2)
      .filter((l) => l.startsWith('|'))
      .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
    expect(rows).toEqual([...SIM_BEHAVIOURS.map((b) => [`\`${b.suffix}\``, b.what]), ['anything else (e.g. `0`)', SIM_DEFAULT.what]]);
  });
});
