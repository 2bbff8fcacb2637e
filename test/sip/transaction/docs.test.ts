// docs/sip-transactions.md shows the tables and the timer values as the code has them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printTable } from '../../../src/core/fsm.js';
import { ICT_FSM } from '../../../src/sip/transaction/invite-client.fsm.js';
import { IST_FSM } from '../../../src/sip/transaction/invite-server.fsm.js';
import { NICT_FSM } from '../../../src/sip/transaction/non-invite-client.fsm.js';
import { NIST_FSM } from '../../../src/sip/transaction/non-invite-server.fsm.js';
import { SIP_TIMER_DEFAULTS, SIP_TIMERS, sipTimerInterval } from '../../../src/sip/transaction/timers.js';
import { UAS_2XX_FSM } from '../../../src/sip/transaction/uas-2xx.fsm.js';

const doc = readFileSync(new URL('../../../docs/sip-transactions.md', import.meta.url), 'utf8');

/** The timer table of the doc: RFC value, then ms with the default T1, T2, T4 on UDP and TCP. */
function timerTable(): string {
  const ms = (v: number | null): string => (v === null ? 'not run' : `${v}`);
  const rows = Object.values(SIP_TIMERS).map(
    (t) =>
      `| ${t.name} | ${t.value} | ${ms(sipTimerInterval(t.name, SIP_TIMER_DEFAULTS, false))} | ${ms(sipTimerInterval(t.name, SIP_TIMER_DEFAULTS, true))} | ${t.backoff ?? ''} | ${t.ref} | ${t.desc} |`,
  );
  return ['| timer | RFC value | UDP (ms) | TCP (ms) | re-armed | ref | meaning |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

describe('docs/sip-transactions.md', () => {
  const printed = [printTable(ICT_FSM), printTable(NICT_FSM), printTable(IST_FSM), printTable(NIST_FSM), printTable(UAS_2XX_FSM)];
  it.each(printed.map((text) => [text.slice(0, text.indexOf(':')), text]))('shows the %s table as printTable() prints it', (_, text) => {
    expect(doc).toContain(`\`\`\`text\n${text}\n\`\`\``);
  });

  it('shows the SIP_TIMERS table', () => {
    expect(doc).toContain(timerTable());
  });
});
