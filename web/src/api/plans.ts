import { type PlanListItem, PlanProgressSummarySchema, PlanSummaryItemSchema } from '@gz/shared';
import { z } from 'zod';
import { apiRequest } from './client.ts';

const SummaryReplySchema = PlanProgressSummarySchema.extend({ evaluationYear: z.number().int() });
export type PlanSummaryReply = z.infer<typeof SummaryReplySchema>;

export const planKeys = {
  list: ['plans'] as const,
  summary: (planId: string, year: number | undefined) => ['plans', planId, 'summary', year ?? 'latest'] as const,
  /** every year's summary of a plan: what a change to a counted value or a target makes stale */
  summaries: (planId: string) => ['plans', planId, 'summary'] as const,
};

export function fetchPlans(): Promise<PlanListItem[]> {
  return apiRequest('/plans', { schema: z.array(PlanSummaryItemSchema) });
}

/** Counts by class, area and attribute and the early-warning list, as of `year` (default: latest). */
export function fetchPlanSummary(planId: string, year: number | undefined): Promise<PlanSummaryReply> {
  return apiRequest(`/plans/${encodeURIComponent(planId)}/summary`, { query: { year }, schema: SummaryReplySchema });
}
