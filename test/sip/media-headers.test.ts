// Content-Type and Content-Disposition, as used on SIP-I / SIP-T bodies (RFC 3204).
import { describe, expect, it } from 'vitest';
import {
  formatContentDisposition,
  formatContentType,
  getParam,
  parseContentDisposition,
  parseContentType,
  unquote,
} from '../../src/sip/message/index.js';
import { errorOf, valueOf } from './helpers.js';

describe('Content-Type', () => {
  it.each([
    ['application/sdp', { type: 'application', subtype: 'sdp', params: [] }],
    [
      'application/isup;version=itu-t92+;base=itu-t92+',
      { type: 'application', subtype: 'isup', params: [{ name: 'version', value: 'itu-t92+' }, { name: 'base', value: 'itu-t92+' }] },
    ],
    ['Application/ISUP; version=nxv3; base=etsi121', { type: 'application', subtype: 'isup', params: [{ name: 'version', value: 'nxv3' }, { name: 'base', value: 'etsi121' }] }],
    ['multipart/mixed;boundary=unique-boundary-1', { type: 'multipart', subtype: 'mixed', params: [{ name: 'boundary', value: 'unique-boundary-1' }] }],
    ['multipart/mixed ; boundary="a b:c"', { type: 'multipart', subtype: 'mixed', params: [{ name: 'boundary', value: '"a b:c"' }] }],
    ['text/plain;charset=UTF-8', { type: 'text', subtype: 'plain', params: [{ name: 'charset', value: 'UTF-8' }] }],
    ['application / pidf+xml', { type: 'application', subtype: 'pidf+xml', params: [] }],
  ])('%j', (text, expected) => {
    expect(valueOf(parseContentType(text))).toEqual(expected);
  });

  it('gives a quoted boundary back with unquote', () => {
    const ct = valueOf(parseContentType('multipart/mixed;boundary="simple boundary"'));
    expect(unquote(getParam(ct.params, 'Boundary')?.value ?? '')).toBe('simple boundary');
  });

  it.each(['', 'application', 'application/', '/sdp', 'application/sdp;version', 'app lication/sdp', 'application/sdp;;x=1', 'text/plain;charset="x'])(
    'rejects %j',
    (text) => {
      expect(errorOf(parseContentType(text)).code).toBe('SIP_BAD_HEADER');
    },
  );

  it('formats', () => {
    const text = 'application/isup;version=itu-t92+;base=itu-t92+';
    expect(formatContentType(valueOf(parseContentType(text)))).toBe(text);
  });
});

describe('Content-Disposition', () => {
  it.each([
    ['signal;handling=required', { type: 'signal', handling: 'required', params: [] }],
    ['signal; handling=optional', { type: 'signal', handling: 'optional', params: [] }],
    ['session', { type: 'session', params: [] }],
    ['Render;Handling=Optional;x=1', { type: 'render', handling: 'optional', params: [{ name: 'x', value: '1' }] }],
    ['alert;handling=other-handling', { type: 'alert', handling: 'other-handling', params: [] }],
  ])('%j', (text, expected) => {
    expect(valueOf(parseContentDisposition(text))).toEqual(expected);
  });

  it.each(['', ';handling=required', 'signal;handling', 'signal;handling="required"', 'sig nal'])('rejects %j', (text) => {
    expect(errorOf(parseContentDisposition(text)).code).toBe('SIP_BAD_HEADER');
  });

  it('formats', () => {
    expect(formatContentDisposition({ type: 'signal', handling: 'required', params: [] })).toBe('signal;handling=required');
    expect(formatContentDisposition({ type: 'session', params: [{ name: 'x' }] })).toBe('session;x');
  });
});
