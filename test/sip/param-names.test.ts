// A parameter name may appear once (compared case-insensitively), however many parameters there
// are: SeenNames keeps the first name alone, then a list, then a Set past 16 names.
import { describe, expect, it } from 'vitest';
import { parseUri } from '../../src/sip/message/index.js';
import { parseParams } from '../../src/sip/message/params.js';

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `p${i}`);

describe('repeated parameter names', () => {
  for (const count of [1, 2, 3, 16, 17, 30]) {
    for (const repeated of [0, count - 1]) {
      it(`${count} names, then name ${repeated} again in another case`, () => {
        const list = names(count);
        expect(parseParams(list.map((p) => `;${p}`).join('')).ok).toBe(true);
        const twice = [...list, `P${repeated}`].map((p) => `;${p}=1`).join('');
        expect(parseParams(twice)).toEqual({ ok: false, error: `parameter P${repeated} given twice` });
        expect(parseUri(`sip:h${list.map((p) => `;${p}`).join('')}`).ok).toBe(true);
        expect(parseUri(`sip:h${[...list, `P${repeated}`].map((p) => `;${p}`).join('')}`).ok).toBe(false);
      });
    }
  }
});
