import { describe, expect, it } from 'vitest';
import { defineError, definedErrors, GwError } from '../../src/core/errors.js';

const Sample = defineError('GW_ERR_TEST_SAMPLE', 'Sample failure');

describe('GwError and defineError', () => {
  it('builds errors with a stable code, the title and an optional detail', () => {
    const plain = new Sample();
    const detailed = new Sample('circuit 17', { cause: 'because' });
    expect(plain).toBeInstanceOf(GwError);
    expect(plain).toBeInstanceOf(Sample);
    expect(plain).toBeInstanceOf(Error);
    expect([plain.code, plain.message, plain.name]).toEqual(['GW_ERR_TEST_SAMPLE', 'Sample failure', 'GW_ERR_TEST_SAMPLE']);
    expect([detailed.message, detailed.cause]).toEqual(['Sample failure: circuit 17', 'because']);
    expect([Sample.code, Sample.title]).toEqual(['GW_ERR_TEST_SAMPLE', 'Sample failure']);
  });

  it('keeps one class per code: instanceof tells codes apart', () => {
    const Other = defineError('GW_ERR_TEST_OTHER', 'Other failure');
    expect(new Other()).not.toBeInstanceOf(Sample);
  });

  it('registers every code once and refuses malformed or repeated codes', () => {
    expect(definedErrors().get('GW_ERR_TEST_SAMPLE')).toBe('Sample failure');
    expect(() => defineError('GW_ERR_TEST_SAMPLE', 'again')).toThrow(/defined twice/);
    expect(() => defineError('TX_TIMEOUT', 'no prefix')).toThrow(/GW_ERR_UPPER_SNAKE/);
    expect(() => defineError('GW_ERR_lower', 'lower case')).toThrow(/GW_ERR_UPPER_SNAKE/);
  });
});
