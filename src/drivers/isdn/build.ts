// Builds the ISDN driver of one validated pri or bri trunk group: the D-channel transport (TCP),
// layer 2 and the Q.931 interface from the factories the composition root injects (the real ones
// are createL2 in src/isdn/l2 and createQ931Interface in src/isdn/q931), wired transport → L2 →
// Q.931 → driver. B-channel n of span s is CIC s * 32 + n, as the trunk-group manager numbers
// `{ span, channel }` circuits (src/trunkgroups/spec.ts).
import type { IsdnTrunkGroupConfig } from '../../config/types.js';
import type { Clock } from '../../core/clock.js';
import type { L2Options, L2Service } from '../../isdn/l2/service.js';
import type { InterfaceOptions, Q931Interface } from '../../isdn/q931/service.js';
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
}

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
  const l2 = deps.createL2({ side: group.side, mode: ptmp ? 'ptmp' : 'ptp', clock, transmit: (frame) => void transport.send(frame), timers: { ...(group.driver === 'bri' ? { k: 1 } : {}), ...group.l2Timers } });
  const q931 = deps.createQ931Interface({ side: group.side, variant: group.switchType, kind: span.type, ptmp, l2, clock, timers: group.q931Timers });
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
  });
}
