import {
  type AssessmentWriteSchema,
  type Attribute,
  type Indicator,
  IndicatorSchema,
  type TargetWriteSchema,
  type Trajectory,
  TrajectorySchema,
} from '@gz/shared';
import { z } from 'zod';
import { apiRequest, NO_CONTENT } from './client.ts';

export interface IndicatorFilter {
  category?: string | undefined;
  attribute?: Attribute | undefined;
  year?: number | undefined;
  includePending?: boolean | undefined;
}

export const indicatorKeys = {
  all: ['indicators'] as const,
  list: (plan: string, filter: IndicatorFilter) => ['indicators', plan, 'list', filter] as const,
  one: (plan: string, code: string, year: number | undefined) => ['indicators', plan, code, year ?? 'latest'] as const,
  trajectory: (plan: string, code: string, includePending: boolean) =>
    ['indicators', plan, code, 'trajectory', includePending] as const,
};

const path = (code: string) => `/indicators/${encodeURIComponent(code)}`;

export function fetchIndicators(plan: string, filter: IndicatorFilter = {}): Promise<Indicator[]> {
  // includePending only when asked: a literal "false" would read as true to a coercing server.
  const { includePending, ...rest } = filter;
  return apiRequest('/indicators', {
    query: { plan, ...rest, includePending: includePending || undefined },
    schema: z.array(IndicatorSchema),
  });
}

export function fetchIndicator(plan: string, code: string, year?: number): Promise<Indicator> {
  return apiRequest(path(code), { query: { plan, year }, schema: IndicatorSchema });
}

/** Baseline, expected path and actual values from baseline to target year. */
export function fetchTrajectory(plan: string, code: string, includePending: boolean): Promise<Trajectory> {
  return apiRequest(`${path(code)}/trajectory`, {
    query: { plan, includePending: includePending || undefined },
    schema: TrajectorySchema,
  });
}

/** A reviewer's written judgement, shown beside (never instead of) the computed status. */
export async function recordAssessment(
  plan: string,
  code: string,
  body: z.input<typeof AssessmentWriteSchema>,
): Promise<void> {
  await apiRequest(`${path(code)}/assessments`, { method: 'POST', query: { plan }, json: body, schema: NO_CONTENT });
}

export type TargetWrite = z.input<typeof TargetWriteSchema>;

/** Records the province's figure for a binding indicator ("按省下达任务执行"), with its document. */
export async function setAssignedTarget(plan: string, code: string, body: TargetWrite): Promise<void> {
  await apiRequest(`${path(code)}/target`, { method: 'PUT', query: { plan }, json: body, schema: NO_CONTENT });
}
