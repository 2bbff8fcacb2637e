// The simulated exchange's own error codes (listed in docs/drivers.md and docs/errors.md).
import { defineError } from '../../core/errors.js';

export const SimNoCircuitError = defineError('GW_ERR_SIM_NO_CIRCUIT', 'The simulated exchange has no free circuit to originate on');
