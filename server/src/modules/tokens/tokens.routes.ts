import { ApiTokenSchema, CreatedTokenSchema, CreateTokenBodySchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/http.ts';
import { actorOf } from '../../plugins/auth.ts';
import type { TokensService } from './tokens.service.ts';

/** API tokens of the signed-in user (the account manager sees and revokes everyone's). */
export const tokensRoutes: FastifyPluginAsyncZod<{ service: TokensService }> = async (app, { service }) => {
  app.get(
    '/tokens',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'listTokens',
        tags: ['tokens'],
        summary: 'Your API tokens (the account manager sees everyone’s)',
        response: { 200: z.array(ApiTokenSchema), ...problems(401) },
      },
    },
    async (request) => service.list(actorOf(request)),
  );

  app.post(
    '/tokens',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'createToken',
        tags: ['tokens'],
        summary: 'Create an API token for yourself; it acts with your role (reads only when scoped read). Shown once.',
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(service.create(actorOf(request), request.body)),
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'revokeToken',
        tags: ['tokens'],
        summary: 'Revoke a token (your own; the account manager any)',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      service.revoke(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
