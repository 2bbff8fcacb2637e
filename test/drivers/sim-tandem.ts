// The simulated exchange as Tandem sees it: a started exchange and the messages it sends.
import { FakeClock } from '../../src/core/clock.js';
import type { PortMessage } from '../../src/drivers/port.js';
import { SimExchange, type SimExchangeOptions } from '../../src/drivers/sim/sim-exchange.js';

/** A started exchange on CICs 1..4 and what Tandem receives from it, as `time type cic [detail]`. */
export function simTandem(o: Partial<SimExchangeOptions> = {}) {
  const clock = new FakeClock();
  const sim = new SimExchange({ name: 'sim', cics: [1, 2, 3, 4], clock, ...o });
  const got: string[] = [];
  const messages: PortMessage[] = [];
  sim.subscribe((e) => {
    if (e.kind !== 'message') {
      got.push(`${clock.now()} link ${e.state}`);
      return;
    }
    const m = e.message;
    messages.push(m);
    const detail =
      m.type === 'REL'
        ? ` cause ${m.params.causeIndicators.causeValue}`
        : m.type === 'CPG'
          ? ` event ${m.params.eventInformation.event}`
          : m.type === 'ACM'
            ? ` status ${m.params.backwardCallIndicators.calledPartyStatus}`
            : '';
    got.push(`${clock.now()} ${m.type} ${m.cic}${detail}`);
  });
  sim.start();
  clock.advance(0);
  got.length = 0;
  return { clock, sim, got, messages };
}
