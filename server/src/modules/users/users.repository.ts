import type { Role, User } from '@gz/shared';
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, passwordHistory, sessions, units, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

/** Maps a stored user to the API's shape (never the hash). */
export const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  role: row.role,
  units: JSON.parse(row.units) as string[],
  active: row.active,
  createdAt: row.createdAt,
  displayName: row.displayName,
  mustChangePassword: row.mustChangePassword,
  lockedUntil: row.lockedUntil !== null && row.lockedUntil > new Date().toISOString() ? row.lockedUntil : null,
});

/** Users: data access only. */
export function createUsersRepository(db: Db) {
  return {
    count: () => db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0,
    countActiveAdmins: () => countActive('admin'),
    /** Active users of one role (the last security administrator must stay, like the last admin). */
    countActive: (role: Role) => countActive(role),
    list: () => db.select().from(users).orderBy(asc(users.id)).all(),
    get: (id: number) => db.select().from(users).where(eq(users.id, id)).get(),
    /** Whether a unit code is in the directory (users carry unit codes). */
    unitExists: (code: string) =>
      db.select({ code: units.code }).from(units).where(eq(units.code, code)).get() !== undefined,
    byUsername: (username: string) => db.select().from(users).where(eq(users.username, username)).get(),
    insert: (values: {
      username: string;
      passwordHash: string;
      role: Role;
      units: string[];
      displayName?: string | null;
      mustChangePassword?: boolean;
    }) =>
      db
        .insert(users)
        .values({
          ...values,
          units: JSON.stringify(values.units),
          passwordChangedAt: new Date().toISOString(),
        })
        .returning()
        .get(),
    update: (
      id: number,
      values: Partial<{
        role: Role;
        units: string[];
        displayName: string | null;
        active: boolean;
        passwordHash: string;
        mustChangePassword: boolean;
        passwordChangedAt: string;
        lockedUntil: string | null;
        failedLogins: number;
        failureWindowStart: string | null;
      }>,
    ) =>
      db
        .update(users)
        .set({
          ...values,
          units: values.units === undefined ? undefined : JSON.stringify(values.units),
        })
        .where(eq(users.id, id))
        .returning()
        .get(),
    /** The hashes of a user's latest passwords, newest first. */
    recentPasswordHashes: (userId: number, n: number) =>
      db
        .select({ hash: passwordHistory.passwordHash })
        .from(passwordHistory)
        .where(eq(passwordHistory.userId, userId))
        .orderBy(desc(passwordHistory.id))
        .limit(n)
        .all()
        .map((r) => r.hash),
    addPasswordHistory: (userId: number, passwordHash: string) =>
      db.insert(passwordHistory).values({ userId, passwordHash }).run(),
    /** Revokes every live token of a user, with the reason; returns how many. */
    revokeTokensOf: (userId: number, reason: 'password_set' | 'deactivated') =>
      db
        .update(apiTokens)
        .set({ revokedAt: new Date().toISOString(), revokedReason: reason })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .run().changes,
    deleteSessionsOf: (userId: number) => db.delete(sessions).where(eq(sessions.userId, userId)).run(),
    deleteSessionsExcept: (userId: number, keepHash: string) =>
      db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepHash)))
        .run(),
  };

  function countActive(role: Role): number {
    return (
      db
        .select({ n: sql<number>`count(*)` })
        .from(users)
        .where(and(eq(users.role, role), eq(users.active, true)))
        .get()?.n ?? 0
    );
  }
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
