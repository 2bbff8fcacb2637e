// Errors of the Q.921 data link layer (Q.921 §5, Annex B; MDL-ERROR codes of Appendix II,
// Table II.1). They reach layer 3 as 'error' indications (never thrown): `code` is one of these,
// `mdl` the MDL-ERROR letter where Q.921 names one. docs/errors.md lists them.
import { defineError } from '../../core/errors.js';

/** A frame that cannot be decoded, or whose control or information field is invalid (MDL-ERROR L, M, N, O). */
export const L2BadFrame = defineError('GW_ERR_L2_BAD_FRAME', 'Invalid Q.921 frame');

/** A frame addressed to a SAPI or TEI this side has no data link for. */
export const L2UnknownAddress = defineError('GW_ERR_L2_UNKNOWN_ADDRESS', 'Q.921 frame for an unknown SAPI or TEI');

/** A valid frame that the data link state does not expect (MDL-ERROR A, B, C, D, E, F). */
export const L2UnexpectedFrame = defineError('GW_ERR_L2_UNEXPECTED_FRAME', 'Unexpected Q.921 frame');

/** T200 expired N200 times: no answer to SABME, DISC or the enquiry (MDL-ERROR G, H, I). */
export const L2NoResponse = defineError('GW_ERR_L2_NO_RESPONSE', 'No response from the peer data link');

/** An I or S frame acknowledged frames never sent (MDL-ERROR J): the link is re-established. */
export const L2NrError = defineError('GW_ERR_L2_NR_ERROR', 'N(R) sequence error');

/** The peer sent FRMR (MDL-ERROR K): the link is re-established. */
export const L2FrameReject = defineError('GW_ERR_L2_FRAME_REJECT', 'FRMR received');

/** TEI management (Q.921 §5.3) failed: identity denied, no answer after N202 requests, or a bad message. */
export const L2TeiError = defineError('GW_ERR_L2_TEI', 'TEI management failure');

/** A DL-* request this interface cannot serve (no data link on that TEI). */
export const L2BadRequest = defineError('GW_ERR_L2_BAD_REQUEST', 'DL request for an unknown data link');

type Defined = { readonly code: string; readonly title: string };

/** MDL-ERROR indications, Q.921 Appendix II Table II.1: the letter, what happened, and our code. */
export const MDL_ERRORS: { readonly [letter: string]: { readonly error: Defined; readonly text: string } } = {
  A: { error: L2UnexpectedFrame, text: 'supervisory response with F=1 not solicited (MDL-ERROR A)' },
  B: { error: L2UnexpectedFrame, text: 'DM response with F=1 not solicited (MDL-ERROR B)' },
  C: { error: L2UnexpectedFrame, text: 'UA response with F=1 not solicited (MDL-ERROR C)' },
  D: { error: L2UnexpectedFrame, text: 'UA response with F=0 not solicited (MDL-ERROR D)' },
  E: { error: L2UnexpectedFrame, text: 'DM response with F=0 received: peer left multiple frame operation (MDL-ERROR E)' },
  F: { error: L2UnexpectedFrame, text: 'SABME received while established: peer re-established the link (MDL-ERROR F)' },
  G: { error: L2NoResponse, text: 'SABME not answered after N200 retransmissions (MDL-ERROR G)' },
  H: { error: L2NoResponse, text: 'DISC not answered after N200 retransmissions (MDL-ERROR H)' },
  I: { error: L2NoResponse, text: 'enquiry not answered after N200 retransmissions (MDL-ERROR I)' },
  J: { error: L2NrError, text: 'N(R) outside V(A)..V(S): link re-established (MDL-ERROR J)' },
  K: { error: L2FrameReject, text: 'FRMR received: link re-established (MDL-ERROR K)' },
  L: { error: L2BadFrame, text: 'undefined control field (MDL-ERROR L)' },
  M: { error: L2BadFrame, text: 'information field not permitted in this frame type (MDL-ERROR M)' },
  N: { error: L2BadFrame, text: 'frame of incorrect length (MDL-ERROR N)' },
  O: { error: L2BadFrame, text: 'I frame information field longer than N201 (MDL-ERROR O)' },
};
