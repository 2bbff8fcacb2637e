// The admin HTTP API (gateway.admin.listen; keep it on loopback or a management network):
// GET /health, GET /circuits (the trunk-group manager's snapshot), GET /metrics (INVITE → IAM
// latency) and POST /metrics/reset, and for each `sim` trunk group GET /sim/<group> (the
// simulated exchange's state) and POST /sim/<group>/originate, which makes it send an IAM toward
// Tandem (docs/operations.md "Admin API"). Other modules add their routes to the same instance
// (GatewayOptions.adminRoutes).
import { fastify, type FastifyInstance } from 'fastify';
import type { SimExchange } from '../drivers/sim/sim-exchange.js';
import type { TrunkGroupManager } from '../trunkgroups/manager.js';
import type { SetupLatency } from './metrics.js';

export interface AdminOptions {
  readonly manager: TrunkGroupManager;
  readonly sims: ReadonlyMap<string, SimExchange>;
  /** what GET /health reports besides `status` */
  readonly health: () => Record<string, unknown>;
  /** GET /metrics reports its INVITE → IAM histogram; POST /metrics/reset empties it */
  readonly latency: SetupLatency;
}

interface OriginateBody {
  readonly called: string;
  readonly calling?: string;
  readonly cic?: number;
  readonly holdMs?: number;
}

const ORIGINATE_SCHEMA = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['called'],
    properties: {
      called: { type: 'string', pattern: '^[0-9]{1,30}$' },
      calling: { type: 'string', pattern: '^[0-9]{1,30}$' },
      cic: { type: 'integer', minimum: 0, maximum: 4095 },
      holdMs: { type: 'integer', minimum: 0 },
    },
  },
} as const;

const notFound = (group: string) => ({ code: 'NOT_FOUND', message: `no sim trunk group ${group}` });

/** The API, not yet listening: routes may be added until `listen()`. */
export function createAdmin(options: AdminOptions): FastifyInstance {
  const app = fastify({ logger: false });
  app.get('/health', () => ({ status: 'ok', ...options.health() }));
  app.get('/circuits', () => options.manager.snapshot());
  app.get('/metrics', () => ({ inviteToIam: options.latency.inviteToIam.summary() }));
  app.post('/metrics/reset', () => {
    options.latency.inviteToIam.reset();
    return { reset: true };
  });
  app.get<{ Params: { group: string } }>('/sim/:group', async (request, reply) => {
    const sim = options.sims.get(request.params.group);
    return sim === undefined ? reply.code(404).send(notFound(request.params.group)) : sim.state();
  });
  app.post<{ Params: { group: string }; Body: OriginateBody }>('/sim/:group/originate', { schema: ORIGINATE_SCHEMA }, async (request, reply) => {
    const sim = options.sims.get(request.params.group);
    if (sim === undefined) return reply.code(404).send(notFound(request.params.group));
    const { called, calling, cic, holdMs } = request.body;
    const sent = sim.originate({ called, ...(calling === undefined ? {} : { calling }), ...(cic === undefined ? {} : { cic }), ...(holdMs === undefined ? {} : { holdMs }) });
    if (!sent.ok) return reply.code(409).send({ code: sent.error.code, message: sent.error.message });
    return { cic: sent.value };
  });
  return app;
}
