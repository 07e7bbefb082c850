import { z } from 'zod';
import { ThresholdsSchema, type Thresholds } from '../domain/target-kinds.ts';
import { PlainText, RequiredText, YearSchema } from './common.ts';
import { IndicatorDefinitionSchema, PlanDefinitionSchema } from './plan.ts';

/*
 * Writing plans: a new plan (by hand or imported), a successor copied from an earlier plan, edits of a draft,
 * publishing. A plan is edited only while it is a draft; once published its definition is what the
 * evaluations and reports were computed against.
 */

/** A problem found in a plan definition, at a path inside it. */
export interface DefinitionIssue {
  path: Array<string | number>;
  message: string;
}

/** The thresholds must be ordered ahead ≥ onTrack ≥ lagging ≥ 0, or a schedule ratio could fall in no class. */
export function thresholdIssues(t: Thresholds): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  if (t.onTrack > t.ahead) issues.push({ path: ['onTrack'], message: 'onTrack must not exceed ahead' });
  if (t.lagging > t.onTrack) issues.push({ path: ['lagging'], message: 'lagging must not exceed onTrack' });
  if (t.lagging < 0) issues.push({ path: ['lagging'], message: 'lagging must not be negative' });
  return issues;
}

/** The period must run forward: targetYear after baselineYear, outlookYear (if any) not before targetYear. */
export function periodIssues(p: {
  baselineYear: number;
  targetYear: number;
  outlookYear: number | null;
}): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  if (p.targetYear <= p.baselineYear)
    issues.push({ path: ['targetYear'], message: 'targetYear must come after baselineYear' });
  if (p.outlookYear !== null && p.outlookYear < p.targetYear)
    issues.push({ path: ['outlookYear'], message: 'outlookYear must not come before targetYear' });
  return issues;
}

/**
 * Everything about a plan definition that its schema cannot say field by field: the period, ordered thresholds,
 * unique area and indicator codes (indicator codes are unique across the whole plan), baselines before the target year.
 */
export function planDefinitionIssues(def: z.output<typeof PlanDefinitionSchema>): DefinitionIssue[] {
  const issues = [
    ...periodIssues(def),
    ...thresholdIssues(def.thresholds).map((i) => ({ ...i, path: ['thresholds', ...i.path] })),
  ];
  const areaCodes = new Set<string>();
  const indicatorCodes = new Set<string>();
  def.categories.forEach((category, c) => {
    if (areaCodes.has(category.code))
      issues.push({ path: ['categories', c, 'code'], message: `area code ${category.code} is used twice` });
    areaCodes.add(category.code);
    category.indicators.forEach((ind, i) => {
      const at = ['categories', c, 'indicators', i];
      if (indicatorCodes.has(ind.code))
        issues.push({ path: [...at, 'code'], message: `indicator code ${ind.code} is used twice` });
      indicatorCodes.add(ind.code);
      if (ind.baseline.year >= def.targetYear)
        issues.push({
          path: [...at, 'baseline', 'year'],
          message: 'the baseline year must come before the target year',
        });
    });
  });
  return issues;
}

/** POST /plans: a whole plan definition, checked as a whole; it is created as a draft. */
export const NewPlanDefinitionSchema = PlanDefinitionSchema.superRefine((def, ctx) => {
  for (const issue of planDefinitionIssues(def))
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}).meta({ id: 'NewPlanDefinition', description: 'A plan definition to create as a draft.' });

const thresholdFields = ThresholdsSchema.shape;

/** Some of the thresholds; the others keep their stored values. */
export const ThresholdsPatchSchema = z
  .object({
    ahead: thresholdFields.ahead.unwrap().optional(),
    onTrack: thresholdFields.onTrack.unwrap().optional(),
    lagging: thresholdFields.lagging.unwrap().optional(),
    approxTolerancePct: thresholdFields.approxTolerancePct.unwrap().optional(),
    annualRateTolerance: thresholdFields.annualRateTolerance.unwrap().optional(),
    qualitativeBandPct: thresholdFields.qualitativeBandPct.unwrap().optional(),
  })
  .strict()
  .meta({ id: 'ThresholdsPatch' });

/** PATCH /plans/{planId}: edits of a draft plan; absent fields stay. */
export const PlanPatchSchema = z
  .object({
    title: RequiredText(200),
    tableTitle: PlainText(200).nullable(),
    issuer: PlainText(200).nullable(),
    document: PlainText(2000).nullable(),
    baselineYear: YearSchema,
    targetYear: YearSchema,
    outlookYear: YearSchema.nullable(),
    tableNote: PlainText(2000).nullable(),
    thresholds: ThresholdsPatchSchema,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .meta({ id: 'PlanPatch' });
export type PlanPatch = z.infer<typeof PlanPatchSchema>;

/** PATCH /plans/{planId}/indicators/{code}: edits of an indicator of a draft plan; nested objects are replaced whole. */
export const IndicatorPatchSchema = IndicatorDefinitionSchema.omit({ code: true })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .meta({ id: 'IndicatorPatch' });
export type IndicatorPatch = z.infer<typeof IndicatorPatchSchema>;

/** POST /plans/{planId}/indicators: a new indicator at the end of an existing area of a draft plan. */
export const NewIndicatorSchema = IndicatorDefinitionSchema.extend({
  categoryCode: PlainText(64).describe('code of the area it joins'),
}).meta({ id: 'NewIndicator' });
export type NewIndicator = z.infer<typeof NewIndicatorSchema>;

/**
 * POST /plans/{planId}/successor: a draft plan that carries the areas, indicators and thresholds of the source plan
 * over; targets start 待定 (never copied) and baselines are the source plan's target-year values (待补录 where none).
 */
export const SuccessorPlanSchema = z
  .object({
    id: PlanDefinitionSchema.shape.id.optional().describe('absent: generated from the period (plan-2026-2030)'),
    title: RequiredText(200),
    baselineYear: YearSchema,
    targetYear: YearSchema,
    outlookYear: YearSchema.nullable().default(null),
    tableTitle: PlainText(200).nullable().optional().describe("absent: the source plan's"),
    issuer: PlainText(200).nullable().optional().describe("absent: the source plan's"),
    document: PlainText(2000).nullable().default(null),
    tableNote: PlainText(2000).nullable().optional().describe("absent: the source plan's"),
  })
  .superRefine((p, ctx) => {
    for (const issue of periodIssues(p)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .meta({ id: 'SuccessorPlan' });
export type SuccessorPlan = z.infer<typeof SuccessorPlanSchema>;
