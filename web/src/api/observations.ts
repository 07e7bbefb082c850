import { ObservationSchema, type ObservationWrite } from '@gz/shared';
import { z } from 'zod';
import { ApiError, apiRequest } from './client.ts';

/** A stored revision of one indicator-year, with its review. */
const RevisionSchema = ObservationSchema.extend({
  baseRevisionId: z.number().int().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type Revision = z.infer<typeof RevisionSchema>;

const ObservationHistorySchema = z.object({ current: z.array(ObservationSchema), revisions: z.array(RevisionSchema) });
export type ObservationHistory = z.infer<typeof ObservationHistorySchema>;

export const observationKeys = {
  history: (plan: string, code: string) => ['indicators', plan, code, 'observations'] as const,
};

const path = (code: string) => `/indicators/${encodeURIComponent(code)}/observations`;

/** The counted value of each year and every revision behind them. */
export function fetchObservations(plan: string, code: string): Promise<ObservationHistory> {
  return apiRequest(path(code), { query: { plan }, schema: ObservationHistorySchema });
}

/** A revision as the write routes return it (the new one, or on a 409 the one that is current). */
const WrittenRevisionSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  revisionNo: z.number().int(),
  valueText: z.string(),
  dataStatus: ObservationSchema.shape.dataStatus,
  source: z.string(),
  reviewState: ObservationSchema.shape.reviewState,
  enteredAt: z.string(),
});
export type WrittenRevision = z.infer<typeof WrittenRevisionSchema>;

/**
 * Enters a year's value; the reply is the new (pending) revision. `value` goes as the text typed so
 * that no precision is lost; `baseRevision` is the revision the user saw, so a later one gives 409.
 */
export function putObservation(
  plan: string,
  code: string,
  year: number,
  entry: ObservationWrite & { value: string },
): Promise<WrittenRevision> {
  return apiRequest(`${path(code)}/${year}`, {
    method: 'PUT',
    query: { plan },
    json: entry,
    schema: WrittenRevisionSchema,
  });
}

const ConflictSchema = z.object({ current: WrittenRevisionSchema });

/** On a 409, the revision that is current now (what the user should look at before reapplying). */
export function conflictingRevision(error: unknown): WrittenRevision | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const parsed = ConflictSchema.safeParse(error.body);
  return parsed.success ? parsed.data.current : null;
}
