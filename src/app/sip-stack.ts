// The SIP side of the composition root: one transport per listen address of the configuration
// (gateway.sip.listen: UDP, TCP, TLS with its certificate files), the transport layer over them,
// and the UA core behind the front door (ACL, digest, drain), bound to the layer.
import { readFileSync } from 'node:fs';
import type { GatewayConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import { TcpTransport, TlsTransport, TransportLayer, UdpTransport, type Endpoint, type Transport } from '../sip/transport/index.js';
import { TransportBinding, type UserAgent } from '../sip/ua/index.js';
import { FrontDoor, GatewayUserAgent, type FrontDoorOptions } from './front-door.js';
import type { Logger } from './logger.js';
import { DISCARD_SUMMARY_MSG, RefusalLog } from './refusal-log.js';

export interface Listening extends Endpoint {
  readonly transport: Transport['protocol'];
}

export interface SipStack {
  readonly ua: UserAgent;
  readonly door: FrontDoor;
  readonly listening: readonly Listening[];
  close(): Promise<void>;
}

export interface SipStackOptions extends Omit<FrontDoorOptions, 'send' | 'log'> {
  readonly gateway: GatewayConfig;
  readonly clock: Clock;
  /** the SIP module's logger: refusals, transport errors, discarded messages; UA transitions at trace */
  readonly log: Logger;
}

function transportsOf(gateway: GatewayConfig, clock: Clock): Transport[] {
  const { listen, tls } = gateway.sip;
  const out: Transport[] = [
    ...listen.udp.map((a) => new UdpTransport({ host: a.host, port: a.port })),
    ...listen.tcp.map((a) => new TcpTransport({ host: a.host, port: a.port, clock })),
  ];
  if (tls === undefined) return out;
  const files = { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile), ...(tls.caFile === undefined ? {} : { ca: readFileSync(tls.caFile) }) };
  return [...out, ...listen.tls.map((a) => new TlsTransport({ host: a.host, port: a.port, clock, ...files }))];
}

/** Binds every listener (rejecting with GW_ERR_SIP_TRANSPORT_LISTEN_FAILED if one cannot bind) and starts the UA. */
export async function startSipStack(options: SipStackOptions): Promise<SipStack> {
  const { log } = options;
  const layer = new TransportLayer();
  const transports = transportsOf(options.gateway, options.clock);
  for (const t of transports) layer.register(t);
  try {
    await Promise.all(transports.map((t) => t.listen()));
  } catch (e) {
    await layer.close();
    throw e;
  }
  layer.on('error', ({ error, peer }) => log.warn({ code: error.code, peer: peer === undefined ? undefined : `${peer.address}:${peer.port}` }, error.message));
  // Malformed or stray messages are logged one by one up to the refusals' limit per source
  // address, then summarized (a flood of garbage must not flood the log).
  const discards = new RefusalLog({ clock: options.clock, log, summary: DISCARD_SUMMARY_MSG });
  layer.on('discarded', ({ source, reason, answered }) => {
    if (discards.admit(source.address)) log.info({ source: `${source.transport} ${source.address}:${source.port}`, answered }, `discarded: ${reason}`);
  });
  const binding = new TransportBinding(layer);
  const door = new FrontDoor({ ...options, strangers: options.gateway.sip.strangers, send: binding.send, log });
  const [first] = transports;
  if (first === undefined) throw new Error('gateway.sip.listen names no address');
  const local = { transport: first.protocol.toUpperCase() as 'UDP' | 'TCP' | 'TLS', host: first.local.address, port: first.local.port };
  const uaLog = log.child({ mod: 'sip.ua' });
  const trace = uaLog.isLevelEnabled('trace');
  const ua = new GatewayUserAgent({ clock: options.clock, send: binding.send, local, accept: ['application/isup'], ...(trace ? { log: (r) => uaLog.trace(r) } : {}) }, door);
  const detach = binding.attach(ua);
  return {
    ua,
    door,
    listening: transports.map((t) => ({ transport: t.protocol, ...t.local })),
    // the UA first: its transactions and calls stop (no retransmission, e.g. a BYE's Timer E,
    // is sent any more), then the transports close with nothing left to send on them
    close: async () => {
      detach();
      ua.close();
      door.close();
      discards.close();
      await layer.close();
    },
  };
}
