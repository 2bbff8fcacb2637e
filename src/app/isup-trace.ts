// The ISUP trace (docs/operations.md "Logs"): at log level debug, every message on every circuit,
// both ways, as one line `{ mod: 'isup', group, dir, cic, type, hex }`, where `hex` is the
// message encoded by ss7-isup-codec with its CIC first (framing `cic`; `tandem isup decode
// --framing cic` reads it back). The driver is wrapped only when debug is enabled.
import { tryEncode } from 'ss7-isup-codec';
import type { DriverListener, PortMessage, SpanDriver } from '../drivers/port.js';
import type { Logger } from './logger.js';

function line(log: Logger, dir: 'out' | 'in', message: PortMessage): void {
  const encoded = tryEncode(message, { framing: 'cic' });
  const hex = encoded.ok ? Buffer.from(encoded.value).toString('hex') : `unencodable: ${encoded.error.message}`;
  log.debug({ dir, cic: message.cic, type: message.type, hex }, `${dir === 'out' ? '→' : '←'} ${message.type} cic ${message.cic}`);
}

/**
 * `driver` itself, or a driver that also logs what goes through it when `log` has debug enabled.
 * Messages from the far end are logged once, by a listener subscribed before any other.
 */
export function traced(driver: SpanDriver, log: Logger): SpanDriver {
  if (!log.isLevelEnabled('debug')) return driver;
  const trace = log.child({ group: driver.name });
  driver.subscribe((event) => {
    if (event.kind === 'message') line(trace, 'in', event.message);
  });
  return {
    name: driver.name,
    cics: driver.cics,
    get link() {
      return driver.link;
    },
    start: () => driver.start(),
    stop: () => driver.stop(),
    seize: (cic) => driver.seize(cic),
    send: (message) => {
      line(trace, 'out', message);
      return driver.send(message);
    },
    openMedia: (cic, offer) => driver.openMedia(cic, offer),
    subscribe: (listener: DriverListener) => driver.subscribe(listener),
  };
}
