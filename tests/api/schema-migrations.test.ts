/**
 * The drizzle schema (server/src/db/schema.ts) and the SQL migrations describe the same database: every table and
 * column the code names exists after migrating an empty file, with the same NOT NULL, and no column is left over.
 * Guards hand-merged migrations (several features adding tables at once) against drifting from the code.
 */
import { openDatabase } from '@gz/server/db/client.ts';
import * as schema from '@gz/server/db/schema.ts';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { expect, test } from 'vitest';

test('every table of schema.ts has exactly its columns, with the same NOT NULL, after the migrations', () => {
  const db = openDatabase(':memory:');
  const tables: SQLiteTable[] = [];
  for (const t of Object.values(schema) as unknown[]) if (t instanceof SQLiteTable) tables.push(t);
  expect(tables.length).toBeGreaterThan(20);
  const drift: string[] = [];
  for (const table of tables) {
    const { name, columns } = getTableConfig(table);
    const actual = db.$client
      .prepare<[], { name: string; notnull: number; pk: number }>(`PRAGMA table_info(${name})`)
      .all();
    if (actual.length === 0) drift.push(`${name}: no such table`);
    const byName = new Map(actual.map((c) => [c.name, c]));
    for (const col of columns) {
      const found = byName.get(col.name);
      if (found === undefined) drift.push(`${name}.${col.name}: missing`);
      else if (found.pk === 0 && (found.notnull === 1) !== col.notNull)
        drift.push(`${name}.${col.name}: NOT NULL differs`);
    }
    for (const c of actual)
      if (!columns.some((col) => col.name === c.name)) drift.push(`${name}.${c.name}: not in schema.ts`);
  }
  db.$client.close();
  expect(drift).toEqual([]);
});
