// The ISDN PRI/BRI driver's error codes (listed in docs/isdn-driver.md and docs/errors.md).
import { defineError } from '../../core/errors.js';

export const ChannelBusyError = defineError('GW_ERR_ISDN_CHANNEL_BUSY', 'The B-channel of this circuit is reserved or carries a call');
export const NoCallError = defineError('GW_ERR_ISDN_NO_CALL', 'The message does not fit the call (or the absence of a call) on this circuit');
export const Q931RefusedError = defineError('GW_ERR_ISDN_Q931_REFUSED', 'The Q.931 interface refused the request');

export type IsdnDriverError = InstanceType<typeof ChannelBusyError | typeof NoCallError | typeof Q931RefusedError>;
