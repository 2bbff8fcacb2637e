// Content-Disposition (RFC 3261 §20.11): disp-type *( SEMI disp-param ),
// handling-param = "handling" EQUAL ( "optional" / "required" / other-handling ).
// e.g. `signal;handling=required` on an ISUP body part (RFC 3204).

import { err, ok, type Result } from '../../core/result.js';
import { isToken, trimLws } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatParams, parseParams, takeParams, type Param } from './params.js';

export interface ContentDisposition {
  /** lowercase: session, render, icon, alert, signal, ... */
  readonly type: string;
  /** lowercase: optional, required, or another token */
  readonly handling?: string;
  /** the other parameters */
  readonly params: readonly Param[];
}

const bad = (message: string): Result<never, SipError> => err(sipError('SIP_BAD_HEADER', message));

export function parseContentDisposition(value: string): Result<ContentDisposition, SipError> {
  const semi = value.indexOf(';');
  const type = trimLws(semi < 0 ? value : value.slice(0, semi));
  if (!isToken(type)) return bad(`disposition type is not a token: ${JSON.stringify(type)}`);
  const params = parseParams(semi < 0 ? '' : value.slice(semi));
  if (!params.ok) return bad(params.error);
  const { taken, rest } = takeParams(params.value, ['handling']);
  const handling = taken.get('handling');
  if (handling === undefined) return ok({ type: type.toLowerCase(), params: rest });
  if (handling.value === undefined || !isToken(handling.value)) return bad('handling must be a token');
  return ok({ type: type.toLowerCase(), handling: handling.value.toLowerCase(), params: rest });
}

export function formatContentDisposition(value: ContentDisposition): string {
  const handling: Param[] = value.handling === undefined ? [] : [{ name: 'handling', value: value.handling }];
  return value.type + formatParams([...handling, ...value.params]);
}
