import { PendingRevisionSchema, type ReviewItem } from '@gz/shared';
import { z } from 'zod';
import { apiRequest, NO_CONTENT } from './client.ts';

export const revisionKeys = { pending: (plan: string) => ['revisions', plan, 'pending'] as const };

/** The review queue: values awaiting review, each with the counted value it would replace. */
export function fetchPendingRevisions(plan: string): Promise<ReviewItem[]> {
  return apiRequest('/revisions', { query: { plan, state: 'pending' }, schema: z.array(PendingRevisionSchema) });
}

export async function approveRevision(id: number): Promise<void> {
  await apiRequest(`/revisions/${id}/approve`, { method: 'POST', schema: NO_CONTENT });
}

/** Sends a value back to its editor; the reason is required so the editor knows what to fix. */
export async function returnRevision(id: number, reason: string): Promise<void> {
  await apiRequest(`/revisions/${id}/return`, { method: 'POST', json: { reason }, schema: NO_CONTENT });
}
