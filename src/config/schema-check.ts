// Validates one file's data against the file schema with ajv (all errors, defaults filled in) and turns
// each ajv error into a ConfigError with a readable message and the position of the offending node.
import { Ajv, type ErrorObject } from 'ajv';
import { FORMATS, type FormatName } from './formats.js';
import type { ConfigError, JsonPath } from './errors.js';
import { fileSchema, SECTIONS } from './schemas/file.js';
import type { Schema } from './schemas/common.js';
import type { SourceFile } from './yaml-source.js';

const ajv = new Ajv({ allErrors: true, verbose: true, useDefaults: true, strict: true, allowUnionTypes: true });
for (const [name, f] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate: f.validate });
ajv.addKeyword('x-timer');
const validateFile = ajv.compile(fileSchema);

/** Checks `data` (filling in schema defaults in place) and returns its errors. */
export function schemaCheck(source: SourceFile, data: unknown): ConfigError[] {
  if (data === null || data === undefined) {
    return [{ code: 'CONFIG_SCHEMA', file: source.path, line: 1, col: 1, path: [], message: `the file is empty; expected at least one of ${SECTIONS.join(', ')}` }];
  }
  if (validateFile(data)) return [];
  // ajv may report one value twice (a null against `type` and `enum`): keep one error per path and message.
  const seen = new Set<string>();
  return (validateFile.errors ?? [])
    .map((e) => translate(source, data, e))
    .filter((e) => {
      const key = `${e.path.join('\u0000')}\u0001${e.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

function translate(source: SourceFile, data: unknown, e: ErrorObject): ConfigError {
  const path = toPath(data, e.instancePath);
  const schema = (e.parentSchema ?? {}) as Schema;
  const at = (p: JsonPath, where: 'key' | 'value' = 'value') => ({ file: source.path, ...source.locate(p, where) });
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { code: 'CONFIG_SCHEMA', ...at(path), path, message: `missing required key "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const keyPath = [...path, key];
      if (schema.patternProperties) return { code: 'CONFIG_SCHEMA', ...at(keyPath, 'key'), path: keyPath, message: `must be ${FORMATS.name.expected}` };
      return { code: 'CONFIG_UNKNOWN_KEY', ...at(keyPath, 'key'), path: keyPath, message: unknownKey(key, Object.keys(schema.properties ?? {})) };
    }
    case 'type':
      return { code: 'CONFIG_SCHEMA', ...at(path), path, message: typeMessage(schema) };
    case 'enum':
      return { code: 'CONFIG_SCHEMA', ...at(path), path, message: `must be one of ${(schema.enum ?? []).join(', ')}` };
    case 'format':
      return { code: 'CONFIG_SCHEMA', ...at(path), path, message: `must be ${FORMATS[schema.format as FormatName].expected}` };
    case 'minimum':
    case 'maximum': {
      const timer = schema['x-timer'];
      if (timer) return { code: 'CONFIG_TIMER_RANGE', ...at(path), path, message: timerRangeMessage(timer.name, schema.minimum ?? 0, schema.maximum ?? 0, timer.ref) };
      return { code: 'CONFIG_SCHEMA', ...at(path), path, message: rangeMessage(schema) };
    }
    case 'minLength':
      return { code: 'CONFIG_SCHEMA', ...at(path), path, message: 'must not be empty' };
    case 'minItems':
      return { code: 'CONFIG_SCHEMA', ...at(path), path, message: schema.minItems === 1 ? 'must not be empty' : `must have at least ${schema.minItems} entries` };
    case 'minProperties':
      return { code: 'CONFIG_SCHEMA', ...at(path), path, message: schema.properties ? `must have at least one of ${Object.keys(schema.properties).join(', ')}` : 'must not be empty' };
    case 'uniqueItems': {
      const i = Number(params.i);
      const j = Number(params.j);
      const [first, later] = i < j ? [i, j] : [j, i];
      return { code: 'CONFIG_SCHEMA', ...at([...path, later]), path: [...path, later], message: `repeats entry [${first}]` };
    }
    default:
      return { code: 'CONFIG_SCHEMA', ...at(path), path, message: e.message ?? e.keyword };
  }
}

/** `must be between 1 and 127`, `must be at least 1`. */
function rangeMessage(s: Schema): string {
  if (s.minimum !== undefined && s.maximum !== undefined) return `must be between ${s.minimum} and ${s.maximum}`;
  if (s.minimum !== undefined) return `must be at least ${s.minimum}`;
  return `must be at most ${s.maximum ?? 0}`;
}

export function timerRangeMessage(name: string, minMs: number, maxMs: number, ref: string): string {
  if (minMs === maxMs) return `${name} must be ${minMs} ms (${human(minMs)}, ${ref})`;
  return `${name} must be between ${minMs} and ${maxMs} ms (${humanRange(minMs, maxMs)}, ${ref})`;
}

/** Both ends in one unit, as Q.764 states them: `90 s to 180 s`, `5 min to 15 min`, `100 ms to 5 s`. */
export function humanRange(minMs: number, maxMs: number): string {
  if (minMs < 1000) return `${human(minMs)} to ${human(maxMs)}`;
  if (minMs % 60_000 === 0 && maxMs % 60_000 === 0) return `${minMs / 60_000} min to ${maxMs / 60_000} min`;
  return `${minMs / 1000} s to ${maxMs / 1000} s`;
}

/** 300 ms, 1.5 s, 20 s, 5 min. */
export function human(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

function typeMessage(s: Schema): string {
  if (s.enum) return `must be one of ${s.enum.join(', ')}`;
  if (s.format) return `must be ${FORMATS[s.format].expected}`;
  const names: Record<string, string> = { string: 'a string', integer: 'an integer', boolean: 'true or false', object: 'a mapping', array: 'a list' };
  const types = Array.isArray(s.type) ? (s.type as readonly string[]) : [s.type as string];
  return `must be ${types.map((t) => names[t] ?? t).join(' or ')}`;
}

function unknownKey(key: string, allowed: readonly string[]): string {
  // Short keys (timer names) are too alike for a suggestion to mean anything.
  const limit = key.length < 4 ? 0 : Math.floor(key.length / 3);
  const close = allowed.filter((k) => k.toLowerCase() === key.toLowerCase() || distance(k.toLowerCase(), key.toLowerCase()) <= limit);
  if (close.length > 0) return `unknown key; did you mean "${close[0] ?? ''}"?`;
  return `unknown key; expected one of ${allowed.join(', ')}`;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** JSON pointer → path, with sequence indexes as numbers. */
function toPath(data: unknown, pointer: string): JsonPath {
  const out: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      out.push(Number(seg));
      node = (node as unknown[])[Number(seg)];
    } else {
      out.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}
