// Helpers to read information elements by name with their value types.
import type { IeName, IeValues } from './ies/table.js';
import type { InformationElement } from './types.js';

/** The value of the first element named `name`, or undefined. */
export function findIe<K extends IeName>(ies: readonly InformationElement[], name: K): IeValues[K] | undefined {
  for (const ie of ies) if (ie.name === name) return (ie as unknown as { value: IeValues[K] }).value;
  return undefined;
}

/** The values of every element named `name`, in wire order (progress indicators may repeat). */
export function findAllIes<K extends IeName>(ies: readonly InformationElement[], name: K): IeValues[K][] {
  const out: IeValues[K][] = [];
  for (const ie of ies) if (ie.name === name) out.push((ie as unknown as { value: IeValues[K] }).value);
  return out;
}
