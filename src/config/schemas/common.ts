// The JSON Schema subset the configuration schemas use, and helpers that keep every object closed
// (`additionalProperties: false`) and every property described. The docs generator and the ajv error
// translator read these same objects.
import { FORMATS, type FormatName } from '../formats.js';

/** A timer row as a schema annotation: the error for an out-of-range value names it. */
export interface TimerAnnotation {
  readonly name: string;
  readonly ref: string;
}

export interface Schema {
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'boolean' | readonly ('string' | 'integer')[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly patternProperties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: false;
  readonly required?: readonly string[];
  readonly minProperties?: number;
  readonly items?: Schema;
  readonly minItems?: number;
  readonly uniqueItems?: boolean;
  readonly enum?: readonly (string | number)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly format?: FormatName;
  readonly default?: unknown;
  readonly 'x-timer'?: TimerAnnotation;
}

/** A closed object: unknown keys are errors. */
export function object(description: string, properties: Record<string, Schema>, opts: { required?: string[]; default?: unknown; minProperties?: number } = {}): Schema {
  return {
    type: 'object',
    description,
    properties,
    additionalProperties: false,
    ...(opts.required && opts.required.length > 0 ? { required: opts.required } : {}),
    ...(opts.minProperties !== undefined ? { minProperties: opts.minProperties } : {}),
    ...(opts.default !== undefined ? { default: opts.default } : {}),
  };
}

/** A map keyed by name (peers, trunk groups): keys must match `pattern`, values match `value`. */
export function namedMap(description: string, pattern: string, value: Schema): Schema {
  return { type: 'object', description, minProperties: 1, patternProperties: { [pattern]: value }, additionalProperties: false };
}

export function str(description: string, extra: Omit<Schema, 'type' | 'description'> = {}): Schema {
  return { type: 'string', description, minLength: 1, ...extra };
}

export function fmt(format: FormatName, description: string, extra: Omit<Schema, 'type' | 'description' | 'format'> = {}): Schema {
  return { type: 'string', description, format, ...extra };
}

export function int(description: string, minimum: number, maximum?: number, extra: Omit<Schema, 'type' | 'description'> = {}): Schema {
  return { type: 'integer', description, minimum, ...(maximum !== undefined ? { maximum } : {}), ...extra };
}

export function oneOf(values: readonly string[], description: string, extra: Omit<Schema, 'enum' | 'description'> = {}): Schema {
  return { type: 'string', description, enum: values, ...extra };
}

export function bool(description: string, dflt?: boolean): Schema {
  return { type: 'boolean', description, ...(dflt !== undefined ? { default: dflt } : {}) };
}

export function list(description: string, items: Schema, extra: Omit<Schema, 'type' | 'description' | 'items'> = {}): Schema {
  return { type: 'array', description, items, ...extra };
}

/** Numbers and ranges, `1-15,17-31`; a single number may be written as a YAML integer. */
export function rangeList(description: string): Schema {
  return { type: ['string', 'integer'], description, format: 'range-list', minimum: 0 };
}

/** Timer overrides in milliseconds, one optional property per row, each limited to the row's range. */
export function timerTable(description: string, rows: readonly { name: string; minMs: number; maxMs: number; defaultMs: number; ref: string; desc: string }[]): Schema {
  const properties: Record<string, Schema> = {};
  for (const r of rows) {
    properties[r.name] = { type: 'integer', description: r.desc, minimum: r.minMs, maximum: r.maxMs, default: r.defaultMs, 'x-timer': { name: r.name, ref: r.ref } };
  }
  return { type: 'object', description, properties, additionalProperties: false, default: {} };
}

/** Phrase used after "must be" for a format. */
export function formatExpected(format: FormatName): string {
  return FORMATS[format].expected;
}
