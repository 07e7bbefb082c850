/**
 * Migration 0005 turns free-text departments into unit codes: a database written before it (by the
 * first four migrations) keeps its people's and indicators' rights after it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_UNITS } from '@gz/seeds';
import { openDatabase } from '@gz/server/db/client.ts';
import { afterAll, beforeAll, expect, test } from 'vitest';

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gz-units-migration-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('departments become unit codes; unknown names become units marked migrated', () => {
  // the migrations folder as it was before units: journal cut after 0003
  const before = join(dir, 'before');
  cpSync(MIGRATIONS, before, { recursive: true });
  const journalPath = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < '0004');
  writeFileSync(journalPath, JSON.stringify(journal));

  const file = join(dir, 'old.db');
  const old = openDatabase(file, before).$client;
  old.exec(`    INSERT INTO plans (id, title, baseline_year, target_year, thresholds, state) VALUES ('ganzhou-2021-2025', 'p', 2021, 2025, '{}', 'published');
    INSERT INTO plans (id, title, baseline_year, target_year, thresholds, state) VALUES ('other', 'q', 2021, 2025, '{}', 'draft');
    INSERT INTO categories (plan_id, code, name, position) VALUES ('ganzhou-2021-2025', 'c', 'c', 1), ('other', 'c', 'c', 1);
    INSERT INTO indicators (plan_id, category_id, code, position, name, unit, attribute, direction, baseline_year, target_spec, department)
    VALUES ('ganzhou-2021-2025', 1, 'gdp', 1, 'GDP', '亿元', 'expected', 1, 2021, '{"kind":"none"}', '市统计局'),
           ('ganzhou-2021-2025', 1, 'disabled', 2, '残疾人', '%', 'expected', 1, 2021, '{"kind":"none"}', '市民政局、市残联'),
           ('ganzhou-2021-2025', 1, 'rd', 3, '研发', '%', 'expected', 1, 2021, '{"kind":"none"}', NULL),
           ('other', 2, 'x', 1, 'X', '%', 'expected', 1, 2021, '{"kind":"none"}', '市大数据局');
    INSERT INTO users (username, password_hash, role, departments) VALUES
      ('wang', 'h', 'editor', '["市统计局","统计局"]'), ('zhao', 'h', 'editor', '[]'), ('qian', 'h', 'editor', '["市残联"]');
  `);
  old.close();
  const sqlite = openDatabase(file, MIGRATIONS).$client;

  const units = sqlite.prepare('SELECT code, name, source FROM units ORDER BY position').all();
  expect(units).toEqual([
    ...DEFAULT_UNITS.map((u) => ({ ...u, source: 'seed_default' })),
    { code: 'migrated_1', name: '市大数据局', source: 'migrated' },
    { code: 'migrated_2', name: '统计局', source: 'migrated' },
  ]);
  expect(sqlite.prepare('SELECT code, lead_unit AS lead, contributing_units AS contributing, assignment_source AS source FROM indicators ORDER BY id').all()).toEqual([
    { code: 'gdp', lead: 'stats', contributing: '[]', source: 'seed_default' },
    { code: 'disabled', lead: 'civil_affairs', contributing: '["disabled"]', source: 'seed_default' },
    { code: 'rd', lead: null, contributing: '[]', source: null },
    { code: 'x', lead: 'migrated_1', contributing: '[]', source: 'migrated' },
  ]);
  expect(sqlite.prepare('SELECT username, units FROM users ORDER BY id').all()).toEqual([
    { username: 'wang', units: '["stats","migrated_2"]' },
    { username: 'zhao', units: '[]' },
    { username: 'qian', units: '["disabled"]' },
  ]);
  const columns = (table: string) => (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  expect(columns('users')).not.toContain('departments');
  expect(columns('indicators')).not.toContain('department');
  sqlite.close();
});
