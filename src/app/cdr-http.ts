// The CDR routes of the admin HTTP API: GET /cdrs with the filters of `tandem cdr list` (the same
// ajv validation, `parseCdrQuery`) and GET /cdrs/:id. Errors are JSON { code, message }: 400
// GW_ERR_CDR_BAD_QUERY, 404 GW_ERR_CDR_NOT_FOUND.
import type { FastifyInstance } from 'fastify';
import { CdrNotFoundError } from '../cdr/errors.js';
import { parseCdrQuery, type CdrStore } from '../cdr/query.js';
import type { Clock } from '../core/clock.js';

const DEFAULT_HTTP_LIMIT = 100;

export function registerCdrRoutes(app: FastifyInstance, store: CdrStore, clock: Clock): void {
  app.get('/cdrs', async (request, reply) => {
    const q = parseCdrQuery(request.query as Record<string, unknown>, clock.now());
    if (!q.ok) return reply.code(400).send({ code: q.error.code, message: q.error.message });
    return { cdrs: await store.query({ limit: DEFAULT_HTTP_LIMIT, ...q.value }) };
  });

  app.get<{ Params: { id: string } }>('/cdrs/:id', async (request, reply) => {
    const record = await store.get(request.params.id);
    if (record !== undefined) return record;
    const e = new CdrNotFoundError(request.params.id);
    return reply.code(404).send({ code: e.code, message: e.message });
  });
}
