// Building and reading the information elements of the messages this interface sends and
// receives (Q.931 §3.1 message contents, §4.5 elements): SETUP from a CallInfo and back, causes,
// call state (§4.5.7), and the variable-length element order of §4.5.1 (ascending identifier).
import {
  CodingStandard,
  IES,
  Location,
  findAllIes,
  findIe,
  type Cause,
  type InformationElement,
  type Q931Message,
} from 'q931-codec';
import { decodeChannel, encodeChannel } from './channel.js';
import type { CallInfo, InterfaceKind } from './service.js';

/** The cause element this side sends: user side location "user", network side "public network serving the local user". */
export function causeIe(value: number, side: 'network' | 'user'): Cause {
  return { codingStandard: CodingStandard.ITU_T, location: side === 'user' ? Location.USER : Location.PUBLIC_NETWORK_LOCAL, causeValue: value };
}

/** Call state element contents (§4.5.7): coding standard ITU-T, state value. */
export function callStateIe(state: number): InformationElement {
  return { name: 'callState', value: Uint8Array.of(state & 0x3f) };
}

export function callStateOf(ies: readonly InformationElement[]): number | undefined {
  const v = findIe(ies, 'callState');
  return v === undefined || v.length < 1 ? undefined : (v[0] as number) & 0x3f;
}

function idOf(ie: InformationElement): number {
  if (ie.name === 'unknown') return ie.id;
  if (ie.name === 'sendingComplete') return 0xa1;
  if (ie.name === 'shift') return 0x90;
  return IES[ie.name].id;
}

/**
 * Codeset 0 variable-length elements in ascending identifier order (§4.5.1), then single-octet
 * elements (sending complete last, as libpri sends it), then whatever follows a codeset shift,
 * in the order given.
 */
export function ordered(ies: readonly InformationElement[]): InformationElement[] {
  const shiftAt = ies.findIndex((ie) => ie.name === 'shift');
  const head = shiftAt < 0 ? [...ies] : ies.slice(0, shiftAt);
  const tail = shiftAt < 0 ? [] : ies.slice(shiftAt);
  const variable = head.filter((ie) => (idOf(ie) & 0x80) === 0).sort((a, b) => idOf(a) - idOf(b));
  const single = head.filter((ie) => (idOf(ie) & 0x80) !== 0 && ie.name !== 'sendingComplete');
  const complete = head.filter((ie) => ie.name === 'sendingComplete');
  return [...variable, ...single, ...complete, ...tail];
}

/** SETUP contents for `info` (channel any/preferred when the driver names none: PRI SETUPs always carry one). */
export function setupIes(info: CallInfo, kind: InterfaceKind): InformationElement[] | undefined {
  const channel = encodeChannel(kind, info.channel ?? { channel: 'any', exclusive: false });
  if (channel === undefined) return undefined;
  const ies: InformationElement[] = [
    { name: 'bearerCapability', value: info.bearer },
    { name: 'channelIdentification', value: channel },
    ...(info.progress ?? []).map((p): InformationElement => ({ name: 'progressIndicator', value: p })),
    ...(info.calling === undefined ? [] : [{ name: 'callingPartyNumber', value: info.calling } as InformationElement]),
    ...(info.called === undefined ? [] : [{ name: 'calledPartyNumber', value: info.called } as InformationElement]),
    ...(info.redirecting === undefined ? [] : [{ name: 'redirectingNumber', value: info.redirecting } as InformationElement]),
    ...(info.others ?? []),
    ...(info.sendingComplete ? [{ name: 'sendingComplete' } as InformationElement] : []),
  ];
  return ordered(ies);
}

const SETUP_OWN = new Set(['bearerCapability', 'channelIdentification', 'progressIndicator', 'callingPartyNumber', 'calledPartyNumber', 'redirectingNumber', 'sendingComplete']);

/** The CallInfo of a received SETUP (its channel already checked by the interface). */
export function callInfoOf(m: Q931Message & { ies: InformationElement[] }, kind: InterfaceKind): CallInfo | undefined {
  const bearer = findIe(m.ies, 'bearerCapability');
  if (bearer === undefined) return undefined;
  const ci = findIe(m.ies, 'channelIdentification');
  const decoded = ci === undefined ? undefined : decodeChannel(kind, ci);
  const channel = decoded !== undefined && 'channels' in decoded ? decoded.choice : undefined;
  const called = findIe(m.ies, 'calledPartyNumber');
  const calling = findIe(m.ies, 'callingPartyNumber');
  const redirecting = findIe(m.ies, 'redirectingNumber');
  const progress = findAllIes(m.ies, 'progressIndicator');
  const others = m.ies.filter((ie) => !SETUP_OWN.has(ie.name));
  return {
    bearer,
    ...(channel === undefined ? {} : { channel }),
    ...(called === undefined ? {} : { called }),
    ...(calling === undefined ? {} : { calling }),
    ...(redirecting === undefined ? {} : { redirecting }),
    sendingComplete: m.ies.some((ie) => ie.name === 'sendingComplete'),
    ...(progress.length === 0 ? {} : { progress }),
    ...(others.length === 0 ? {} : { others }),
  };
}
