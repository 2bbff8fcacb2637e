// A call's logger: its pino child is made on the first line written at an enabled level, with the
// call's bindings, and only then.
import { describe, expect, it } from 'vitest';
import { lazyChild, lazySipToPstnChild } from '../../../src/interworking/call/lazy-logger.js';
import type { CallLogger } from '../../../src/interworking/call/options.js';

/** A parent writing `enabled` levels; it records the children it makes and the lines written through them. */
function recorder(enabled: readonly string[]) {
  const children: Record<string, unknown>[] = [];
  const lines: [Record<string, unknown>, string, object, string | undefined][] = [];
  const make = (bindings: Record<string, unknown>): CallLogger => {
    const write = (level: string) => (obj: object, msg?: string) => void lines.push([bindings, level, obj, msg]);
    return { child: (b) => make({ ...bindings, ...b }), isLevelEnabled: (l) => enabled.includes(l), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
  };
  const parent: CallLogger = { ...make({}), child: (b) => (children.push(b), make(b)) };
  return { parent, children, lines };
}

describe('a call’s lazy logger', () => {
  it('S→P: no child until a line at an enabled level, then one child bound to the call key, direction and Call-ID', () => {
    const r = recorder(['warn', 'error']);
    const log = lazySipToPstnChild(r.parent, 'key-1', 'abc@192.0.2.1');
    log.debug({ a: 1 }, 'not written');
    log.info({ a: 2 });
    expect(r.children).toEqual([]);
    log.warn({ a: 3 }, 'written');
    log.error({ a: 4 });
    expect(r.children).toEqual([{ callKey: 'key-1', direction: 'sipToPstn', sipCallId: 'abc@192.0.2.1' }]);
    expect(Object.keys(r.children[0] ?? {})).toEqual(['callKey', 'direction', 'sipCallId']);
    expect(r.lines.map(([, level, obj, msg]) => [level, obj, msg])).toEqual([
      ['warn', { a: 3 }, 'written'],
      ['error', { a: 4 }, undefined],
    ]);
  });

  it('any bindings, and a child of a lazy logger made through it', () => {
    const r = recorder(['info']);
    const log = lazyChild(r.parent, { callKey: 'key-2', direction: 'pstnToSip', group: 'g', cic: 7 });
    const fsm = log.child({ mod: 'fsm' });
    expect(log.isLevelEnabled?.('info')).toBe(true);
    expect(log.isLevelEnabled?.('debug')).toBe(false);
    fsm.info({ b: 1 }, 'x');
    expect(r.children).toEqual([{ callKey: 'key-2', direction: 'pstnToSip', group: 'g', cic: 7 }]);
    expect(r.lines.map(([bindings, level]) => [bindings, level])).toEqual([[{ callKey: 'key-2', direction: 'pstnToSip', group: 'g', cic: 7, mod: 'fsm' }, 'info']]);
  });
});
