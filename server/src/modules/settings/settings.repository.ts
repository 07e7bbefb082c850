import type { Db } from '../../db/client.ts';

/** The keys of the settings table. */
export type SettingKey = 'issuingUnit' | 'defaultPlanId';

/** Admin settings: data access only (prepared once; the default plan is read on every request). */
export function createSettingsRepository(db: Db) {
  const get = db.$client.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const set = db.$client.prepare<[string, string, number | null]>(
    `INSERT INTO settings (key, value, updated_by) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
  );
  const remove = db.$client.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  const firstPublished = db.$client.prepare<[], { id: string }>(
    `SELECT id FROM plans WHERE state = 'published' ORDER BY published_at IS NULL, published_at, id LIMIT 1`,
  );
  return {
    /** The stored value of a key, or undefined when it has its default. */
    get: (key: SettingKey): string | undefined => get.get(key)?.value,
    set: (key: SettingKey, value: string, userId: number | null): void => {
      set.run(key, value, userId);
    },
    /** Back to the default. */
    reset: (key: SettingKey): void => {
      remove.run(key);
    },
    /** The first plan ever published that is still published: the default plan when none is set. */
    firstPublishedId: (): string | undefined => firstPublished.get()?.id,
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
