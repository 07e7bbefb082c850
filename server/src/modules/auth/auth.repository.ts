import type { Role } from '@gz/shared';
import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { type Db, dataVersionReader } from '../../db/client.ts';
import { apiTokens, sessions, users } from '../../db/schema.ts';

export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  /** unit codes the user enters values for */
  units: string[];
  mustChangePassword: boolean;
}

const toAuthUser = (u: {
  id: number;
  username: string;
  role: Role;
  units: string;
  mustChangePassword: boolean;
}): AuthUser => ({
  id: u.id,
  username: u.username,
  role: u.role,
  units: JSON.parse(u.units) as string[],
  mustChangePassword: u.mustChangePassword,
});

// last_used_at / last_seen_at are written at most once a minute, so polling readers do not turn reads into writes.
const TOUCH_INTERVAL_MS = 60_000;

/** Sessions and API tokens, looked up by the hash of their secret. */
export function createAuthRepository(db: Db) {
  const userCols = {
    id: users.id,
    username: users.username,
    role: users.role,
    units: users.units,
    mustChangePassword: users.mustChangePassword,
  };
  const p = sql.placeholder;
  // a session lives until its absolute expiry and while it is used at least once per idle period
  const sessionByHash = db
    .select({
      ...userCols,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.idHash, p('hash')),
        gt(sessions.expiresAt, p('now')),
        or(isNull(sessions.lastSeenAt), gt(sessions.lastSeenAt, p('idleSince'))),
        eq(users.active, true),
      ),
    )
    .prepare();
  const tokenByHash = db
    .select({
      ...userCols,
      tokenId: apiTokens.id,
      scope: apiTokens.scope,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, p('hash')),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, p('now'))),
        eq(users.active, true),
      ),
    )
    .prepare();
  const userByName = db
    .select()
    .from(users)
    .where(eq(users.username, p('username')))
    .prepare();
  const lastTouched = new Map<number, number>();
  const lastSeen = new Map<string, number>();

  return {
    /** A token that changes with every write to the database (any table, any connection). */
    dataVersion: dataVersionReader(db),
    /** A live session: not expired, not idle longer than `idleMs`, its user active. */
    findSession(hash: string, idleMs: number) {
      const now = Date.now();
      const row = sessionByHash.get({
        hash,
        now: new Date(now).toISOString(),
        idleSince: new Date(now - idleMs).toISOString(),
      });
      return (
        row && { user: toAuthUser(row), csrfToken: row.csrfToken, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt }
      );
    },
    /** A live token: not revoked, not expired, its user active. */
    findToken(hash: string) {
      const row = tokenByHash.get({ hash, now: new Date().toISOString() });
      return row && { user: toAuthUser(row), tokenId: row.tokenId, scope: row.scope, expiresAt: row.expiresAt };
    },
    touchToken(tokenId: number) {
      const now = Date.now();
      if (now - (lastTouched.get(tokenId) ?? 0) < TOUCH_INTERVAL_MS) return;
      lastTouched.set(tokenId, now);
      db.update(apiTokens)
        .set({ lastUsedAt: new Date(now).toISOString() })
        .where(eq(apiTokens.id, tokenId))
        .run();
    },
    /** Records that a session was used now (at most once a minute), for the idle timeout. */
    touchSession(hash: string) {
      const now = Date.now();
      if (now - (lastSeen.get(hash) ?? 0) < TOUCH_INTERVAL_MS) return;
      lastSeen.set(hash, now);
      db.update(sessions)
        .set({ lastSeenAt: new Date(now).toISOString() })
        .where(eq(sessions.idHash, hash))
        .run();
    },
    userByName: (username: string) => userByName.get({ username }),
    createSession(values: { idHash: string; userId: number; csrfToken: string; expiresAt: string; ip: string }) {
      // expired sessions are swept here rather than by a timer
      db.delete(sessions).where(lt(sessions.expiresAt, new Date().toISOString())).run();
      db.insert(sessions)
        .values({ ...values, lastSeenAt: new Date().toISOString() })
        .run();
    },
    deleteSession: (idHash: string) => db.delete(sessions).where(eq(sessions.idHash, idHash)).run(),
    deleteSessionsOf: (userId: number) => db.delete(sessions).where(eq(sessions.userId, userId)).run(),
    /** Ends a user's sessions except one (one session per user). */
    deleteOtherSessionsOf: (userId: number, keepHash: string) =>
      db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepHash)))
        .run(),
    /** Records a failed sign-in; returns the user's lock instant when this failure locked the account. */
    recordFailure(userId: number, opts: { threshold: number; windowMs: number; lockMs: number }): string | null {
      const now = Date.now();
      const row = db.select().from(users).where(eq(users.id, userId)).get();
      if (!row) return null;
      const windowOpen = row.failureWindowStart !== null && Date.parse(row.failureWindowStart) > now - opts.windowMs;
      const failures = windowOpen ? row.failedLogins + 1 : 1;
      const start = windowOpen ? row.failureWindowStart : new Date(now).toISOString();
      if (failures >= opts.threshold) {
        const lockedUntil = new Date(now + opts.lockMs).toISOString();
        db.update(users)
          .set({ failedLogins: 0, failureWindowStart: null, lockedUntil })
          .where(eq(users.id, userId))
          .run();
        return lockedUntil;
      }
      db.update(users).set({ failedLogins: failures, failureWindowStart: start }).where(eq(users.id, userId)).run();
      return null;
    },
    /** A successful sign-in clears the failure count. */
    clearFailures: (userId: number) =>
      db
        .update(users)
        .set({ failedLogins: 0, failureWindowStart: null, lockedUntil: null })
        .where(eq(users.id, userId))
        .run(),
    toAuthUser,
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
