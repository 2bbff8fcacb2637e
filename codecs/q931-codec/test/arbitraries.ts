// fast-check generators for frames, TEI management messages, information elements and whole
// Q.931 messages. Each yields values in the form the decoders produce (canonical), so that
// decode(encode(x)) must equal x exactly.
import fc from 'fast-check';
import { FRAMES, IES, MESSAGES, TEI_MESSAGES, type IeName, type InformationElement, type LapdFrame, type Q931Message, type TeiMessage } from '../src/index.js';

const int = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max });
const bytes = (min: number, max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: min, maxLength: max });
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
/** A non-zero value made only of bits in `mask`, or undefined. */
const spare = (mask: number): fc.Arbitrary<number | undefined> => maybe(int(1, mask).map((x) => x & mask).filter((x) => x !== 0));

/** Drops undefined properties, as the decoders never set them. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** An extension chain: octets with bit 8 = 0, then one with bit 8 = 1. */
export const chain = (max: number): fc.Arbitrary<Uint8Array> =>
  fc.array(int(0, 0x7f), { minLength: 1, maxLength: max }).map((xs) => Uint8Array.from(xs, (x, i) => (i === xs.length - 1 ? x | 0x80 : x)));

// ---------------------------------------------------------------------------------------
// Q.921 frames and TEI management

const address = fc.record({ sapi: int(0, 63), cr: fc.boolean(), tei: int(0, 127) });
const names = (format: string, info: boolean): string[] => Object.entries(FRAMES).filter(([, d]) => d.format === format && d.info === info).map(([n]) => n);
const knownS = new Set<number>(Object.values(FRAMES).filter((d) => d.format === 'S').map((d) => d.code));
const knownU = new Set<number>(Object.values(FRAMES).filter((d) => d.format === 'U').map((d) => d.code));

export const frameArb: fc.Arbitrary<LapdFrame> = fc.oneof(
  fc.tuple(address, int(0, 127), int(0, 127), fc.boolean(), bytes(0, 40)).map(([a, ns, nr, p, info]) => ({ ...a, type: 'I', ns, nr, p, info })),
  fc.tuple(address, fc.constantFrom(...names('S', false)), int(0, 127), fc.boolean(), maybe(bytes(1, 4))).map(([a, type, nr, pf, info]) => compact({ ...a, type, nr, pf, info })),
  fc.tuple(address, fc.constantFrom(...names('U', true)), fc.boolean(), bytes(0, 30)).map(([a, type, pf, info]) => ({ ...a, type, pf, info })),
  fc.tuple(address, fc.constantFrom(...names('U', false)), fc.boolean(), maybe(bytes(1, 4))).map(([a, type, pf, info]) => compact({ ...a, type, pf, info })),
  fc.tuple(address, int(0, 255), int(0, 255), bytes(0, 8)).map(([a, c1, c2, info]) => {
    const u = (c1 | 3) & ~0x10;
    if (!knownU.has(u)) return { ...a, type: 'UNKNOWN', control: Uint8Array.of(c1 | 3), info };
    const s = (c1 & ~3) | 1;
    return { ...a, type: 'UNKNOWN', control: Uint8Array.of(knownS.has(s) ? 0x0d : s, c2), info };
  }),
) as fc.Arbitrary<LapdFrame>;

const teiCodes = new Set<number>(Object.values(TEI_MESSAGES).map((d) => d.code));
export const teiArb: fc.Arbitrary<TeiMessage> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...Object.keys(TEI_MESSAGES)).map((type) => ({ type })),
      int(0, 255).filter((c) => !teiCodes.has(c)).map((code) => ({ type: 'UNKNOWN', code })),
    ),
    int(0, 0xffff),
    int(0, 127),
    maybe(bytes(1, 3)),
  )
  .map(([t, ri, ai, trailing]) => compact({ ...t, ri, ai, trailing }) as TeiMessage);

// ---------------------------------------------------------------------------------------
// Information elements

const ia5 = (max: number): fc.Arbitrary<string> => fc.array(int(0, 0x7f), { maxLength: max }).map((xs) => String.fromCharCode(...xs));
const layer = (): fc.Arbitrary<{ protocol: number; more?: Uint8Array } | undefined> => maybe(fc.record({ protocol: int(0, 31), more: maybe(chain(3)) }).map(compact));

const bearerCapability = fc
  .record({
    codingStandard: fc.oneof(fc.constant(0), int(0, 3)),
    transferCapability: int(0, 31),
    transferMode: int(0, 3),
    transferRate: fc.oneof(fc.constant(0x18), int(0, 31)),
    rateMultiplier: int(0, 127),
    layer1: layer(),
    layer2: layer(),
    layer3: layer(),
    // first octet with bits 7-6 = 00 never reads as a layer group
    more: maybe(bytes(1, 4).map((m) => Uint8Array.from(m, (x, i) => (i === 0 ? x & 0x9f : x)))),
  })
  .map((v) => {
    const o: Record<string, unknown> = { ...v };
    if (v.transferRate !== 0x18) delete o.rateMultiplier;
    if (v.codingStandard !== 0) for (const k of ['layer1', 'layer2', 'layer3']) delete o[k];
    return compact(o);
  });

const channelIdentification = fc
  .record({
    interfaceType: int(0, 1),
    exclusive: fc.boolean(),
    dChannel: fc.boolean(),
    selection: int(0, 3),
    interfaceId: maybe(chain(2)),
    channel: maybe(
      fc.record({
        codingStandard: int(0, 3),
        channelType: int(0, 15),
        map: fc.oneof(fc.array(int(0, 127), { maxLength: 4 }).map((numbers) => ({ numbers })), bytes(0, 4).map((slotMap) => ({ slotMap }))),
      }),
    ),
    more: maybe(bytes(1, 3)),
    spare: spare(0x10),
  })
  .map((v) => {
    const o: Record<string, unknown> = { ...v };
    if (v.channel !== undefined) o.channel = { codingStandard: v.channel.codingStandard, channelType: v.channel.channelType, ...v.channel.map };
    if (v.interfaceType === 0) delete o.channel;
    else if (v.channel === undefined || !('numbers' in v.channel.map) || v.channel.map.numbers.length === 0) delete o.more;
    return compact(o);
  });

const called = fc.record({ typeOfNumber: int(0, 7), numberingPlan: int(0, 15), digits: ia5(20) });
const calling = fc
  .tuple(called, maybe(fc.record({ presentation: int(0, 3), screening: int(0, 3), spare: spare(0x1c) }).map(compact)))
  .map(([n, o3a]) => ({ ...n, ...o3a }));

const redirecting = fc
  .tuple(
    called,
    maybe(
      fc
        .record({ presentation: int(0, 3), screening: int(0, 3), spare: spare(0x1c), o3b: maybe(fc.record({ reason: int(0, 15), reasonSpare: spare(0x70) })) })
        .map(({ o3b, ...o3a }) => compact({ ...o3a, ...o3b })),
    ),
  )
  .map(([n, o3]) => ({ ...n, ...o3 }));

const cause = fc
  .record({
    codingStandard: int(0, 3),
    location: int(0, 15),
    recommendation: maybe(int(0, 127)),
    causeValue: int(0, 127),
    diagnostics: maybe(bytes(1, 6)),
    spare: spare(0x10),
  })
  .map(compact);

/** Generators for the typed elements; every other row of IES is raw contents. */
const TYPED: Partial<Record<IeName, fc.Arbitrary<unknown>>> = {
  bearerCapability,
  cause,
  channelIdentification,
  progressIndicator: fc.record({ codingStandard: int(0, 3), location: int(0, 15), description: int(0, 127), spare: spare(0x1000) }).map(compact),
  notificationIndicator: fc.record({ description: int(0, 127), more: maybe(bytes(1, 4)) }).map(compact),
  display: fc.array(int(0, 255), { maxLength: 40 }).map((xs) => String.fromCharCode(...xs)),
  connectedNumber: calling,
  callingPartyNumber: calling,
  calledPartyNumber: called,
  redirectingNumber: redirecting,
  restartIndicator: fc.record({ restartClass: int(0, 7), spare: spare(0x78) }).map(compact),
};

export function ieValueArb(name: IeName): fc.Arbitrary<unknown> {
  return TYPED[name] ?? bytes(0, 20);
}

/** Names of the elements generated as typed values (the rest are raw rows). */
export const TYPED_IES = Object.keys(TYPED) as IeName[];

const namedIds = new Set<number>(Object.values(IES).map((d) => d.id));
/** An element the table does not name in `codeset`: variable length or single octet. */
function unknownIe(codeset: number): fc.Arbitrary<InformationElement> {
  const variable = int(0, 0x7f)
    .filter((id) => codeset !== 0 || !namedIds.has(id))
    .chain((id) => bytes(0, 10).map((contents) => ({ name: 'unknown' as const, codeset, id, contents })));
  const single = int(0x80, 0xff)
    .filter((id) => (id & 0xf0) !== 0x90 && (codeset !== 0 || id !== 0xa1))
    .map((id) => ({ name: 'unknown' as const, codeset, id }));
  return fc.oneof({ weight: 3, arbitrary: variable }, { weight: 1, arbitrary: single });
}

const namedIe: fc.Arbitrary<InformationElement> = fc
  .constantFrom(...(Object.keys(IES) as IeName[]))
  .chain((name) => ieValueArb(name).map((value) => ({ name, value }) as InformationElement));

/** Items in codeset 0: named, unknown, sending complete, or a non-locking shift and the element it covers. */
const codeset0Item: fc.Arbitrary<InformationElement[]> = fc.oneof(
  { weight: 6, arbitrary: namedIe.map((ie) => [ie]) },
  { weight: 2, arbitrary: unknownIe(0).map((ie) => [ie]) },
  { weight: 1, arbitrary: fc.constant<InformationElement[]>([{ name: 'sendingComplete' }]) },
  {
    weight: 1,
    arbitrary: int(0, 7).chain((codeset) =>
      (codeset === 0 ? namedIe : unknownIe(codeset)).map((ie): InformationElement[] => [{ name: 'shift', locking: false, codeset }, ie]),
    ),
  },
);

export const iesArb: fc.Arbitrary<InformationElement[]> = fc
  .tuple(
    fc.array(codeset0Item, { maxLength: 6 }),
    maybe(int(1, 7).chain((codeset) => fc.array(unknownIe(codeset), { maxLength: 3 }).map((rest): InformationElement[] => [{ name: 'shift', locking: true, codeset }, ...rest]))),
  )
  .map(([items, tail]) => [...items.flat(), ...(tail ?? [])]);

// ---------------------------------------------------------------------------------------
// Messages

export const callReferenceArb = int(0, 4).chain((length) =>
  fc
    .record({ length: fc.constant(length), flag: length === 0 ? fc.constant(false) : fc.boolean(), value: length === 0 ? fc.constant(0) : int(0, 2 ** (8 * length - 1) - 1), spare: spare(0x0f) })
    .map(compact),
);

const messageCodes = new Set<number>(Object.values(MESSAGES).map((d) => d.code));

export function messageArb(type: keyof typeof MESSAGES): fc.Arbitrary<Q931Message> {
  return fc.record({ callReference: callReferenceArb, ies: iesArb }).map<Q931Message>((r) => ({ type, ...r }));
}

export const anyMessageArb: fc.Arbitrary<Q931Message> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...(Object.keys(MESSAGES) as (keyof typeof MESSAGES)[])).chain(messageArb) },
  {
    weight: 1,
    arbitrary: fc
      .record({ code: int(0, 255).filter((c) => !messageCodes.has(c)), callReference: callReferenceArb, body: bytes(0, 12) })
      .map((r): Q931Message => ({ type: 'UNKNOWN', ...r })),
  },
);
