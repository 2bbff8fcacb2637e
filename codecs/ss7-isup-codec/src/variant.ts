// A variant is a parameter table plus a message table (plus the CIC width). ITU-T is the
// base; a national or ANSI variant is an overlay that replaces, adds or removes rows of the
// base tables (Yate's s_common_params + s_itu_params / s_ansi_params), never a copy of them.
import { MESSAGES, type MessageDescriptor } from './messages.js';
import type { AnyParamDescriptor } from './param-codec.js';
import { PARAMS } from './params/table.js';

export interface VariantSpec {
  readonly name: string;
  readonly cicBits: number;
  readonly params: Readonly<Record<string, AnyParamDescriptor>>;
  readonly messages: Readonly<Record<string, MessageDescriptor>>;
}

export interface ParamRow extends AnyParamDescriptor {
  readonly name: string;
}

export interface MessageRow extends MessageDescriptor {
  readonly name: string;
  readonly fixedRows: readonly ParamRow[];
  readonly variableRows: readonly ParamRow[];
}

/** A spec compiled into lookup arrays for the codec. */
export interface Variant {
  readonly name: string;
  readonly cicMask: number;
  readonly spec: VariantSpec;
  readonly messageByCode: readonly (MessageRow | undefined)[];
  readonly messageByName: ReadonlyMap<string, MessageRow>;
  readonly paramByCode: readonly (ParamRow | undefined)[];
  readonly paramByName: ReadonlyMap<string, ParamRow>;
}

/** Compile a spec; throws on an inconsistent table (a programming error, found at load time). */
export function defineVariant(spec: VariantSpec): Variant {
  const paramByCode: (ParamRow | undefined)[] = new Array<ParamRow | undefined>(256).fill(undefined);
  const paramByName = new Map<string, ParamRow>();
  for (const [name, d] of Object.entries(spec.params)) {
    if (d.code <= 0 || d.code > 255) throw new Error(`${spec.name}: parameter ${name} has code ${d.code}`);
    if (paramByCode[d.code] !== undefined) throw new Error(`${spec.name}: parameter code 0x${d.code.toString(16)} used twice`);
    const r: ParamRow = { ...d, name };
    paramByCode[d.code] = r;
    paramByName.set(name, r);
  }
  const messageByCode: (MessageRow | undefined)[] = new Array<MessageRow | undefined>(256).fill(undefined);
  const messageByName = new Map<string, MessageRow>();
  for (const [name, d] of Object.entries(spec.messages)) {
    if (messageByCode[d.code] !== undefined) throw new Error(`${spec.name}: message code 0x${d.code.toString(16)} used twice`);
    const rows = (names: readonly string[], fixed: boolean): ParamRow[] =>
      names.map((p) => {
        const r = paramByName.get(p);
        if (r === undefined) throw new Error(`${spec.name}: ${name} names unknown parameter ${p}`);
        if (fixed && r.len === undefined) throw new Error(`${spec.name}: ${name} has ${p} as fixed but it has no fixed length`);
        return r;
      });
    const r: MessageRow = { ...d, name, fixedRows: rows(d.fixed, true), variableRows: rows(d.variable, false) };
    messageByCode[d.code] = r;
    messageByName.set(name, r);
  }
  return { name: spec.name, cicMask: (1 << spec.cicBits) - 1, spec, messageByCode, messageByName, paramByCode, paramByName };
}

/** Overlay rows on a base spec: a row replaces or adds; `null` removes the base row. */
export function overlaySpec(
  base: VariantSpec,
  overlay: {
    name: string;
    cicBits?: number;
    params?: Readonly<Record<string, AnyParamDescriptor | null>>;
    messages?: Readonly<Record<string, MessageDescriptor | null>>;
  },
): VariantSpec {
  const merge = <T>(b: Readonly<Record<string, T>>, o: Readonly<Record<string, T | null>> | undefined): Record<string, T> => {
    const out: Record<string, T> = { ...b };
    for (const [k, v] of Object.entries(o ?? {})) {
      if (v === null) delete out[k];
      else out[k] = v;
    }
    return out;
  };
  return { name: overlay.name, cicBits: overlay.cicBits ?? base.cicBits, params: merge(base.params, overlay.params), messages: merge(base.messages, overlay.messages) };
}

export const ITU_SPEC: VariantSpec = { name: 'itu', cicBits: 12, params: PARAMS, messages: MESSAGES };
/** ITU-T Q.763 (the default variant). */
export const ITU: Variant = defineVariant(ITU_SPEC);
