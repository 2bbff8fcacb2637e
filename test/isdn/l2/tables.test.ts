// docs/isdn-l2.md prints the declared tables; this keeps the page and the code in step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printTable, tableProblems } from '../../../src/core/fsm.js';
import { DATA_LINK_FSM, TEI_USER_FSM } from '../../../src/isdn/l2/index.js';

const doc = readFileSync(new URL('../../../docs/isdn-l2.md', import.meta.url), 'utf8');

describe('layer 2 tables', () => {
  it.each([
    ['q921', tableProblems(DATA_LINK_FSM), printTable(DATA_LINK_FSM)],
    ['tei-te', tableProblems(TEI_USER_FSM), printTable(TEI_USER_FSM)],
  ])('%s is sound and printed in docs/isdn-l2.md', (_, problems, printed) => {
    expect(problems).toEqual([]);
    expect(doc).toContain(printed);
  });

  it('the data link table has the eight Q.921 states', () => {
    expect(Object.keys(DATA_LINK_FSM.states)).toEqual([
      'TEI unassigned',
      'assign awaiting TEI',
      'establish awaiting TEI',
      'TEI assigned',
      'awaiting establishment',
      'awaiting release',
      'multiple frame established',
      'timer recovery',
    ]);
  });
});
