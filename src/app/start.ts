// `tandem start [--config DIR] [--grace-ms N] [--log-level L]`: validate the configuration
// (errors printed as `tandem check` prints them, exit 1), start the gateway, log where it
// listens, and run until SIGTERM or SIGINT, then shut down gracefully and exit 0
// (docs/operations.md).
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Level } from 'pino';
import { formatConfigError } from '../config/index.js';
import { systemClock } from '../core/clock.js';
import { registerCdrRoutes } from './cdr-http.js';
import { openCdrRecorder } from './cdr-recorder.js';
import { summary } from './check-command.js';
import { DEFAULT_CONFIG_DIR, loadConfigDir } from './config-loader.js';
import { startGateway } from './gateway.js';
import { createLogger, DEFAULT_LOG_LEVEL, LOG_LEVELS } from './logger.js';
import { applyRuntime } from './runtime.js';
import { DEFAULT_GRACE_MS, shutdownOnSignal } from './shutdown.js';

export interface StartOptions {
  readonly config: string;
  readonly graceMs: number;
  readonly logLevel: Level;
}

/** Runs the gateway until it is stopped; resolves with the process exit code. */
export async function startCommand(options: StartOptions): Promise<number> {
  const loaded = loadConfigDir(options.config);
  if (!loaded.ok) {
    const lines = loaded.errors.map(formatConfigError);
    process.stderr.write(`${lines.join('\n')}\n${lines.length} error${lines.length === 1 ? '' : 's'}\n`);
    return 1;
  }
  const { config } = loaded;
  const log = createLogger({ level: options.logLevel, nodeId: config.gateway.nodeId });
  log.info({ config: options.config, pid: process.pid }, `starting: ${summary(config).replace(/^ok: /, '')}`);
  const flags = applyRuntime(config.gateway.runtime);
  log.info({ v8Flags: flags }, flags.length === 0 ? 'runtime: V8 defaults' : `runtime: ${flags.join(' ')}`);
  let gateway;
  const cdr = await openCdrRecorder({ cdr: config.gateway.cdr, node: config.gateway.nodeId, log: log.child({ mod: 'cdr' }) });
  try {
    gateway = await startGateway({ config, log, onCallEvent: cdr.onCallEvent, adminRoutes: (app) => registerCdrRoutes(app, cdr.store, systemClock) });
  } catch (e) {
    await cdr.close();
    const error = e as Error & { code?: string };
    log.fatal({ code: error.code }, `cannot start: ${error.message}`);
    log.flush();
    process.stderr.write(`tandem start: ${error.message}\n`);
    return 1;
  }
  for (const l of gateway.listening) log.info({ transport: l.transport, address: l.address, port: l.port }, `listening: SIP over ${l.transport.toUpperCase()} on ${l.address}:${l.port}`);
  const admin = config.gateway.admin.listen;
  const host = admin.host.includes(':') ? `[${admin.host}]` : admin.host;
  log.info({ transport: 'http', address: admin.host, port: admin.port }, `listening: admin API on http://${host}:${admin.port}`);
  log.info({ graceMs: options.graceMs }, 'ready');
  await shutdownOnSignal(gateway, options.graceMs, log);
  await cdr.close();
  return 0;
}

function milliseconds(text: string): number {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0) throw new InvalidArgumentError('a whole number of milliseconds, 0 or more');
  return ms;
}

/** Adds `tandem start` to the CLI. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the gateway on a configuration directory until SIGTERM or SIGINT (graceful shutdown)')
    .option('--config <dir>', 'configuration directory', DEFAULT_CONFIG_DIR)
    .option('--grace-ms <ms>', 'on SIGTERM/SIGINT, how long calls in progress may go on before they are released', milliseconds, DEFAULT_GRACE_MS)
    .addOption(new Option('--log-level <level>', 'lowest level logged').choices(LOG_LEVELS).default(DEFAULT_LOG_LEVEL))
    .action(async (opts: StartOptions) => {
      // Exit at once: timers of finished transactions (Timer J, K: up to 32 s) need not run out.
      process.exit(await startCommand(opts));
    });
}
