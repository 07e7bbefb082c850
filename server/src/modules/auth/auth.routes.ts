import { ChangePasswordBodySchema, LoginBodySchema, SessionInfoSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/http.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from '../../lib/crypto.ts';
import { problem } from '../../lib/problem.ts';
import { actorOf, SESSION_COOKIE, toActor } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { SecurityLogRepository } from '../security-log/security-log.repository.ts';
import { toUser } from '../users/users.repository.ts';
import type { AccountsService } from '../users/users.service.ts';

/** The username a login body names (for the per-account throttle key), cut and lower-cased. */
export const loginName = (body: unknown) =>
  typeof body === 'object' && body !== null && 'username' in body && typeof body.username === 'string'
    ? body.username.slice(0, 64).toLowerCase()
    : '';

const badLogin = () => problem('invalid_credentials', 'Wrong username or password.');

export interface AuthRouteOptions {
  audit: AuditRepository;
  securityLog: SecurityLogRepository;
  accounts: AccountsService;
  sessionTtlHours: number;
  lockout: { threshold: number; windowMinutes: number; minutes: number };
  singleSession: boolean;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, opts) => {
  const { audit, securityLog, accounts, sessionTtlHours, lockout } = opts;
  // Verifying against a dummy hash for unknown users keeps response times from telling which usernames exist.
  const dummyHash = await hashPassword(randomSecret());
  const lockOpts = {
    threshold: lockout.threshold,
    windowMs: lockout.windowMinutes * 60_000,
    lockMs: lockout.minutes * 60_000,
  };

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
      const userAgent = request.headers['user-agent'] ?? null;
      const record = (
        event: 'login.success' | 'login.failure' | 'login.locked',
        userId: number | null,
        code: string | null,
      ) =>
        securityLog.append({
          event,
          username,
          userId,
          ip: request.ip,
          userAgent,
          status: event === 'login.success' ? 200 : 401,
          method: 'POST',
          path: request.url,
          code,
        });
      const row = app.authRepo.userByName(username);
      const ok = await verifyPassword(row?.passwordHash ?? dummyHash, password);
      const now = new Date().toISOString();
      if (row && row.lockedUntil !== null && row.lockedUntil > now) {
        record('login.locked', row.id, 'account_locked');
        throw problem(
          'account_locked',
          `Too many failed sign-ins: the account is locked until ${row.lockedUntil}.`,
          undefined,
          {
            lockedUntil: row.lockedUntil,
          },
        );
      }
      if (!row || !ok || !row.active) {
        const lockedUntil = row ? app.authRepo.recordFailure(row.id, lockOpts) : null;
        record(
          lockedUntil === null ? 'login.failure' : 'login.locked',
          row?.id ?? null,
          lockedUntil === null ? 'invalid_credentials' : 'account_locked',
        );
        throw badLogin();
      }
      const sid = randomSecret();
      const csrfToken = randomSecret();
      const expires = new Date(Date.now() + sessionTtlHours * 3_600_000);
      app.db.transaction(() => {
        app.authRepo.clearFailures(row.id);
        const idHash = sha256(sid);
        app.authRepo.createSession({
          idHash,
          userId: row.id,
          csrfToken,
          expiresAt: expires.toISOString(),
          ip: request.ip,
        });
        if (opts.singleSession) app.authRepo.deleteOtherSessionsOf(row.id, idHash);
        request.principal = {
          ...app.authRepo.toAuthUser(row),
          via: 'session',
          scope: 'write',
          tokenId: null,
          sessionHash: idHash,
          csrfToken,
        };
        request.actor = toActor(request.principal, request.ip);
        audit.append(request.actor, { action: 'auth.login', entityType: 'user', entityId: row.id });
        record('login.success', row.id, null);
      });
      reply.setCookie(SESSION_COOKIE, sid, { ...app.sessionCookieOptions, expires });
      return { user: toUser(row), csrfToken, roleSeparation: app.roleSeparation };
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
      const actor = actorOf(request);
      const sessionHash = request.principal?.sessionHash ?? null;
      app.db.transaction(() => {
        if (sessionHash) app.authRepo.deleteSession(sessionHash);
        audit.append(actor, { action: 'auth.logout', entityType: 'user', entityId: actor.id });
      });
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
      const actor = actorOf(request);
      const row = app.authRepo.userByName(actor.username);
      if (!row) throw problem('unauthorized', 'The account no longer exists.');
      return { user: toUser(row), csrfToken: request.principal?.csrfToken ?? '', roleSeparation: app.roleSeparation };
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
