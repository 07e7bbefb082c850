import type { Db } from '../../db/client.ts';
import { imports } from '../../db/schema.ts';

/** The record of committed imports: data access only. */
export function createExchangeRepository(db: Db) {
  return {
    /** Records one committed import; its revisions carry the returned id. Call inside the import's transaction. */
    recordImport: (values: {
      userId: number;
      filename: string | null;
      format: 'xlsx' | 'csv';
      rowCount: number;
    }): number => db.insert(imports).values(values).returning({ id: imports.id }).get().id,
    /** The name of each unit, by code (for the title lines of a unit's template). */
    unitNames: (): Map<string, string> =>
      new Map(
        db.$client
          .prepare<[], { code: string; name: string }>('SELECT code, name FROM units')
          .all()
          .map((u) => [u.code, u.name]),
      ),
  };
}
export type ExchangeRepository = ReturnType<typeof createExchangeRepository>;
