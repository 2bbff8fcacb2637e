// SIP-I (Q.1912.5 profile C) and SIP-T (RFC 3372): the application/isup body parts (RFC 3204)
// Tandem sends and reads, and which ISUP wins when a message carries both ISUP and SIP headers.
export { ISUP_MEDIA_TYPE, isupContentType, isupPart, type IsupBodyConfig } from './isup-part.js';
export { ISUP_MESSAGES, ISUP_VARIANTS, readIsupBody, type IsupRefusal, type IsupVariantRow } from './isup-body.js';
export { IAM_MERGE_ROWS, mergeIam, preferEncapsulated, type MergeRow } from './merge.js';
