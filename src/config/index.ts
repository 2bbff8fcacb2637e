// Public API of the configuration layer: schemas, validation, error codes and the typed configuration.
export { validateConfig, type ConfigFile, type ValidateOptions, type ValidateResult } from './validate.js';
export { CONFIG_ERROR_CODES, formatConfigError, pathToString, type ConfigError, type ConfigErrorCode, type JsonPath } from './errors.js';
export { SIP_TIMER_LIMITS, type SipBaseTimerName, type SipTimerLimit } from './sip-timers.js';
export { L2_TIMER_LIMITS, Q931_TIMER_LIMITS, type IsdnTimerLimit } from './isdn-timers.js';
export { fileSchema, SECTIONS, type Section } from './schemas/file.js';
export type { Schema } from './schemas/common.js';
export { FORMATS } from './formats.js';
export type * from './types.js';
