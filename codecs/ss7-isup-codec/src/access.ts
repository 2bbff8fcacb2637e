// Helpers to read optional parameters by name with their value types.
import type { ParamName, ParamValues } from './params/table.js';
import type { OptionalParam } from './types.js';

/** The first optional parameter named `name`, or undefined. */
export function findOptional<K extends ParamName>(optional: readonly OptionalParam[], name: K): ParamValues[K] | undefined {
  for (const o of optional) if (o.name === name) return o.value as ParamValues[K];
  return undefined;
}

/** Every optional parameter named `name`, in wire order (generic number may repeat). */
export function findAllOptional<K extends ParamName>(optional: readonly OptionalParam[], name: K): ParamValues[K][] {
  const out: ParamValues[K][] = [];
  for (const o of optional) if (o.name === name) out.push(o.value as ParamValues[K]);
  return out;
}
