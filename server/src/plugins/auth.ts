import cookie from '@fastify/cookie';
import { holdsRole, mayManageAccounts, mayReadAudit, type Role, type RoleSeparation } from '@gz/shared';
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
  /** the password was set by someone else: nothing but changing it is allowed */
  mustChangePassword: boolean;
}

/**
 * The caller as services and the audit log see it (#15 item 5): built once per request by the auth
 * plugin, so no service needs the request. `ip` is the client address as the trusted proxy chain gives it.
 */
export interface Actor {
  id: number;
  username: string;
  role: Role;
  /** unit codes the actor enters values for */
  units: string[];
  /** the API token used, when the call came with one */
  tokenId: number | null;
  ip: string;
}

/**
 * A caller who is not signed in (a sign-in attempt, a public read), known only by address; or the
 * command line, recorded as `cli:<os user>` at the address `cli`.
 */
export interface AnonymousCaller {
  id: null;
  username: string | null;
  tokenId: null;
  ip: string;
}

/** The actor of a principal at an address. */
export const toActor = (p: Principal, ip: string): Actor => ({
  id: p.id,
  username: p.username,
  role: p.role,
  units: p.units,
  tokenId: p.tokenId,
  ip,
});

/**
 * What a route needs: `public` (anyone), `read` (a viewer session or token, or anyone when
 * PUBLIC_READ), `signed_in` (any user; writes their own things), the roles allowed (the system admin
 * passes every business role), `manage_accounts` (accounts, roles, unlocks, anyone's tokens) or
 * `read_audit` (the audit and sign-in logs), the last two as ROLE_SEPARATION decides.
 */
export type Access = 'public' | 'read' | 'signed_in' | 'manage_accounts' | 'read_audit' | readonly Role[];

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** the signed-in caller, built once by the auth plugin; null when anonymous */
    actor: Actor | null;
  }
  interface FastifyInstance {
    authRepo: AuthRepository;
    roleSeparation: RoleSeparation;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** reachable while the caller must change their password (me, logout, password change) */
    allowMustChange?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sessions and tokens kept between writes at most (SPEED, #13); beyond, the memory starts again. */
const MAX_KEPT_LOOKUPS = 10_000;

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

/** Whether a principal holds one of the roles (the system admin holds every business role). */
export const hasRole = (p: { role: Role }, roles: readonly Role[]) => holdsRole(p.role, roles);

/** The signed-in caller of a route that required a sign-in; a 401 if there is none (never a crash). */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw unauthorized();
  return request.actor;
}

/** The caller as the audit log records it: the actor, or the address alone. */
export const callerOf = (request: FastifyRequest): Actor | AnonymousCaller =>
  request.actor ?? { id: null, username: null, tokenId: null, ip: request.ip };

/**
 * Resolves the caller on every request (bearer token first, then the session cookie) and enforces
 * the route's `access` before the body is even validated. Cookie-authenticated writes must carry the
 * session's CSRF token; bearer tokens are not sent by browsers on their own, so they need none.
 */
export const authPlugin = fp(
  async (
    app: FastifyInstance,
    opts: { publicRead: boolean; secureCookies: boolean; idleMinutes: number; roleSeparation: RoleSeparation },
  ) => {
    await app.register(cookie);
    const repo = createAuthRepository(app.db);
    const idleMs = opts.idleMinutes * 60_000;
    app.decorate('authRepo', repo);
    app.decorate('roleSeparation', opts.roleSeparation);
    app.decorateRequest('principal', null);
    app.decorateRequest('actor', null);

    // SPEED (#13): sessions and tokens found are kept while the data version holds. Every write moves it — a
    // password change, a deactivation, a revoked token, a sign-out, even the once-a-minute "last seen" — so none
    // of them waits; the time limits (expiry, idle timeout) are checked again on every request, as the query does.
    let lookupVersion = '';
    const foundSessions = new Map<string, ReturnType<typeof repo.findSession>>();
    const foundTokens = new Map<string, ReturnType<typeof repo.findToken>>();
    function current() {
      const version = repo.dataVersion();
      if (version !== lookupVersion || foundSessions.size + foundTokens.size > MAX_KEPT_LOOKUPS) {
        foundSessions.clear();
        foundTokens.clear();
        lookupVersion = version;
      }
    }
    function findToken(hash: string) {
      current();
      let found = foundTokens.get(hash);
      if (!foundTokens.has(hash)) {
        found = repo.findToken(hash);
        foundTokens.set(hash, found);
      }
      if (found === undefined) return undefined;
      return found.expiresAt === null || found.expiresAt > new Date().toISOString() ? found : undefined;
    }
    function findSession(hash: string) {
      current();
      let found = foundSessions.get(hash);
      if (!foundSessions.has(hash)) {
        found = repo.findSession(hash, idleMs);
        foundSessions.set(hash, found);
      }
      if (found === undefined) return undefined;
      const now = Date.now();
      const live =
        found.expiresAt > new Date(now).toISOString() &&
        (found.lastSeenAt === null || found.lastSeenAt > new Date(now - idleMs).toISOString());
      return live ? found : undefined;
    }

    function resolve(request: FastifyRequest): Principal | null {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        const found = match?.[1] === undefined ? undefined : findToken(sha256(match[1]));
        if (!found) throw problem('invalid_token', 'The API token is unknown, revoked, expired or malformed.');
        repo.touchToken(found.tokenId);
        return {
          ...found.user,
          via: 'token',
          scope: found.scope,
          tokenId: found.tokenId,
          sessionHash: null,
          csrfToken: null,
        };
      }
      const sid = request.cookies[SESSION_COOKIE];
      if (sid === undefined) return null;
      const sessionHash = sha256(sid);
      const session = findSession(sessionHash);
      if (!session) return null;
      repo.touchSession(sessionHash);
      return {
        ...session.user,
        via: 'session',
        scope: 'write',
        tokenId: null,
        sessionHash,
        csrfToken: session.csrfToken,
      };
    }

    function allowed(p: Principal, access: Exclude<Access, 'public' | 'read' | 'signed_in'>): boolean {
      if (access === 'manage_accounts') return mayManageAccounts(p.role, opts.roleSeparation);
      if (access === 'read_audit') return mayReadAudit(p.role, opts.roleSeparation);
      return hasRole(p, access);
    }

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access ?? defaultAccess(request);
      request.principal = access === 'public' ? resolveQuietly(request) : resolve(request);
      request.actor = request.principal ? toActor(request.principal, request.ip) : null;
      if (access === 'public') return;
      const p = request.principal;
      if (p?.mustChangePassword && request.routeOptions.config?.allowMustChange !== true) {
        throw problem(
          'password_change_required',
          'Your password was set by someone else: change it first (POST /api/v1/auth/password).',
        );
      }
      if (access === 'read') {
        if (!p && !opts.publicRead) throw unauthorized();
        return;
      }
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
      if (access !== 'signed_in' && !allowed(p, access)) {
        throw forbidden(
          typeof access === 'string'
            ? `This needs the right ${access}; you are ${p.role}.`
            : `This needs the role ${access.join(' or ')}; you are ${p.role}.`,
        );
      }
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
  },
);

declare module 'fastify' {
  interface FastifyInstance {
    sessionCookieOptions: { httpOnly: true; sameSite: 'strict'; secure: boolean; path: string };
  }
}
