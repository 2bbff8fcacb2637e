// docs/sip-dialogs.md shows the dialog-layer tables as the code has them and lists every
// GW_ERR_SIP_UA_* code with its title; docs/errors.md lists them too.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definedErrors } from '../../../src/core/errors.js';
import { printTable } from '../../../src/core/fsm.js';
import { DIALOG_FSM } from '../../../src/sip/dialog/dialog.fsm.js';
import { REL1XX_FSM } from '../../../src/sip/dialog/reliable-provisional.fsm.js';
import { SESSION_TIMER_FSM } from '../../../src/sip/dialog/session-timer.fsm.js';
import '../../../src/sip/ua/errors.js';

const read = (name: string): string => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');
const listed = (doc: string): Map<string, string> =>
  new Map([...doc.matchAll(/^\| `(GW_ERR_SIP_UA_[A-Z0-9_]+)` \| ([^|]+?) \|/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
const defined = (): Map<string, string> => new Map([...definedErrors()].filter(([code]) => code.startsWith('GW_ERR_SIP_UA_')));

describe('docs/sip-dialogs.md', () => {
  const doc = read('sip-dialogs.md');

  const printed = [printTable(DIALOG_FSM), printTable(REL1XX_FSM), printTable(SESSION_TIMER_FSM)];
  it.each(printed.map((text) => [text.slice(0, text.indexOf(':')), text]))('shows the %s table as printTable() prints it', (_, text) => {
    expect(doc).toContain(`\`\`\`text\n${text}\n\`\`\``);
  });

  it('lists exactly the GW_ERR_SIP_UA_* codes, each with its title', () => {
    expect(defined().size).toBe(7);
    expect(listed(doc)).toEqual(defined());
  });
});

describe('docs/errors.md', () => {
  it('lists the GW_ERR_SIP_UA_* codes with their titles', () => {
    expect(listed(read('errors.md'))).toEqual(defined());
  });
});
