import type { Role, User } from '@gz/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { units, users } from '../../db/schema.ts';

type UserRow = typeof users.$inferSelect;

/** Maps a stored user to the API's shape (never the hash). */
export const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  role: row.role,
  units: JSON.parse(row.units) as string[],
  active: row.active,
  createdAt: row.createdAt,
  displayName: row.displayName,
});

/** Users: data access only. */
export function createUsersRepository(db: Db) {
  return {
    count: () => db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0,
    countActiveAdmins: () =>
      db
        .select({ n: sql<number>`count(*)` })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.active, true)))
        .get()?.n ?? 0,
    list: () => db.select().from(users).orderBy(asc(users.id)).all(),
    get: (id: number) => db.select().from(users).where(eq(users.id, id)).get(),
    /** Whether a unit code is in the directory (users carry unit codes). */
    unitExists: (code: string) =>
      db.select({ code: units.code }).from(units).where(eq(units.code, code)).get() !== undefined,
    byUsername: (username: string) => db.select().from(users).where(eq(users.username, username)).get(),
    insert: (values: { username: string; passwordHash: string; role: Role; units: string[]; displayName?: string | null }) =>
      db
        .insert(users)
        .values({ ...values, units: JSON.stringify(values.units) })
        .returning()
        .get(),
    update: (
      id: number,
      values: Partial<{ role: Role; units: string[]; active: boolean; passwordHash: string; displayName: string | null }>,
    ) =>
      db
        .update(users)
        .set({ ...values, units: values.units === undefined ? undefined : JSON.stringify(values.units) })
        .where(eq(users.id, id))
        .returning()
        .get(),
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
