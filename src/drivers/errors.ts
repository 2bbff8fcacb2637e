// The span drivers' error codes (listed in docs/drivers.md and docs/errors.md).
import { defineError } from '../core/errors.js';

export const LinkDownError = defineError('GW_ERR_DRIVER_LINK_DOWN', 'The signalling link is down');
export const UnknownCicError = defineError('GW_ERR_DRIVER_UNKNOWN_CIC', 'The driver carries no such circuit');
export const MediaError = defineError('GW_ERR_DRIVER_MEDIA', 'The circuit cannot answer this SDP offer');

export type DriverError = InstanceType<typeof LinkDownError | typeof UnknownCicError | typeof MediaError>;
