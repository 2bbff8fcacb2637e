// `tandem isup decode`, run as a user runs it: the built CLI in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHex } from '../../src/app/isup-command.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tandem = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  if (!existsSync(`${root}dist/app/cli.js`)) throw new Error('dist/app/cli.js missing: run `npm run build` (npm test does it first)');
  const r = spawnSync(process.execPath, [`${root}bin/tandem.js`, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('tandem isup decode', () => {
  it('prints a REL body as typed JSON', () => {
    const r = tandem('isup', 'decode', '0c 02 00 02 80 90');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ type: 'REL', params: { causeIndicators: { codingStandard: 0, location: 0, causeValue: 16 } }, optional: [] });
  });

  it('reads the CIC framing and shows raw octets as hex', () => {
    const r = tandem('isup', 'decode', '--framing', 'cic', '0c0b', '0901', '01', '05', '010101de01', '00');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ type: 'ANM', cic: 2828, params: {}, optional: [{ name: 'callReference', value: { callIdentity: 0x010101, signallingPointCode: 0x01de } }] });
  });

  it('exits 1 with the DecodeError code and place', () => {
    const r = tandem('isup', 'decode', '2f 01 02 80 90');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('BAD_POINTER at CFN.causeIndicators (octet 1): pointer 1 points into the pointer octets\n');
  });

  it('exits 2 on text that is not hex', () => {
    const r = tandem('isup', 'decode', '0c 0x');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tandem isup decode: not hex octets: 0x\n');
  });
});

describe('parseHex', () => {
  it.each([
    ['0c 02', [0x0c, 0x02]],
    ['0x0C:0x02', [0x0c, 0x02]],
    ['0c-02-ff', [0x0c, 0x02, 0xff]],
  ])('%s', (text, octets) => expect(parseHex(text)).toEqual(Uint8Array.from(octets)));
  it.each(['', 'zz', '0c0', '0x'])('%j is refused', (text) => expect(typeof parseHex(text)).toBe('string'));
});
