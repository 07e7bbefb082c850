import cookie from '@fastify/cookie';
import type { Role } from '@gz/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { safeEqual, sha256 } from '../lib/crypto.ts';
import { problem } from '../lib/problem.ts';
import { createAuthRepository, type AuthRepository } from '../modules/auth/auth.repository.ts';

export const SESSION_COOKIE = 'gz_session';

/** Who is calling: a signed-in user, or a user's API token limited by its scope. */
export interface Principal {
  id: number;
  username: string;
  role: Role;
  /** unit codes (units.code) the user enters values for */
  units: string[];
  via: 'session' | 'token';
  scope: 'read' | 'write';
  tokenId: number | null;
  sessionHash: string | null;
  csrfToken: string | null;
}

/**
 * What a route needs: `public` (anyone), `read` (a viewer session or token, or anyone when
 * PUBLIC_READ), `signed_in` (any user; writes their own things), or the roles allowed. Admin passes every role check.
 */
export type Access = 'public' | 'read' | 'signed_in' | readonly Role[];

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    authRepo: AuthRepository;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes that say nothing: API reads need `read`, API writes are admin-only (fail closed);
 * outside /api (the web app, /docs, /openapi.json, /healthz) everything is public.
 */
function defaultAccess(request: FastifyRequest): Access {
  if (!request.url.startsWith('/api/')) return 'public';
  return SAFE_METHODS.has(request.method) ? 'read' : ['admin'];
}
const unauthorized = () => problem('unauthorized', 'Sign in or send an API token (Authorization: Bearer …).');
const forbidden = (why: string) => problem('forbidden', why);

/**
 * The caller of a route whose `access` requires one (the onRequest hook has refused anonymous calls
 * already): 401 if there is none, instead of a `request.principal!` that would crash. SEC's Actor may fold it in.
 */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/** Whether a principal holds one of the roles (admin holds them all). */
export const hasRole = (p: Principal, roles: readonly Role[]) => p.role === 'admin' || roles.includes(p.role);

/**
 * Resolves the caller on every request (bearer token first, then the session cookie) and enforces
 * the route's `access` before the body is even validated. Cookie-authenticated writes must carry the
 * session's CSRF token; bearer tokens are not sent by browsers on their own, so they need none.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { publicRead: boolean; secureCookies: boolean }) => {
  await app.register(cookie);
  const repo = createAuthRepository(app.db);
  app.decorate('authRepo', repo);
  app.decorateRequest('principal', null);

  function resolve(request: FastifyRequest): Principal | null {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const found = match?.[1] !== undefined ? repo.findToken(sha256(match[1])) : undefined;
      if (!found) throw problem('invalid_token', 'The API token is unknown, revoked or malformed.');
      repo.touchToken(found.tokenId);
      return { ...found.user, via: 'token', scope: found.scope, tokenId: found.tokenId, sessionHash: null, csrfToken: null };
    }
    const sid = request.cookies[SESSION_COOKIE];
    if (sid === undefined) return null;
    const sessionHash = sha256(sid);
    const session = repo.findSession(sessionHash);
    if (!session) return null;
    return { ...session.user, via: 'session', scope: 'write', tokenId: null, sessionHash, csrfToken: session.csrfToken };
  }

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access ?? defaultAccess(request);
    request.principal = access === 'public' ? resolveQuietly(request) : resolve(request);
    if (access === 'public') return;
    if (access === 'read') {
      if (!request.principal && !opts.publicRead) throw unauthorized();
      return;
    }
    const p = request.principal;
    if (!p) throw unauthorized();
    if (!SAFE_METHODS.has(request.method)) {
      if (p.scope !== 'write') throw forbidden('This API token is scoped read; writes need a write token.');
      if (p.via === 'session') {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || p.csrfToken === null || !safeEqual(sent, p.csrfToken)) {
          throw forbidden('Missing or wrong x-csrf-token header (get it from GET /api/v1/auth/me).');
        }
      }
    }
    if (access !== 'signed_in' && !hasRole(p, access)) throw forbidden(`This needs the role ${access.join(' or ')}; you are ${p.role}.`);
  });

  // A public route (login) still learns who is calling, but a stale cookie must not block it.
  function resolveQuietly(request: FastifyRequest): Principal | null {
    try {
      return resolve(request);
    } catch {
      return null;
    }
  }

  app.decorate('sessionCookieOptions', {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: opts.secureCookies,
    path: '/',
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    sessionCookieOptions: { httpOnly: true; sameSite: 'strict'; secure: boolean; path: string };
  }
}
