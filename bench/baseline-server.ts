/**
 * The ceiling the API is measured against, run as its own process by bench/run.ts: bare Fastify —
 * the very copy the server runs, without plugins, hooks, auth or logging — answering
 *  - GET /hello: Fastify's hello world;
 *  - GET /pk/:id: one drizzle prepared primary-key read (the plans repository's) serialised as JSON;
 *  - GET|PUT /same/:key: exactly the bytes the real route answered, stored beforehand with
 *    PUT /payload/:key (a PUT parses its JSON body first, as the real one must).
 * Dividing the API's throughput by this route's, measured minutes apart on the same machine, gives
 * a figure that survives a noisy machine.
 */
import { createRequire } from 'node:module';
import type { buildApp } from '../server/src/app.ts';
import { openDatabase } from '../server/src/db/client.ts';
import { loadSeeds } from '../server/src/db/seed.ts';
import { createPlansRepository } from '../server/src/modules/plans/plans.repository.ts';

type FastifyInstance = Awaited<ReturnType<typeof buildApp>>;
// Resolved from the server's package, so that the ceiling is the same Fastify version the API runs on.
const fastify = createRequire(new URL('../server/package.json', import.meta.url))('fastify') as (options: {
  logger: boolean;
  bodyLimit: number;
}) => FastifyInstance;

const db = openDatabase(':memory:');
loadSeeds(db);
const plans = createPlansRepository(db);

const app = fastify({ logger: false, bodyLimit: 256 * 1024 * 1024 });
const payloads = new Map<string, string>();
const keyOf = (params: unknown) => (params as { key: string }).key;

app.get('/healthz', async () => ({ status: 'ok' }));
app.get('/hello', async () => ({ hello: 'world' }));
app.get('/pk/:id', async (request) => plans.get((request.params as { id: string }).id) ?? null);
app.put('/payload/:key', async (request) => {
  payloads.set(keyOf(request.params), String(request.body));
  return { stored: keyOf(request.params) };
});
app.get('/same/:key', (request, reply) =>
  reply.type('application/json; charset=utf-8').send(payloads.get(keyOf(request.params))),
);
app.put('/same/:key', (request, reply) =>
  reply
    .code(201)
    .type('application/json; charset=utf-8')
    .send(payloads.get(keyOf(request.params))),
);

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 0) });
