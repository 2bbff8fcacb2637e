// The application/isup body part that SIP-I (Q.1912.5 profile C) and SIP-T (RFC 3372) peers get
// (RFC 3204 §3): the ISUP message from its message type code on (no routing label, no CIC),
// binary, with `Content-Type: application/isup;version=…[;base=…]` and
// `Content-Disposition: signal;handling=…` from the peer's configuration.
import { tryEncode, type IsupEncodeError, type IsupMessage } from 'ss7-isup-codec';
import type { PeerConfig } from '../../config/index.js';
import { err, ok, type Result } from '../../core/result.js';
import type { OutgoingPart } from '../../sip/ua/index.js';

/** The media type (RFC 3204; lowercase, as the message layer reports it). */
export const ISUP_MEDIA_TYPE = 'application/isup';

/** A peer's ISUP body settings: `version`, `base`, `handling` (config `peers.<name>.isup`). */
export type IsupBodyConfig = NonNullable<PeerConfig['isup']>;

/** `application/isup;version=itu-t92+;base=itu-t92+` for `cfg`. */
export function isupContentType(cfg: Pick<IsupBodyConfig, 'version' | 'base'>): string {
  return `${ISUP_MEDIA_TYPE};version=${cfg.version}${cfg.base === undefined ? '' : `;base=${cfg.base}`}`;
}

/** The part carrying `message` (body framing: a CIC is not written). Fails only for a value the codec cannot encode. */
export function isupPart(message: IsupMessage, cfg: IsupBodyConfig): Result<OutgoingPart, IsupEncodeError> {
  const encoded = tryEncode(message);
  if (!encoded.ok) return err(encoded.error);
  return ok({ contentType: isupContentType(cfg), disposition: `signal;handling=${cfg.handling}`, body: encoded.value });
}
