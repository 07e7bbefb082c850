import { SettingsSchema, type Settings, type SettingsPatch } from '@gz/shared';
import { apiRequest } from './client.ts';

/** Admin settings: the issuing unit of reports and the plan shown by default (FINAL #11). */
export const settingsKeys = { all: ['settings'] as const };

export function fetchSettings(): Promise<Settings> {
  return apiRequest('/settings', { schema: SettingsSchema });
}

/** Sets or resets settings (null: back to the default). */
export function updateSettings(patch: SettingsPatch): Promise<Settings> {
  return apiRequest('/settings', { method: 'PATCH', json: patch, schema: SettingsSchema });
}
