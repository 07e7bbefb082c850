import {
  type ObservationHistory,
  ObservationHistorySchema,
  type ObservationWrite,
  type Revision,
  RevisionConflictSchema,
  type RevisionWritten,
  RevisionWrittenSchema,
} from '@gz/shared';
import { ApiError, apiRequest } from './client.ts';

// COUNTED (#15 item 1): the reply shapes are the shared ones the routes declare
export type { ObservationHistory, Revision };
/** A revision as the write routes return it (the new one, or on a 409 the one that is current). */
export type WrittenRevision = RevisionWritten;

export const observationKeys = {
  history: (plan: string, code: string) => ['indicators', plan, code, 'observations'] as const,
};

const path = (code: string) => `/indicators/${encodeURIComponent(code)}/observations`;

/** The counted value of each year and every revision behind them. */
export function fetchObservations(plan: string, code: string): Promise<ObservationHistory> {
  return apiRequest(path(code), { query: { plan }, schema: ObservationHistorySchema });
}

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
    schema: RevisionWrittenSchema,
  });
}

/** On a 409, the revision that is current now (what the user should look at before reapplying). */
export function conflictingRevision(error: unknown): WrittenRevision | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const parsed = RevisionConflictSchema.safeParse(error.body);
  return parsed.success ? parsed.data.current : null;
}
