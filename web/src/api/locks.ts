import { YearLockSchema } from '@gz/shared';
import { z } from 'zod';
import { apiRequest, NO_CONTENT } from './client.ts';

export type YearLock = z.infer<typeof YearLockSchema>;

export const lockKeys = { list: (plan: string) => ['locks', plan] as const };

export function fetchLocks(plan: string): Promise<YearLock[]> {
  return apiRequest('/locks', { query: { plan }, schema: z.array(YearLockSchema) });
}

const lockPath = (planId: string, year: number) => `/plans/${encodeURIComponent(planId)}/locks/${year}`;

/** Locks a year: from then on none of its values can be entered or changed until it is unlocked. */
export async function lockYear(planId: string, year: number): Promise<void> {
  await apiRequest(lockPath(planId, year), { method: 'PUT', schema: NO_CONTENT });
}

export async function unlockYear(planId: string, year: number): Promise<void> {
  await apiRequest(lockPath(planId, year), { method: 'DELETE', schema: NO_CONTENT });
}
