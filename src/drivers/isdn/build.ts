// Builds the ISDN driver of one validated pri or bri trunk group: the D-channel transport (TCP),
// layer 2 and the Q.931 interface from the factories the composition root injects (the real ones
// are createL2 in src/isdn/l2 and createQ931Interface in src/isdn/q931), wired transport → L2 →
// Q.931 → driver. B-channel n of span s is CIC s * 32 + n, as the trunk-group manager numbers
// `{ span, channel }` circuits (src/trunkgroups/spec.ts).
import type { IsdnTrunkGroupConfig } from '../../config/types.js';
import type { Clock } from '../../core/clock.js';
import { decodeMessage, type Q931Message } from 'q931-codec';
import type { L2Indication, L2Options, L2Service } from '../../isdn/l2/service.js';
import type { InterfaceOptions, Q931Event, Q931Interface } from '../../isdn/q931/service.js';
import type { RtpEchoFactory } from '../sim/media.js';
import { udpRtpEcho } from '../sim/rtp-echo.js';
import { TcpDChannel, type DChannelOptions, type DChannelTransport } from './dchannel-socket.js';
import { IsdnDriver } from './isdn-driver.js';

export interface IsdnDriverDeps {
  readonly clock: Clock;
  readonly createL2: (o: L2Options) => L2Service;
  readonly createQ931Interface: (o: InterfaceOptions) => Q931Interface;
  /** bearer media; default: the RTP loopback of the simulated exchange on 127.0.0.1 (no TDM hardware here) */
  readonly media?: RtpEchoFactory;
  /** the D-channel transport; default TcpDChannel */
  readonly createTransport?: (o: DChannelOptions) => DChannelTransport;
  /** what happens on the D-channel, for logs (the app logs it as module `isdn`) */
  readonly trace?: (record: IsdnTraceRecord) => void;
}

/** One D-channel happening: the transport, a layer 2 indication, a Q.931 message sent, or a Q.931 event. */
export type IsdnTraceRecord =
  | { readonly layer: 'dchannel'; readonly event: 'up' | 'down' | 'fcsError'; readonly detail?: string }
  | { readonly layer: 'l2'; readonly indication: L2Indication }
  | { readonly layer: 'q931'; readonly dir: 'out'; readonly tei: number; readonly message: Q931Message | undefined; readonly octets: Uint8Array }
  | { readonly layer: 'q931'; readonly dir: 'in'; readonly event: Q931Event };

/** The CIC of B-channel `channel` of span `span`. */
export const isdnCic = (span: number, channel: number): number => span * 32 + channel;

/** The driver for `group` (validated: exactly one span). Call start() to bring it up. */
export function buildIsdnDriver(group: IsdnTrunkGroupConfig, deps: IsdnDriverDeps): IsdnDriver {
  const span = group.spans[0];
  if (span === undefined || group.spans.length !== 1) throw new RangeError(`trunk group ${group.name}: an ISDN trunk group has exactly one span`);
  const { clock } = deps;
  const ptmp = group.driver === 'bri' && group.briMode === 'ptmp';
  const transportOptions: DChannelOptions = { endpoint: group.dchannel, clock, fcs: group.fcs };
  const transport = (deps.createTransport ?? ((o) => new TcpDChannel(o)))(transportOptions);
  const trace = deps.trace;
  if (trace !== undefined) {
    transport.subscribe((e) => {
      if (e.kind === 'up') trace({ layer: 'dchannel', event: 'up' });
      else if (e.kind === 'down') trace({ layer: 'dchannel', event: 'down', detail: e.reason });
      else if (e.kind === 'fcsError') trace({ layer: 'dchannel', event: 'fcsError', detail: `${e.count} bad frames (last ${e.length} octets)` });
    });
  }
  const created = deps.createL2({ side: group.side, mode: ptmp ? 'ptmp' : 'ptp', clock, transmit: (frame) => void transport.send(frame), timers: { ...(group.driver === 'bri' ? { k: 1 } : {}), ...group.l2Timers } });
  const l2: L2Service = trace === undefined ? created : traceL2(created, trace);
  const q931 = deps.createQ931Interface({ side: group.side, variant: group.switchType, kind: span.type, ptmp, l2, clock, timers: group.q931Timers });
  if (trace !== undefined) q931.subscribe((event) => trace({ layer: 'q931', dir: 'in', event }));
  return new IsdnDriver({
    name: group.name,
    side: group.side,
    kind: span.type,
    ptmp,
    channels: span.channels.map((channel) => ({ channel, cic: isdnCic(span.span, channel) })),
    clock,
    channelSelection: group.channelSelection,
    media: deps.media ?? udpRtpEcho(),
    q931,
    l2,
    transport,
    // call control collects overlap digits only for groups with an overlap rule: the others are en bloc
    overlapReceiving: group.overlap !== undefined,
  });
}

/** `l2` with its indications and the Q.931 messages handed to it reported to `trace`. */
function traceL2(l2: L2Service, trace: (record: IsdnTraceRecord) => void): L2Service {
  l2.subscribe((indication) => {
    if (indication.kind !== 'data' && indication.kind !== 'unitData') trace({ layer: 'l2', indication });
  });
  const out = (tei: number, octets: Uint8Array): void => {
    const decoded = decodeMessage(octets);
    trace({ layer: 'q931', dir: 'out', tei, message: decoded.ok ? decoded.value : undefined, octets });
  };
  // a plain object delegating to l2 (its methods bound: the implementation keeps private state)
  const wrapped: L2Service = {
    physical: (up) => l2.physical(up),
    receive: (frame) => l2.receive(frame),
    establish: (tei) => l2.establish(tei),
    release: (tei) => l2.release(tei),
    data: (tei, info) => {
      out(tei, info);
      l2.data(tei, info);
    },
    unitData: (tei, info) => {
      out(tei, info);
      l2.unitData(tei, info);
    },
    established: () => l2.established(),
    subscribe: (listener) => l2.subscribe(listener),
    ...(l2.state === undefined ? {} : { state: (tei?: number) => l2.state?.(tei) }),
    ...(l2.teiCheck === undefined ? {} : { teiCheck: (tei: number) => l2.teiCheck?.(tei) }),
    ...(l2.teiRemove === undefined ? {} : { teiRemove: (tei: number) => l2.teiRemove?.(tei) }),
  };
  return wrapped;
}
