import {
  type Indicator,
  IndicatorSchema,
  type IndicatorPatch,
  type NewIndicator,
  type Plan,
  PlanDefinitionSchema,
  type PlanListItem,
  type PlanPatch,
  PlanProgressSummarySchema,
  PlanSchema,
  PlanSummaryItemSchema,
  type SuccessorPlanSchema,
} from '@gz/shared';
import { z } from 'zod';
import { apiRequest, apiUrl, NO_CONTENT } from './client.ts';

const SummaryReplySchema = PlanProgressSummarySchema.extend({ evaluationYear: z.number().int() });
export type PlanSummaryReply = z.infer<typeof SummaryReplySchema>;

export const planKeys = {
  list: ['plans'] as const,
  /** one plan with its thresholds and areas */
  one: (planId: string) => ['plans', planId, 'plan'] as const,
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

const planPath = (planId: string) => `/plans/${encodeURIComponent(planId)}`;

/** A plan with its thresholds, areas and table note. */
export function fetchPlan(planId: string): Promise<Plan> {
  return apiRequest(planPath(planId), { schema: PlanSchema });
}

/** The empty plan-definition workbook, to fill in and import. */
export const planTemplateUrl = () => apiUrl('/plans/template.xlsx');

/** A plan as a plan-definition workbook (the template's layout). */
export const planDefinitionUrl = (planId: string) => apiUrl(`${planPath(planId)}/definition.xlsx`);

/** The definition a workbook holds (dry run), or the draft plan it created. */
export type PlanImportResult =
  | { dryRun: true; definition: z.output<typeof PlanDefinitionSchema> }
  | { dryRun: false; plan: Plan };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Checks (`dryRun`) or imports a plan-definition workbook as a new draft plan. The file is the body itself,
 * typed here because a browser may give a picked file no type at all.
 */
export async function importPlanDefinition(file: Blob, dryRun: boolean): Promise<PlanImportResult> {
  const body = new Blob([file], { type: XLSX_TYPE });
  if (dryRun)
    return {
      dryRun,
      definition: await apiRequest('/plans/import', {
        method: 'POST',
        query: { dryRun },
        body,
        schema: PlanDefinitionSchema,
      }),
    };
  return {
    dryRun,
    plan: await apiRequest('/plans/import', { method: 'POST', query: { dryRun }, body, schema: PlanSchema }),
  };
}

export type SuccessorPlan = z.input<typeof SuccessorPlanSchema>;

/** A draft that copies a plan's areas, indicators and targets, with the latest approved values as its baselines. */
export function createSuccessor(sourceId: string, body: SuccessorPlan): Promise<Plan> {
  return apiRequest(`${planPath(sourceId)}/successor`, { method: 'POST', json: body, schema: PlanSchema });
}

/** Edits a draft plan's title, period, note or thresholds. */
export function patchPlan(planId: string, patch: PlanPatch): Promise<Plan> {
  return apiRequest(planPath(planId), { method: 'PATCH', json: patch, schema: PlanSchema });
}

/** Edits one indicator of a draft plan (nested baseline and target are replaced whole). */
export function patchPlanIndicator(planId: string, code: string, patch: IndicatorPatch): Promise<Indicator> {
  return apiRequest(`${planPath(planId)}/indicators/${encodeURIComponent(code)}`, {
    method: 'PATCH',
    json: patch,
    schema: IndicatorSchema,
  });
}

/** Publishes a draft plan: read-only from then on; refused while a target is 待定. The default plan does not move. */
export function publishPlan(planId: string): Promise<Plan> {
  return apiRequest(`${planPath(planId)}/publish`, { method: 'POST', schema: PlanSchema });
}

/** Archives (停用) a published plan: data kept and readable (FINAL #11). */
export function archivePlan(planId: string): Promise<Plan> {
  return apiRequest(`${planPath(planId)}/archive`, { method: 'POST', schema: PlanSchema });
}

/** Adds an indicator at the end of an area of a draft plan (FINAL #11). */
export function addPlanIndicator(planId: string, body: NewIndicator): Promise<Indicator> {
  return apiRequest(`${planPath(planId)}/indicators`, { method: 'POST', json: body, schema: IndicatorSchema });
}

/** Removes an indicator of a draft plan (FINAL #11). */
export async function removePlanIndicator(planId: string, code: string): Promise<void> {
  await apiRequest(`${planPath(planId)}/indicators/${encodeURIComponent(code)}`, {
    method: 'DELETE',
    schema: NO_CONTENT,
  });
}
