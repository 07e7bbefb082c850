import type { Role } from '@gz/shared';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, sessions, users } from '../../db/schema.ts';

export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  /** unit codes the user enters values for */
  units: string[];
}

const toAuthUser = (u: { id: number; username: string; role: Role; units: string }): AuthUser => ({
  id: u.id,
  username: u.username,
  role: u.role,
  units: JSON.parse(u.units) as string[],
});

// last_used_at is written at most once a minute per token, so polling readers do not turn reads into writes.
const TOUCH_INTERVAL_MS = 60_000;

/** Sessions and API tokens, looked up by the hash of their secret. */
export function createAuthRepository(db: Db) {
  const userCols = { id: users.id, username: users.username, role: users.role, units: users.units };
  const sessionByHash = db
    .select({ ...userCols, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sql.placeholder('hash')), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.active, true)))
    .prepare();
  const tokenByHash = db
    .select({ ...userCols, tokenId: apiTokens.id, scope: apiTokens.scope, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt), eq(users.active, true)))
    .prepare();
  const userByName = db.select().from(users).where(eq(users.username, sql.placeholder('username'))).prepare();
  const lastTouched = new Map<number, number>();

  return {
    findSession(hash: string) {
      const row = sessionByHash.get({ hash, now: new Date().toISOString() });
      return row && { user: toAuthUser(row), csrfToken: row.csrfToken };
    },
    findToken(hash: string) {
      const row = tokenByHash.get({ hash });
      return row && { user: toAuthUser(row), tokenId: row.tokenId, scope: row.scope };
    },
    touchToken(tokenId: number) {
      const now = Date.now();
      if (now - (lastTouched.get(tokenId) ?? 0) < TOUCH_INTERVAL_MS) return;
      lastTouched.set(tokenId, now);
      db.update(apiTokens).set({ lastUsedAt: new Date(now).toISOString() }).where(eq(apiTokens.id, tokenId)).run();
    },
    userByName: (username: string) => userByName.get({ username }),
    createSession(values: { idHash: string; userId: number; csrfToken: string; expiresAt: string; ip: string }) {
      // expired sessions are swept here rather than by a timer
      db.delete(sessions).where(lt(sessions.expiresAt, new Date().toISOString())).run();
      db.insert(sessions).values(values).run();
    },
    deleteSession: (idHash: string) => db.delete(sessions).where(eq(sessions.idHash, idHash)).run(),
    deleteSessionsOf: (userId: number) => db.delete(sessions).where(eq(sessions.userId, userId)).run(),
    toAuthUser,
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
