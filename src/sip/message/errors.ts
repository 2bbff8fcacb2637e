// Errors of the SIP message layer. Codes are stable: callers branch on `code`, and
// docs/sip-errors.md lists every one. Parsers never throw on wire input; they return these.

/**
 * Why a SIP message, header value, URI or body could not be parsed. Stable strings; never
 * renamed once released. Every code:
 *
 * - `SIP_EMPTY_MESSAGE`: no start line (nothing, or only CRLFs, where a message was expected)
 * - `SIP_MESSAGE_TOO_LARGE`: the datagram, or a stream message's header section plus
 *   Content-Length, is longer than `maxMessageSize`
 * - `SIP_BAD_START_LINE`: the Request-Line or Status-Line is malformed
 * - `SIP_BAD_VERSION`: a well-formed SIP-Version other than SIP/2.0 (a UAS answers 505)
 * - `SIP_HEADERS_TRUNCATED`: the header section is not terminated by an empty line
 * - `SIP_BAD_HEADER`: a header line or a header value breaks its grammar
 * - `SIP_DUPLICATE_HEADER`: a single-valued header appears more than once
 * - `SIP_MISSING_HEADER`: a mandatory header is absent
 * - `SIP_BAD_URI`: a URI breaks the sip/sips, tel or absoluteURI grammar
 * - `SIP_BAD_VIA`: a Via value is malformed
 * - `SIP_BAD_CSEQ`: the CSeq value is malformed or out of range
 * - `SIP_CSEQ_METHOD_MISMATCH`: the CSeq method differs from the request method
 * - `SIP_BAD_CONTENT_LENGTH`: Content-Length is not a number or appears more than once
 * - `SIP_BODY_TRUNCATED`: fewer body octets than Content-Length announces
 * - `SIP_BAD_MULTIPART`: a multipart body or its boundary is malformed
 */
export const SIP_ERROR_CODES = [
  'SIP_EMPTY_MESSAGE',
  'SIP_MESSAGE_TOO_LARGE',
  'SIP_BAD_START_LINE',
  'SIP_BAD_VERSION',
  'SIP_HEADERS_TRUNCATED',
  'SIP_BAD_HEADER',
  'SIP_DUPLICATE_HEADER',
  'SIP_MISSING_HEADER',
  'SIP_BAD_URI',
  'SIP_BAD_VIA',
  'SIP_BAD_CSEQ',
  'SIP_CSEQ_METHOD_MISMATCH',
  'SIP_BAD_CONTENT_LENGTH',
  'SIP_BODY_TRUNCATED',
  'SIP_BAD_MULTIPART',
] as const;

export type SipErrorCode = (typeof SIP_ERROR_CODES)[number];

/** A parse failure. `header` names the header it concerns, `offset` the octet where it was found. */
export interface SipError {
  readonly code: SipErrorCode;
  readonly message: string;
  readonly header?: string;
  readonly offset?: number;
}

export function sipError(code: SipErrorCode, message: string, offset?: number): SipError {
  return offset === undefined ? { code, message } : { code, message, offset };
}

/** Header names and codes are tokens; keep only token characters so the text is safe anywhere. */
function tokenOnly(text: string): string {
  return text.replace(/[^A-Za-z0-9\-.!%*_+`'~]/g, '');
}

/**
 * Short text explaining `error`, for the reason phrase of the 400 (or 505, 513) answer or the
 * text of a Warning header: printable ASCII without quotes, backslashes or CR/LF.
 */
export function badRequestReason(error: SipError): string {
  const header = error.header === undefined ? '' : tokenOnly(error.header);
  switch (error.code) {
    case 'SIP_EMPTY_MESSAGE':
      return 'Empty Message';
    case 'SIP_MESSAGE_TOO_LARGE':
      return 'Message Too Large';
    case 'SIP_BAD_START_LINE':
      return 'Malformed Start Line';
    case 'SIP_BAD_VERSION':
      return 'Version Not Supported';
    case 'SIP_HEADERS_TRUNCATED':
      return 'Header Section Not Terminated';
    case 'SIP_BAD_HEADER':
      return header === '' ? 'Malformed Header Line' : `Malformed ${header} Header`;
    case 'SIP_DUPLICATE_HEADER':
      return `Duplicate ${header} Header`;
    case 'SIP_MISSING_HEADER':
      return `Missing ${header} Header`;
    case 'SIP_BAD_URI':
      return header === '' ? 'Malformed Request-URI' : `Malformed URI in ${header} Header`;
    case 'SIP_BAD_VIA':
      return 'Malformed Via Header';
    case 'SIP_BAD_CSEQ':
      return 'Malformed CSeq Header';
    case 'SIP_CSEQ_METHOD_MISMATCH':
      return 'CSeq Method Does Not Match Request Method';
    case 'SIP_BAD_CONTENT_LENGTH':
      return 'Malformed Content-Length Header';
    case 'SIP_BODY_TRUNCATED':
      return 'Body Shorter Than Content-Length';
    case 'SIP_BAD_MULTIPART':
      return 'Malformed Multipart Body';
  }
}
