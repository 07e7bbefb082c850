/**
 * The data version every derived cache and the session lookups key on (db/client.ts dataVersionReader). The PRAGMA
 * behind its external part costs a read lock, so it is read once per turn of the event loop (#13): a commit by
 * another connection shows from the next turn on, a row this connection writes at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { dataVersionReader, openDatabase } from '../../server/src/db/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'gz-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('another connection’s commit moves the version from the next turn on; this connection’s writes at once', async () => {
  const path = join(dir, 'version.db');
  const db = openDatabase(path);
  const other = new Database(path);
  try {
    const version = dataVersionReader(db);
    const start = version();
    expect(version()).toBe(start);

    other.prepare(`INSERT INTO units (code, name) VALUES ('zz-other', '另一连接')`).run();
    // the same turn: the requests of this turn had all arrived before the commit
    expect(version()).toBe(start);
    await nextTurn();
    const afterOther = version();
    expect(afterOther).not.toBe(start);
    expect(afterOther.split('.')[1]).toBe(start.split('.')[1]);

    db.$client.prepare(`INSERT INTO units (code, name) VALUES ('zz-own', '本连接')`).run();
    const afterOwn = version();
    expect(afterOwn).not.toBe(afterOther);
    expect(afterOwn.split('.')[0]).toBe(afterOther.split('.')[0]);

    // nothing written: the version holds across turns
    await nextTurn();
    expect(version()).toBe(afterOwn);
  } finally {
    other.close();
    db.$client.close();
  }
});
