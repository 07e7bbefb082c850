import type { User } from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from '../../lib/crypto.ts';
import { problem } from '../../lib/problem.ts';
import { type Actor, type Principal, toActor } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { SecurityLogRepository } from '../security-log/security-log.repository.ts';
import { toUser } from '../users/users.repository.ts';
import type { AuthRepository } from './auth.repository.ts';

const badLogin = () => problem('invalid_credentials', 'Wrong username or password.');

/** Where a sign-in attempt comes from, as the sign-in log records it. */
export interface SignInOrigin {
  ip: string;
  userAgent: string | null;
  path: string;
}

/** A new session: the secret for the cookie (only its hash is stored) and the principal it stands for. */
export interface NewSession {
  sid: string;
  expires: Date;
  principal: Principal;
  user: User;
}

/**
 * Sessions: sign-in with the account lockout and the sign-in log, sign-out, the session's user. Every
 * attempt is logged; a success is audited in the same transaction as the session it creates.
 */
export async function createSessionsService(deps: {
  db: Db;
  repo: AuthRepository;
  audit: AuditRepository;
  securityLog: SecurityLogRepository;
  sessionTtlHours: number;
  lockout: { threshold: number; windowMinutes: number; minutes: number };
  singleSession: boolean;
}) {
  const { db, repo, audit, securityLog, lockout } = deps;
  // Verifying against a dummy hash for unknown users keeps response times from telling which usernames exist.
  const dummyHash = await hashPassword(randomSecret());
  const lockOpts = {
    threshold: lockout.threshold,
    windowMs: lockout.windowMinutes * 60_000,
    lockMs: lockout.minutes * 60_000,
  };

  return {
    /** Signs in: 401 `invalid_credentials` or `account_locked`, else a new session (older ones end in single-session mode). */
    async signIn(username: string, password: string, origin: SignInOrigin): Promise<NewSession> {
      const record = (
        event: 'login.success' | 'login.failure' | 'login.locked',
        userId: number | null,
        code: string | null,
      ) =>
        securityLog.append({
          event,
          username,
          userId,
          ip: origin.ip,
          userAgent: origin.userAgent,
          status: event === 'login.success' ? 200 : 401,
          method: 'POST',
          path: origin.path,
          code,
        });
      const row = repo.userByName(username);
      const ok = await verifyPassword(row?.passwordHash ?? dummyHash, password);
      const now = new Date().toISOString();
      if (row && row.lockedUntil !== null && row.lockedUntil > now) {
        record('login.locked', row.id, 'account_locked');
        throw problem(
          'account_locked',
          `Too many failed sign-ins: the account is locked until ${row.lockedUntil}.`,
          undefined,
          { lockedUntil: row.lockedUntil },
        );
      }
      if (!row || !ok || !row.active) {
        const lockedUntil = row ? repo.recordFailure(row.id, lockOpts) : null;
        record(
          lockedUntil === null ? 'login.failure' : 'login.locked',
          row?.id ?? null,
          lockedUntil === null ? 'invalid_credentials' : 'account_locked',
        );
        throw badLogin();
      }
      const sid = randomSecret();
      const csrfToken = randomSecret();
      const expires = new Date(Date.now() + deps.sessionTtlHours * 3_600_000);
      const idHash = sha256(sid);
      const principal: Principal = {
        ...repo.toAuthUser(row),
        via: 'session',
        scope: 'write',
        tokenId: null,
        sessionHash: idHash,
        csrfToken,
      };
      db.transaction(() => {
        repo.clearFailures(row.id);
        repo.createSession({ idHash, userId: row.id, csrfToken, expiresAt: expires.toISOString(), ip: origin.ip });
        if (deps.singleSession) repo.deleteOtherSessionsOf(row.id, idHash);
        audit.append(toActor(principal, origin.ip), { action: 'auth.login', entityType: 'user', entityId: row.id });
        record('login.success', row.id, null);
      });
      return { sid, expires, principal, user: toUser(row) };
    },

    /** Ends the session (when the actor came with one); audited. */
    signOut(actor: Actor, sessionHash: string | null): void {
      db.transaction(() => {
        if (sessionHash) repo.deleteSession(sessionHash);
        audit.append(actor, { action: 'auth.logout', entityType: 'user', entityId: actor.id });
      });
    },

    /** The actor's account as it reads now; 401 when it no longer exists. */
    userOf(actor: Actor): User {
      const row = repo.userByName(actor.username);
      if (!row) throw problem('unauthorized', 'The account no longer exists.');
      return toUser(row);
    },
  };
}
export type SessionsService = Awaited<ReturnType<typeof createSessionsService>>;
