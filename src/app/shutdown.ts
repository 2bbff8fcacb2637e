// Graceful shutdown on SIGTERM and SIGINT (docs/operations.md "Stopping"): the first signal
// starts the gateway's shutdown with the grace time; a second one cuts the grace time short, so
// the calls still up are released at once. Resolves once the gateway has stopped.
import type { RunningGateway, ShutdownReport } from './gateway.js';
import type { Logger } from './logger.js';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export const DEFAULT_GRACE_MS = 30_000;

export function shutdownOnSignal(gateway: RunningGateway, graceMs: number, log: Logger): Promise<ShutdownReport> {
  return new Promise((resolve, reject) => {
    const cut = new AbortController();
    let started = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (started) {
        log.warn({ signal, calls: gateway.activeCalls() }, 'second signal: releasing the remaining calls now');
        cut.abort();
        return;
      }
      started = true;
      log.info({ signal, graceMs, calls: gateway.activeCalls() }, 'shutting down: refusing new calls, waiting for calls in progress');
      gateway.shutdown(graceMs, cut.signal).then(
        (report) => {
          for (const s of SHUTDOWN_SIGNALS) process.off(s, onSignal);
          log.info(report, 'stopped');
          resolve(report);
        },
        (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))),
      );
    };
    for (const s of SHUTDOWN_SIGNALS) process.on(s, onSignal);
  });
}
