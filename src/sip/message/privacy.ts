// Privacy (RFC 3323 §4.2, RFC 3325 §9.3): priv-value *( ";" priv-value ),
// priv-value = "header" / "session" / "user" / "none" / "critical" / "id" / token.

import { err, ok, type Result } from '../../core/result.js';
import { isToken, splitOutside } from './abnf.js';
import { sipError, type SipError } from './errors.js';

/** The priv-values, lowercase (they compare case-insensitively). */
export function parsePrivacy(value: string): Result<string[], SipError> {
  const items = splitOutside(value, ';');
  return items.every(isToken)
    ? ok(items.map((item) => item.toLowerCase()))
    : err(sipError('SIP_BAD_HEADER', `Privacy values must be tokens: ${JSON.stringify(value)}`));
}

export function formatPrivacy(values: readonly string[]): string {
  return values.join(';');
}
