import { ApiTokenSchema, CreatedTokenSchema, CreateTokenBodySchema, mayManageAccounts } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { randomSecret, sha256 } from '../../lib/crypto.ts';
import { problems } from '../../lib/http.ts';
import { notFound, problem } from '../../lib/problem.ts';
import { actorOf } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { createTokensRepository } from './tokens.repository.ts';

const TOKEN_PREFIX = 'gzt_';

export const tokensRoutes: FastifyPluginAsyncZod<{ audit: AuditRepository }> = async (app, { audit }) => {
  const { db } = app;
  const tokens = createTokensRepository(db);

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
    async (request) => {
      const p = actorOf(request);
      return tokens.list(mayManageAccounts(p.role, app.roleSeparation) ? null : p.id);
    },
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
    async (request, reply) => {
      const p = actorOf(request);
      if (p.tokenId !== null) throw problem('forbidden', 'A token cannot create tokens; sign in.');
      const token = TOKEN_PREFIX + randomSecret(32);
      const created = db.transaction(() => {
        const expiresAt = new Date(Date.now() + request.body.expiresInDays * 86_400_000).toISOString();
        const row = tokens.insert({
          userId: p.id,
          name: request.body.name,
          scope: request.body.scope,
          tokenHash: sha256(token),
          prefix: token.slice(0, 10),
          expiresAt,
        });
        const view = {
          id: row.id,
          name: row.name,
          scope: row.scope,
          prefix: row.prefix,
          owner: p.username,
          createdAt: row.createdAt,
          lastUsedAt: null,
          revokedAt: null,
          expiresAt,
          revokedReason: null,
        };
        audit.append(p, { action: 'token.create', entityType: 'token', entityId: row.id, after: view });
        return view;
      });
      return reply.status(201).send({ ...created, token });
    },
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
      const p = actorOf(request);
      const row = tokens.active(request.params.id);
      // someone else's token is reported as absent, not forbidden, so ids reveal nothing
      if (!row || (row.userId !== p.id && !mayManageAccounts(p.role, app.roleSeparation)))
        throw notFound(`token ${request.params.id}`);
      db.transaction(() => {
        const revokedAt = new Date().toISOString();
        tokens.revoke(row.id, revokedAt);
        audit.append(p, {
          action: 'token.revoke',
          entityType: 'token',
          entityId: row.id,
          before: { name: row.name, scope: row.scope, revokedAt: null },
          after: { name: row.name, scope: row.scope, revokedAt },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
