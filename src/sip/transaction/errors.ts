// Errors of the SIP transaction layer (RFC 3261 §17). Codes are stable; docs/errors.md lists them.
import { defineError } from '../../core/errors.js';

/** Timer B or F fired: no final response (RFC 3261 §17.1.1.2, §17.1.2.2). */
export const TxTimeout = defineError('GW_ERR_TX_TIMEOUT', 'Transaction timed out');

/** Timer H fired, or the UAS core gave up retransmitting a 2xx (RFC 3261 §17.2.1, §13.3.1.4). */
export const TxNoAck = defineError('GW_ERR_TX_NO_ACK', 'No ACK received');

/** The transport could not send a message of the transaction (RFC 3261 §17.1.4, §17.2.4). */
export const TxTransportError = defineError('GW_ERR_TX_TRANSPORT', 'Transport error');

/** The TU asked for a client transaction the layer cannot create. */
export const TxBadRequest = defineError('GW_ERR_TX_BAD_REQUEST', 'Request cannot start a client transaction');

/** The TU asked for a client transaction whose branch and method are already in use. */
export const TxExists = defineError('GW_ERR_TX_EXISTS', 'Client transaction already exists');

/** The TU asked for a client transaction after the layer was closed. */
export const TxClosed = defineError('GW_ERR_TX_CLOSED', 'Transaction layer closed');
