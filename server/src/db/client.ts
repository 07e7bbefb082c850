import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * Opens (creating its folder when needed) and migrates the database. WAL lets readers run beside
 * the single writer; foreign keys are off by default in SQLite and must be turned on per connection.
 * `migrationsFolder` is for tests that start from an older schema.
 */
export function openDatabase(path: string, migrationsFolder = MIGRATIONS_FOLDER): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = connectDatabase(path);
  migrate(db, { migrationsFolder });
  return db;
}

/**
 * One more connection to a database the server has opened and migrated, with the same settings (SPEED, #13:
 * the import worker writes through its own, so that the main thread's readers see the last committed snapshot).
 */
export function connectDatabase(path: string): Db {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL');
  return drizzle(sqlite, { schema }) as Db;
}
