// The SIP registrar (RFC 3261 §10.3) for configured accounts. See docs/sip-auth.md.
export { MemoryBindingStore, type Binding, type BindingStore, type RegisterSource } from './bindings.js';
export { Registrar, type RegisterOutcome, type RegistrarAccount, type RegistrarOptions } from './registrar.js';
export { newTag, responseTo } from './response.js';
export {
  RegisterBadExtension,
  RegisterBadRequest,
  RegisterForbidden,
  RegisterIntervalTooBrief,
  RegisterOutOfOrder,
  RegisterTooManyBindings,
} from './errors.js';
