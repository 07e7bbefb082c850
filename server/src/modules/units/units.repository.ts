import type { Unit } from '@gz/shared';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { units } from '../../db/schema.ts';

export type UnitRow = typeof units.$inferSelect;

/** Maps a stored unit to the API's shape. */
export const toUnit = (row: UnitRow): Unit => ({
  code: row.code,
  name: row.name,
  kind: row.kind,
  parentCode: row.parentCode,
  active: row.active,
  position: row.position,
  source: row.source,
});

/** The unit directory: data access only. */
export function createUnitsRepository(db: Db) {
  const all = db.select().from(units).orderBy(asc(units.position), asc(units.code)).prepare();
  return {
    list: () => all.all(),
    get: (code: string) => db.select().from(units).where(eq(units.code, code)).get(),
    byName: (name: string) => db.select().from(units).where(eq(units.name, name)).get(),
    maxPosition: () => db.$client.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM units').get()?.p ?? 0,
    insert: (values: typeof units.$inferInsert) => db.insert(units).values(values).returning().get(),
    update: (code: string, values: Partial<Omit<UnitRow, 'code' | 'createdAt'>>) =>
      db.update(units).set(values).where(eq(units.code, code)).returning().get(),
  };
}
export type UnitsRepository = ReturnType<typeof createUnitsRepository>;
