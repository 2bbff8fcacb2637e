// The application/isup part (RFC 3204) as sent and as read: content type and disposition from the
// peer's configuration, the variants the codec decodes, and the refusals of a required part.
import { decode, encode } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import { acm, iam, rel } from '../../../src/drivers/isup-messages.js';
import { ISUP_VARIANTS, isupPart, readIsupBody, type IsupBodyConfig } from '../../../src/interworking/sipi/index.js';
import { parseContentDisposition, parseContentType } from '../../../src/sip/message/index.js';
import type { ReceivedBody } from '../../../src/sip/ua/index.js';

const CFG: IsupBodyConfig = { version: 'itu-t92+', base: 'itu-t92+', handling: 'required' };

function body(octets: Uint8Array, contentType = 'application/isup;version=itu-t92+', disposition?: string): ReceivedBody {
  const type = parseContentType(contentType);
  const disp = disposition === undefined ? undefined : parseContentDisposition(disposition);
  return {
    parts: [
      {
        ...(type.ok ? { contentType: type.value } : {}),
        ...(disp?.ok === true ? { disposition: disp.value } : {}),
        headers: [],
        body: octets,
      },
    ],
  };
}

describe('isupPart', () => {
  it('carries the message from its type code on, with version, base and handling from the configuration', () => {
    const part = isupPart(acm(7, 'free'), CFG);
    if (!part.ok) throw part.error;
    expect(part.value.contentType).toBe('application/isup;version=itu-t92+;base=itu-t92+');
    expect(part.value.disposition).toBe('signal;handling=required');
    const back = decode(part.value.body as Uint8Array);
    expect(back.ok && back.value.type).toBe('ACM');
    expect(isupPart(acm(7, 'free'), { version: 'nxv3', handling: 'optional' })).toMatchObject({ ok: true, value: { contentType: 'application/isup;version=nxv3', disposition: 'signal;handling=optional' } });
  });

  it('reports a value the codec cannot encode instead of throwing', () => {
    const bad = { ...rel(1, 16), params: { causeIndicators: { codingStandard: 0, location: 2, causeValue: 300 } } };
    expect(isupPart(bad, CFG)).toMatchObject({ ok: false });
  });
});

describe('readIsupBody', () => {
  const octets = encode(iam(0, { called: '4930100' }));

  it('decodes the part of an expected type; no part is no message', () => {
    expect(readIsupBody(body(octets), CFG, ['IAM'])).toMatchObject({ ok: true, value: { type: 'IAM' } });
    expect(readIsupBody({ parts: [] }, CFG, ['IAM'])).toEqual({ ok: true, value: undefined });
  });

  it('refuses a required part that does not decode with 400 and a Warning naming the codec error', () => {
    const r = readIsupBody(body(octets.slice(0, 6)), CFG, ['IAM']);
    expect(r).toMatchObject({ ok: false, error: { status: 400, phrase: 'Bad ISUP Body' } });
    if (r.ok) return;
    expect(r.error.headers).toEqual([{ name: 'Warning', value: expect.stringMatching(/^399 tandem "ISUP body does not decode: TRUNCATED at IAM/) as unknown }]);
  });

  it('treats a part without handling as required (RFC 3261 §20.11), and ignores an optional one that cannot be used', () => {
    expect(readIsupBody(body(Uint8Array.of(0x01)), CFG, ['IAM'])).toMatchObject({ ok: false, error: { status: 400 } });
    expect(readIsupBody(body(Uint8Array.of(0x01), undefined, 'signal;handling=optional'), CFG, ['IAM'])).toEqual({ ok: true, value: undefined });
  });

  it('refuses a message the request cannot carry (a REL in an INVITE) with 400', () => {
    expect(readIsupBody(body(encode(rel(0, 16))), CFG, ['IAM'])).toMatchObject({ ok: false, error: { status: 400, detail: 'ISUP REL cannot be carried here (expected IAM)' } });
  });

  it.each(ISUP_VARIANTS.map((v) => [v.name, v.decoded]))('variant %s: decoded %s, else 415 with Accept', (name, decoded) => {
    const r = readIsupBody(body(octets, `application/isup;version=x-${name};base=${name}`), CFG, ['IAM']);
    if (decoded) expect(r).toMatchObject({ ok: true, value: { type: 'IAM' } });
    else expect(r).toMatchObject({ ok: false, error: { status: 415, headers: [{ name: 'Warning' }, { name: 'Accept', value: 'application/sdp, application/isup;version=itu-t92+;base=itu-t92+' }] } });
  });

  it('accepts the version agreed with the peer whatever its base', () => {
    expect(readIsupBody(body(octets, 'application/isup;version=nxv3'), { version: 'nxv3', handling: 'required' }, ['IAM'])).toMatchObject({ ok: true });
  });
});
