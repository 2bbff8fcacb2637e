// The span drivers' error codes (listed in docs/drivers.md and docs/errors.md).
import { defineError } from '../core/errors.js';
import type { IsdnDriverError } from './isdn/errors.js';

export const LinkDownError = defineError('GW_ERR_DRIVER_LINK_DOWN', 'The signalling link is down');
export const UnknownCicError = defineError('GW_ERR_DRIVER_UNKNOWN_CIC', 'The driver carries no such circuit');
export const MediaError = defineError('GW_ERR_DRIVER_MEDIA', 'The circuit cannot answer this SDP offer');

/** What a driver's seize, send and openMedia can fail with: the common codes, and the ISDN driver's own (src/drivers/isdn/errors.ts). */
export type DriverError = InstanceType<typeof LinkDownError | typeof UnknownCicError | typeof MediaError> | IsdnDriverError;
