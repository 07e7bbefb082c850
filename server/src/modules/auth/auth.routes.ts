import { LoginBodySchema, SessionInfoSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/http.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from '../../lib/crypto.ts';
import { problem } from '../../lib/problem.ts';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { toUser } from '../users/users.repository.ts';
import { requirePrincipal } from '../../plugins/auth.ts';
import { defined } from '../../lib/invariant.ts';

const loginName = (body: unknown) =>
  typeof body === 'object' && body !== null && 'username' in body && typeof body.username === 'string' ? body.username.slice(0, 64).toLowerCase() : '';

const badLogin = () => problem('invalid_credentials', 'Wrong username or password.');

export const authRoutes: FastifyPluginAsyncZod<{ audit: AuditRepository; sessionTtlHours: number }> = async (app, { audit, sessionTtlHours }) => {
  // Verifying against a dummy hash for unknown users keeps response times from telling which usernames exist.
  const dummyHash = await hashPassword(randomSecret());

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        // Per address and username, once the body is parsed: guessing one account's password is slowed
        // down without locking out a whole office that shares one NAT address.
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => `login:${request.ip}:${loginName(request.body)}`,
        },
      },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in: sets the httpOnly session cookie and returns the CSRF token',
        security: [],
        body: LoginBodySchema,
        response: { 200: SessionInfoSchema, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const row = app.authRepo.userByName(username);
      const ok = await verifyPassword(row?.passwordHash ?? dummyHash, password);
      if (!row || !ok || !row.active) throw badLogin();
      const sid = randomSecret();
      const csrfToken = randomSecret();
      const expires = new Date(Date.now() + sessionTtlHours * 3_600_000);
      app.db.transaction(() => {
        app.authRepo.createSession({ idHash: sha256(sid), userId: row.id, csrfToken, expiresAt: expires.toISOString(), ip: request.ip });
        request.principal = { ...app.authRepo.toAuthUser(row), via: 'session', scope: 'write', tokenId: null, sessionHash: null, csrfToken };
        audit.append(request, { action: 'auth.login', entityType: 'user', entityId: row.id });
      });
      reply.setCookie(SESSION_COOKIE, sid, { ...app.sessionCookieOptions, expires });
      return { user: toUser(row), csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'signed_in' },
      schema: { operationId: 'logout', tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null(), ...problems(401, 403) } },
    },
    async (request, reply) => {
      const p = requirePrincipal(request);
      app.db.transaction(() => {
        if (p.sessionHash) app.authRepo.deleteSession(p.sessionHash);
        audit.append(request, { action: 'auth.logout', entityType: 'user', entityId: p.id });
      });
      reply.clearCookie(SESSION_COOKIE, app.sessionCookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'signed_in' },
      schema: { operationId: 'getSession', tags: ['auth'], summary: 'The signed-in user and the CSRF token for writes', response: { 200: SessionInfoSchema, ...problems(401) } },
    },
    async (request) => {
      const p = requirePrincipal(request);
      const row = defined(app.authRepo.userByName(p.username), `user ${p.username}`);
      return { user: toUser(row), csrfToken: p.csrfToken ?? '' };
    },
  );
};
