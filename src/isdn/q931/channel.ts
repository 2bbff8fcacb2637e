// Channel identification, Q.931 §4.5.13, as this interface codes it: basic rate B1/B2/any in
// octet 3; primary rate "as indicated" with one B-channel number in octet 3.3 (E1 timeslots
// 1-15 and 17-31, T1 channels 1-23), or "any channel" (octet 3 only, 0xA3), the forms libpri
// sends and accepts for EuroISDN and NI2 alike.
import { ChannelSelection, ChannelType, InterfaceType, type ChannelIdentification } from 'q931-codec';
import type { ChannelChoice, InterfaceKind } from './service.js';

/** The B-channels of an interface of this kind, in hunting order. */
export function channelsOf(kind: InterfaceKind): number[] {
  if (kind === 'BRI') return [1, 2];
  if (kind === 'T1') return Array.from({ length: 23 }, (_, i) => i + 1);
  return Array.from({ length: 31 }, (_, i) => i + 1).filter((c) => c !== 16);
}

export function isChannel(kind: InterfaceKind, channel: number): boolean {
  return channelsOf(kind).includes(channel);
}

/** The element for `choice`, or undefined when the channel does not exist on the interface. */
export function encodeChannel(kind: InterfaceKind, choice: ChannelChoice): ChannelIdentification | undefined {
  if (kind === 'BRI') {
    if (choice.channel === 'any') return { interfaceType: InterfaceType.BASIC, exclusive: choice.exclusive, dChannel: false, selection: ChannelSelection.ANY };
    if (!isChannel(kind, choice.channel)) return undefined;
    return { interfaceType: InterfaceType.BASIC, exclusive: choice.exclusive, dChannel: false, selection: choice.channel };
  }
  if (choice.channel === 'any') return { interfaceType: InterfaceType.PRIMARY, exclusive: false, dChannel: false, selection: ChannelSelection.ANY };
  if (!isChannel(kind, choice.channel)) return undefined;
  return channelList(kind, [choice.channel], choice.exclusive);
}

/** Primary rate "as indicated" with a channel number list (RESTART may name several). */
export function channelList(kind: InterfaceKind, channels: readonly number[], exclusive = true): ChannelIdentification {
  if (kind === 'BRI') {
    return { interfaceType: InterfaceType.BASIC, exclusive, dChannel: false, selection: channels.length === 1 ? (channels[0] as number) : ChannelSelection.ANY };
  }
  return {
    interfaceType: InterfaceType.PRIMARY,
    exclusive,
    dChannel: false,
    selection: ChannelSelection.AS_INDICATED,
    channel: { codingStandard: 0, channelType: ChannelType.B, numbers: [...channels] },
  };
}

/** Why an element is refused: Q.850 cause 100 (invalid contents) or 82 (channel does not exist). */
export type ChannelProblem = { readonly cause: 82 | 100; readonly text: string };

/** What an element asks for; `none` for "no channel" (selection 0). */
export function decodeChannel(kind: InterfaceKind, ci: ChannelIdentification): { choice?: ChannelChoice; channels: number[] } | ChannelProblem {
  const basic = ci.interfaceType === InterfaceType.BASIC;
  if (basic !== (kind === 'BRI')) return { cause: 100, text: `a ${basic ? 'basic' : 'primary'} rate channel identification on a ${kind} interface` };
  if (ci.dChannel) return { cause: 100, text: 'the D-channel is indicated' };
  if (ci.selection === ChannelSelection.NO_CHANNEL) return { channels: [] };
  if (ci.selection === ChannelSelection.ANY) return { choice: { channel: 'any', exclusive: ci.exclusive }, channels: [] };
  if (basic) return { choice: { channel: ci.selection, exclusive: ci.exclusive }, channels: [ci.selection] };
  if (ci.selection !== ChannelSelection.AS_INDICATED) return { cause: 100, text: `channel selection ${ci.selection} is reserved` };
  const c = ci.channel;
  if (c === undefined || c.numbers === undefined || c.numbers.length === 0) return { cause: 100, text: 'no channel number (slot maps are not supported)' };
  if (c.channelType !== ChannelType.B) return { cause: 100, text: `channel type ${c.channelType} is not B-channel units` };
  for (const n of c.numbers) if (!isChannel(kind, n)) return { cause: 82, text: `channel ${n} does not exist on a ${kind} interface` };
  return { choice: { channel: c.numbers[0] as number, exclusive: ci.exclusive }, channels: [...c.numbers] };
}
