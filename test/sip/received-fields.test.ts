// What the parser works out once and keeps (the key of each field, its typed value, that it is
// writable as is) is used only while the field is unchanged; parsed bodies and serialized
// octets are plain Uint8Arrays of their own, cut from shared slabs (src/sip/message/octets.ts).
import { describe, expect, it } from 'vitest';
import {
  fieldValues,
  headerKey,
  parseFromTo,
  parseMessage,
  parseVia,
  readList,
  readOne,
  serializeMessage,
  type HeaderField,
  type SipError,
  type SipMessage,
} from '../../src/sip/message/index.js';
import type { Result } from '../../src/core/result.js';
import { errorOf, inviteLines, octets, valueOf, wire } from './helpers.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
const parsed = (extra: readonly string[] = []): SipMessage => valueOf(parseMessage(octets(wire(inviteLines(extra)))));

/** Changes a field in place, as code ignoring `readonly` could. */
function overwrite(field: HeaderField | undefined, change: Partial<HeaderField>): void {
  if (field === undefined) throw new Error('no such field');
  Object.assign(field, change);
}

/** A parser that counts its calls. */
function counting<T>(parse: (value: string) => Result<T, SipError>): { parse: (value: string) => Result<T, SipError>; calls: () => number } {
  let calls = 0;
  return {
    parse: (value) => {
      calls++;
      return parse(value);
    },
    calls: () => calls,
  };
}

describe('typed values of received fields', () => {
  it('are read once: the values checked by the parser are the ones readOne and readList give', () => {
    const m = parsed();
    const from = valueOf(readOne(m.headers, 'From', parseFromTo));
    expect(valueOf(readOne(m.headers, 'f', parseFromTo))).toBe(from);
    const [via] = valueOf(readList(m.headers, 'Via', parseVia));
    expect(valueOf(readList(m.headers, 'v', parseVia))[0]).toBe(via);
    const counted = counting(parseFromTo);
    valueOf(readOne(m.headers, 'To', counted.parse));
    valueOf(readOne(m.headers, 'To', counted.parse));
    expect(counted.calls()).toBe(1);
  });

  it('survive a copy of the message with other headers (the fields are the same objects)', () => {
    const m = parsed();
    const copy: SipMessage = { ...m, headers: [{ name: 'Via', value: 'SIP/2.0/TCP other.example.com' }, ...m.headers.slice(1)] };
    expect(valueOf(readOne(copy.headers, 'From', parseFromTo))).toBe(valueOf(readOne(m.headers, 'From', parseFromTo)));
    expect(valueOf(readList(copy.headers, 'Via', parseVia))[0]?.host).toBe('other.example.com');
  });

  it('follow a value changed in place', () => {
    const m = parsed();
    overwrite(m.headers.find((h) => h.name === 'From'), { value: '<sip:carol@example.com>;tag=9' });
    expect(valueOf(readOne(m.headers, 'From', parseFromTo))).toMatchObject({ tag: '9', uri: { user: 'carol' } });
    overwrite(m.headers.find((h) => h.name === 'From'), { value: 'no brackets;;' });
    expect(readOne(m.headers, 'From', parseFromTo).ok).toBe(false);
  });

  it('follow a name changed in place', () => {
    const m = parsed(['Subject: first']);
    overwrite(m.headers.find((h) => h.name === 'Subject'), { name: 'X-Subject' });
    expect(fieldValues(m.headers, 'Subject')).toEqual([]);
    expect(fieldValues(m.headers, 'x-subject')).toEqual(['first']);
  });
});

describe('serializing received fields', () => {
  it('writes them as is, and checks again any field changed in place', () => {
    const m = parsed(['Subject: first']);
    const subject = m.headers.find((h) => h.name === 'Subject');
    overwrite(subject, { value: 'second' });
    expect(text(serializeMessage(m))).toContain('\r\nSubject: second\r\n');
    overwrite(subject, { value: 'a\r\nInjected: yes' });
    expect(() => serializeMessage(m)).toThrow(RangeError);
    overwrite(subject, { value: '\u20ac' });
    expect(() => serializeMessage(m)).toThrow(RangeError);
    overwrite(subject, { value: 'ok', name: 'Bad Name' });
    expect(() => serializeMessage(m)).toThrow(RangeError);
  });

  it('writes the fields as the header array now holds them: replaced in place by received ones, or moved', () => {
    const m = parsed(['Subject: first']);
    const other = parsed(['Subject: second']);
    const at = m.headers.findIndex((h) => h.name === 'Subject');
    (m.headers as HeaderField[])[at] = other.headers[at] as HeaderField;
    expect(text(serializeMessage(m))).toContain('\r\nSubject: second\r\n');
    const swapped = parsed(['Subject: first']);
    const headers = swapped.headers as HeaderField[];
    const [top, next] = headers;
    if (top === undefined || next === undefined) throw new Error('too few fields');
    headers[0] = next;
    headers[1] = top;
    expect(text(serializeMessage(swapped))).toBe(wire(inviteLines(['Subject: first'])).replace(`${top.name}: ${top.value}\r\n${next.name}: ${next.value}`, `${next.name}: ${next.value}\r\n${top.name}: ${top.value}`));
  });

  it('sets a received Content-Length to the length of a body changed since', () => {
    const m = parsed();
    expect(text(serializeMessage({ ...m, body: octets('hello') }))).toMatch(/\r\nContent-Length: 5\r\n\r\nhello$/);
  });
});

describe('octets handed out', () => {
  it('parsed bodies are plain Uint8Arrays of their own, however many are cut from the slabs', () => {
    const inputs = Array.from({ length: 3000 }, (_, i) => {
      const body = `body ${i} ${'x'.repeat(i % 50)}`;
      return { body, input: Buffer.from(wire(inviteLines([], body.length), body), 'latin1') };
    });
    const bodies = inputs.map(({ input }) => valueOf(parseMessage(input)).body);
    for (const { input } of inputs) input.fill(0);
    bodies.forEach((body, i) => {
      expect(Buffer.isBuffer(body)).toBe(false);
      expect(text(body)).toBe(inputs[i]?.body);
    });
  });

  it('serialized messages are plain Uint8Arrays of their own, small and large', () => {
    const m = parsed();
    const outs = [0, 10, 5000, 70000].map((n) => ({ n, out: serializeMessage({ ...m, body: new Uint8Array(n).fill(0x61) }) }));
    const again = serializeMessage(m);
    for (const { n, out } of outs) {
      expect(Buffer.isBuffer(out)).toBe(false);
      expect(text(out)).toMatch(new RegExp(`Content-Length: ${n}\\r\\n\\r\\na{${n}}$`));
    }
    expect(text(again)).toBe(wire(inviteLines()));
  });
});

describe('headerKey', () => {
  it('gives the usual spellings the key of the general rule (lowercase, compact forms expanded)', () => {
    const spellings = ['Via', 'via', 'Call-ID', 'Call-Id', 'call-id', 'CSeq', 'cseq', 'WWW-Authenticate', 'MIME-Version', 'RAck', 'Min-SE'];
    for (const name of spellings) expect(headerKey(name)).toBe(name.toLowerCase());
    for (const [compact, full] of [['I', 'call-id'], ['l', 'content-length'], ['V', 'via']]) expect(headerKey(compact ?? '')).toBe(full);
  });
});

describe('many parameters', () => {
  const params = (n: number): string => Array.from({ length: n }, (_, i) => `;p${i}=${i}`).join('');

  it('a repeated name is found among many, in header and URI parameters, in any case', () => {
    expect(valueOf(parseFromTo(`<sip:a@example.com>${params(3000)}`)).params).toHaveLength(3000);
    expect(errorOf(parseFromTo(`<sip:a@example.com>${params(3000)};P2999=x`)).code).toBe('SIP_BAD_HEADER');
    expect(errorOf(parseFromTo(`<sip:a@example.com>${params(3)};P1`)).code).toBe('SIP_BAD_HEADER');
    expect(valueOf(parseFromTo(`<sip:a@example.com${params(3000)}>`)).uri).toMatchObject({ kind: 'sip' });
    expect(errorOf(parseFromTo(`<sip:a@example.com${params(3000)};P17=1>`)).code).toBe('SIP_BAD_URI');
  });
});
