import { type AnnualTarget, AnnualTargetSchema, type AnnualTargetWrite } from '@gz/shared';
import { z } from 'zod';
import { apiRequest } from './client.ts';

export const annualTargetKeys = {
  all: ['annual-targets'] as const,
  ofPlan: (plan: string) => ['annual-targets', plan, 'plan'] as const,
  ofIndicator: (plan: string, code: string) => ['annual-targets', plan, code] as const,
};

/** An indicator's yearly targets (年度目标) in force, by year. */
export function fetchIndicatorAnnualTargets(plan: string, code: string): Promise<AnnualTarget[]> {
  return apiRequest(`/indicators/${encodeURIComponent(code)}/annual-targets`, {
    query: { plan },
    schema: z.array(AnnualTargetSchema),
  });
}

/** The yearly targets in force of all of a plan's indicators, in table order. */
export function fetchPlanAnnualTargets(plan: string): Promise<AnnualTarget[]> {
  return apiRequest(`/plans/${encodeURIComponent(plan)}/annual-targets`, { schema: z.array(AnnualTargetSchema) });
}

/** Sets (a new version of) one indicator's target for one year, with the document it comes from. */
export function setAnnualTarget(
  plan: string,
  code: string,
  year: number,
  body: AnnualTargetWrite,
): Promise<AnnualTarget> {
  return apiRequest(`/indicators/${encodeURIComponent(code)}/annual-targets/${year}`, {
    method: 'PUT',
    query: { plan },
    json: body,
    schema: AnnualTargetSchema,
  });
}
