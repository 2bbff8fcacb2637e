// The CDR routes of the admin HTTP API: GET /cdrs with the filters of `tandem cdr list` (the same
// ajv validation, `parseCdrQuery`) and GET /cdrs/:id. Errors are JSON { code, message }: 400
// GW_ERR_CDR_BAD_QUERY, 404 GW_ERR_CDR_NOT_FOUND, 503 GW_ERR_CDR_STORE_UNAVAILABLE (the store, e.g.
// Redis, did not answer; the records are safe in the spool).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CdrNotFoundError, CdrStoreUnavailableError } from '../cdr/errors.js';
import { parseCdrQuery, type CdrStore } from '../cdr/query.js';
import type { Clock } from '../core/clock.js';

const DEFAULT_HTTP_LIMIT = 100;

function unavailable(reply: FastifyReply, cause: unknown): FastifyReply {
  const e = new CdrStoreUnavailableError(cause instanceof Error ? cause.message : String(cause));
  return reply.code(503).send({ code: e.code, message: e.message });
}

export function registerCdrRoutes(app: FastifyInstance, store: CdrStore, clock: Clock): void {
  app.get('/cdrs', async (request, reply) => {
    const q = parseCdrQuery(request.query as Record<string, unknown>, clock.now());
    if (!q.ok) return reply.code(400).send({ code: q.error.code, message: q.error.message });
    try {
      return { cdrs: await store.query({ limit: DEFAULT_HTTP_LIMIT, ...q.value }) };
    } catch (cause) {
      return unavailable(reply, cause);
    }
  });

  app.get<{ Params: { id: string } }>('/cdrs/:id', async (request, reply) => {
    let record;
    try {
      record = await store.get(request.params.id);
    } catch (cause) {
      return unavailable(reply, cause);
    }
    if (record !== undefined) return record;
    const e = new CdrNotFoundError(request.params.id);
    return reply.code(404).send({ code: e.code, message: e.message });
  });
}
