import { ChangePasswordBodySchema, LoginBodySchema, SessionInfoSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/http.ts';
import { problem } from '../../lib/problem.ts';
import { actorOf, SESSION_COOKIE, toActor } from '../../plugins/auth.ts';
import type { AccountsService } from '../users/users.service.ts';
import type { SessionsService } from './auth.service.ts';

/** The username a login body names (for the per-account throttle key), cut and lower-cased. */
export const loginName = (body: unknown) =>
  typeof body === 'object' && body !== null && 'username' in body && typeof body.username === 'string'
    ? body.username.slice(0, 64).toLowerCase()
    : '';

/** Sign-in, sign-out, the session's user and the own password change. */
export const authRoutes: FastifyPluginAsyncZod<{ sessions: SessionsService; accounts: AccountsService }> = async (
  app,
  { sessions, accounts },
) => {
  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        // Per address and username, once the body is parsed: guessing one account's password is slowed
        // down without locking out a whole office that shares one NAT address. The account lockout
        // (whatever the address) and the per-address limit (any usernames) are separate.
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
        description:
          'After LOCKOUT_THRESHOLD failures within LOCKOUT_WINDOW_MINUTES, from any addresses, the account is locked for LOCKOUT_MINUTES (401 `account_locked`).',
        security: [],
        body: LoginBodySchema,
        response: { 200: SessionInfoSchema, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const session = await sessions.signIn(username, password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        path: request.url,
      });
      request.principal = session.principal;
      request.actor = toActor(session.principal, request.ip);
      reply.setCookie(SESSION_COOKIE, session.sid, { ...app.sessionCookieOptions, expires: session.expires });
      return { user: session.user, csrfToken: session.principal.csrfToken ?? '', roleSeparation: app.roleSeparation };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'signed_in', allowMustChange: true },
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'Sign out: ends the session',
        response: { 204: z.null(), ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      sessions.signOut(actorOf(request), request.principal?.sessionHash ?? null);
      reply.clearCookie(SESSION_COOKIE, app.sessionCookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'signed_in', allowMustChange: true },
      schema: {
        operationId: 'getSession',
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token for writes',
        response: { 200: SessionInfoSchema, ...problems(401) },
      },
    },
    async (request) => {
      const user = sessions.userOf(actorOf(request));
      return { user, csrfToken: request.principal?.csrfToken ?? '', roleSeparation: app.roleSeparation };
    },
  );

  // SEC (#10): self-service password change (also the forced change after someone else set it)
  app.post(
    '/auth/password',
    {
      config: { access: 'signed_in', allowMustChange: true },
      schema: {
        operationId: 'changeOwnPassword',
        tags: ['auth'],
        summary: 'Change your own password: your other sessions and all your API tokens end',
        description:
          'The policy: at least 10 characters, 3 of 4 character classes, not the username, not a common password, not one of the last 5.',
        body: ChangePasswordBodySchema,
        response: { 200: SessionInfoSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.tokenId !== null) throw problem('forbidden', 'A password is changed signed in, not with a token.');
      const user = await accounts.changeOwn(
        actor,
        request.body.currentPassword,
        request.body.newPassword,
        request.principal?.sessionHash ?? null,
      );
      return { user, csrfToken: request.principal?.csrfToken ?? '', roleSeparation: app.roleSeparation };
    },
  );
};
