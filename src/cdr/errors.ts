// The CDR pipeline's error codes (listed in docs/cdr.md#errors and docs/errors.md).
import { defineError } from '../core/errors.js';

/** An event named a call the builder has no attempt open for (never started, or already ended). */
export class CdrUnknownCallError extends defineError('GW_ERR_CDR_UNKNOWN_CALL', 'No open call attempt for this call key') {}

/** attemptStarted for a call key that is still open. */
export class CdrDuplicateCallError extends defineError('GW_ERR_CDR_DUPLICATE_CALL', 'Call key already open') {}

/** The spool could not write or sync a record; the call goes on, the record is lost unless the caller retries. */
export class CdrSpoolWriteError extends defineError('GW_ERR_CDR_SPOOL_WRITE', 'Cannot write the CDR spool') {}

/** A complete spool line is not a CDR record: it is skipped and reported. */
export class CdrSpoolCorruptError extends defineError('GW_ERR_CDR_SPOOL_CORRUPT', 'Spool line is not a CDR record') {}

/** A closed spool segment ends without a newline (a write cut by a crash): the fragment is skipped and reported. */
export class CdrSpoolTruncatedError extends defineError('GW_ERR_CDR_SPOOL_TRUNCATED', 'Spool segment ends in a truncated line') {}

/** Putting spooled records on the queue failed or timed out: they stay spooled and are shipped again. */
export class CdrShipError extends defineError('GW_ERR_CDR_SHIP_FAILED', 'Cannot ship CDRs to the queue') {}

/** A queue job does not hold CDR records: the job fails and stays in the queue's failed set. */
export class CdrBadJobError extends defineError('GW_ERR_CDR_BAD_JOB', 'Queue job is not a batch of CDRs') {}

/** A CDR query (CLI options or HTTP query string) is not valid. */
export class CdrBadQueryError extends defineError('GW_ERR_CDR_BAD_QUERY', 'Invalid CDR query') {}

/** No CDR has the id asked for (or it is past retention). */
export class CdrNotFoundError extends defineError('GW_ERR_CDR_NOT_FOUND', 'No such CDR') {}

/** The CDR store (Redis) did not answer a query: the admin API answers 503 with this code. */
export class CdrStoreUnavailableError extends defineError('GW_ERR_CDR_STORE_UNAVAILABLE', 'The CDR store cannot be queried') {}
