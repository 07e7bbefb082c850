import {
  IndicatorDefinitionSchema,
  NewPlanDefinitionSchema,
  periodIssues,
  thresholdIssues,
  type DefinitionIssue,
  type IndicatorDefinition,
  type IndicatorPatch,
  type NewIndicator,
  type Plan,
  type PlanListItem,
  type PlanDefinition,
  type PlanPatch,
  type SuccessorPlan,
} from '@gz/shared';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type FieldError, notFound, ProblemError } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { targetSpecOf, type IndicatorRow, type IndicatorsRepository } from '../indicators/indicators.repository.ts';
import type { PlanRow, PlansRepository } from './plans.repository.ts';
import { readPlanWorkbook } from './plans.xlsx.ts';
import type { Actor } from '../../plugins/auth.ts';

/** A checked plan definition, defaults applied. */
type CheckedDefinition = z.output<typeof NewPlanDefinitionSchema>;

const invalid = (errors: FieldError[]) =>
  new ProblemError(400, 'validation_failed', 'Bad Request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

const atBody = (issues: readonly DefinitionIssue[], prefix = 'body'): FieldError[] =>
  issues.map((i) => ({ field: [prefix, ...i.path].join('.'), message: i.message }));

const planExists = (id: string) =>
  new ProblemError(409, 'plan_exists', 'Conflict', `a plan with the id ${id} exists already`, [{ field: 'body.id', message: 'already used' }]);

/** An indicator row as a plan definition writes it. */
function toDefinition(row: IndicatorRow): IndicatorDefinition {
  return {
    code: row.code,
    name: row.name,
    unit: row.unit,
    unitNote: row.unitNote,
    attribute: row.attribute,
    direction: row.direction === -1 ? -1 : 1,
    baseline: { valueText: row.baselineText, year: row.baselineYear, note: row.baselineNote },
    target: { spec: targetSpecOf(row), text: row.targetText, note: row.targetNote },
    definition: row.definition,
    department: row.department,
    dataSource: row.dataSource,
  };
}

/** A plan as the plan list shows it. */
export function toPlanListItem(plan: PlanRow, indicatorCount: number): PlanListItem {
  return {
    id: plan.id,
    title: plan.title,
    issuer: plan.issuer,
    document: plan.document,
    baselineYear: plan.baselineYear,
    targetYear: plan.targetYear,
    outlookYear: plan.outlookYear,
    state: plan.state,
    indicatorCount,
  };
}

/**
 * The life of a plan: created as a draft (by hand, from a workbook, or as the successor of another plan),
 * edited while it is a draft, then published. Each write runs in one transaction with its audit entry.
 */
export function createPlansService(deps: { db: Db; plans: PlansRepository; indicators: IndicatorsRepository; audit: AuditRepository }) {
  const { db, plans, indicators, audit } = deps;

  function existing(planId: string): PlanRow {
    const plan = plans.get(planId);
    if (!plan) throw notFound(`plan ${planId}`);
    return plan;
  }

  /** A plan that may still be edited; a published (or archived) one is what evaluations were made against. */
  function draft(planId: string): PlanRow {
    const plan = existing(planId);
    if (plan.state !== 'draft') throw new ProblemError(409, 'plan_not_draft', 'Conflict', `plan ${plan.id} is ${plan.state}; only a draft plan can be edited`);
    return plan;
  }

  function indicatorOf(plan: PlanRow, code: string): IndicatorRow {
    return indicators.requireByCode(plan.id, code);
  }

  function toPlan(plan: PlanRow): Plan {
    const cats = plans.categories(plan.id);
    return {
      ...toPlanListItem(plan, cats.reduce((n, c) => n + c.indicatorCount, 0)),
      tableTitle: plan.tableTitle,
      tableNote: plan.tableNote,
      thresholds: plans.thresholdsOf(plan),
      categories: cats.map(({ code, name, position, indicatorCount }) => ({ code, name, position, indicatorCount })),
    };
  }

  /** The plan as a definition: what a workbook export or a successor starts from. */
  function definitionOf(plan: PlanRow): CheckedDefinition {
    const rows = indicators.listByPlan(plan.id);
    return {
      id: plan.id,
      title: plan.title,
      tableTitle: plan.tableTitle,
      issuer: plan.issuer,
      document: plan.document,
      baselineYear: plan.baselineYear,
      targetYear: plan.targetYear,
      outlookYear: plan.outlookYear,
      thresholds: plans.thresholdsOf(plan),
      tableNote: plan.tableNote,
      categories: plans.categories(plan.id).map((c) => ({
        code: c.code,
        name: c.name,
        indicators: rows.filter((r) => r.categoryId === c.id).map(toDefinition),
      })),
    };
  }

  function insertDraft(actor: Actor, def: CheckedDefinition, action: string, source: { plan: PlanRow; indicatorIds: Map<string, number> } | null): Plan {
    db.transaction(
      () => {
        if (plans.get(def.id)) throw planExists(def.id);
        plans.insertDefinition(def, 'draft', source?.plan.id ?? null, source?.indicatorIds);
        audit.append(actor, { action, entityType: 'plan', entityId: def.id, planId: def.id, after: { ...def, sourcePlanId: source?.plan.id ?? null } });
      },
      { behavior: 'immediate' },
    );
    return toPlan(existing(def.id));
  }

  return {
    toPlan: (planId: string) => toPlan(existing(planId)),
    definitionOf: (planId: string): PlanDefinition => definitionOf(existing(planId)),

    /** Creates a draft plan from a checked definition. 409 when the id is taken. */
    create: (actor: Actor, def: CheckedDefinition) => insertDraft(actor, def, 'plan.create', null),

    /**
     * Reads a plan-definition workbook; with `dryRun` returns the definition it holds without writing, else
     * creates it as a draft. Every problem of the file is reported at once, at its cell.
     */
    async importWorkbook(actor: Actor, file: Buffer, dryRun: boolean): Promise<{ plan: Plan | null; definition: CheckedDefinition }> {
      const read = await readPlanWorkbook(file);
      if ('errors' in read) throw invalid(read.errors);
      const def = read.definition;
      if (dryRun) {
        if (plans.get(def.id)) throw planExists(def.id);
        return { plan: null, definition: def };
      }
      return { plan: insertDraft(actor, def, 'plan.import', null), definition: def };
    },

    /**
     * Creates the draft successor of a plan: its areas, indicators, targets (marked as carried over) and
     * thresholds, with each indicator's latest approved value at or before the new baseline year as its
     * baseline (value and year). An indicator with no approved value keeps a blank baseline and a note.
     * The source plan is only read.
     */
    successor(actor: Actor, sourceId: string, body: SuccessorPlan): Plan {
      const source = existing(sourceId);
      const base = definitionOf(source);
      const rows = indicators.listByPlan(source.id);
      const latest = new Map<number, { year: number; valueText: string; source: string }>();
      // Counted revisions come oldest year first per indicator, so the last one kept is the latest.
      for (const rev of indicators.countedRevisions(source.id, false)) {
        if (rev.year <= body.baselineYear) latest.set(rev.indicatorId, rev);
      }
      const idByCode = new Map(rows.map((r) => [r.code, r.id]));
      const carried = `沿用《${source.title}》的目标，待修订`;
      const def: CheckedDefinition = {
        ...base,
        id: body.id,
        title: body.title,
        tableTitle: body.tableTitle === undefined ? base.tableTitle : body.tableTitle,
        issuer: body.issuer === undefined ? base.issuer : body.issuer,
        document: body.document,
        tableNote: body.tableNote === undefined ? base.tableNote : body.tableNote,
        baselineYear: body.baselineYear,
        targetYear: body.targetYear,
        outlookYear: body.outlookYear,
        categories: base.categories.map((c) => ({
          ...c,
          indicators: c.indicators.map((ind) => {
            const value = latest.get(idByCode.get(ind.code)!);
            return {
              ...ind,
              baseline: value
                ? { valueText: value.valueText, year: value.year, note: `${value.year}年审核通过的实际值（来源：${value.source}）` }
                : { valueText: null, year: body.baselineYear, note: `《${source.title}》中无${body.baselineYear}年及以前审核通过的实际值，基期值待补充` },
              target: { ...ind.target, note: ind.target.note === null ? carried : `${carried}；${ind.target.note}` },
            };
          }),
        })),
      };
      return insertDraft(actor, NewPlanDefinitionSchema.parse(def), 'plan.successor', { plan: source, indicatorIds: idByCode });
    },

    /** Edits a draft plan's title, period, note or thresholds (some of them; the others keep their values). */
    patch(actor: Actor, planId: string, patch: PlanPatch): Plan {
      const plan = draft(planId);
      const { thresholds: thresholdsPatch, ...fields } = patch;
      const thresholds = { ...plans.thresholdsOf(plan), ...thresholdsPatch };
      const next = { ...plan, ...fields };
      const errors = [...atBody(periodIssues(next)), ...atBody(thresholdIssues(thresholds), 'body.thresholds')];
      const late = indicators.listByPlan(plan.id).find((r) => r.baselineYear >= next.targetYear);
      if (late) errors.push({ field: 'body.targetYear', message: `the baseline of ${late.code} is of ${late.baselineYear}; the target year must come after it` });
      if (errors.length > 0) throw invalid(errors);
      db.transaction(() => {
        plans.update(plan.id, { ...fields, thresholds: JSON.stringify(thresholds) });
        const before = Object.fromEntries(Object.keys(fields).map((k) => [k, plan[k as keyof typeof fields]]));
        audit.append(actor, {
          action: 'plan.update',
          entityType: 'plan',
          entityId: plan.id,
          planId: plan.id,
          before: { ...before, thresholds: plans.thresholdsOf(plan) },
          after: { ...fields, thresholds },
        });
      });
      return toPlan(existing(plan.id));
    },

    /** Edits an indicator of a draft plan; a changed target is recorded as a new target version. */
    patchIndicator(actor: Actor, planId: string, code: string, patch: IndicatorPatch): void {
      const plan = draft(planId);
      const row = indicatorOf(plan, code);
      const before = toDefinition(row);
      const next = IndicatorDefinitionSchema.parse({ ...before, ...patch, code: row.code });
      if (next.baseline.year >= plan.targetYear) throw invalid([{ field: 'body.baseline.year', message: `must come before the target year ${plan.targetYear}` }]);
      const targetChanged = JSON.stringify(before.target) !== JSON.stringify(next.target);
      db.transaction(() => {
        plans.updateIndicator(row.id, next, targetChanged, actor.id);
        audit.append(actor, { action: 'indicator.update', entityType: 'indicator', entityId: row.id, planId: plan.id, indicatorCode: code, before, after: next });
      });
    },

    /** Adds an indicator at the end of an area of a draft plan. */
    addIndicator(actor: Actor, planId: string, body: NewIndicator): void {
      const plan = draft(planId);
      const { categoryCode, ...ind } = body;
      const category = plans.categories(plan.id).find((c) => c.code === categoryCode);
      const errors: FieldError[] = [];
      if (!category) errors.push({ field: 'body.categoryCode', message: `no area ${categoryCode} in plan ${plan.id}` });
      if (ind.baseline.year >= plan.targetYear) errors.push({ field: 'body.baseline.year', message: `must come before the target year ${plan.targetYear}` });
      if (errors.length > 0 || !category) throw invalid(errors);
      db.transaction(
        () => {
          if (indicators.getByCode(plan.id, ind.code)) {
            throw new ProblemError(409, 'indicator_exists', 'Conflict', `plan ${plan.id} has an indicator ${ind.code} already`, [{ field: 'body.code', message: 'already used' }]);
          }
          const id = plans.addIndicator(plan.id, category.id, ind, actor.id);
          audit.append(actor, { action: 'indicator.create', entityType: 'indicator', entityId: id, planId: plan.id, indicatorCode: ind.code, after: body });
        },
        { behavior: 'immediate' },
      );
    },

    /** Removes an indicator of a draft plan, unless values, yearly targets or assessments refer to it. */
    removeIndicator(actor: Actor, planId: string, code: string): void {
      const plan = draft(planId);
      const row = indicatorOf(plan, code);
      db.transaction(
        () => {
          if (plans.indicatorReferences(row.id) > 0) {
            throw new ProblemError(409, 'indicator_in_use', 'Conflict', `${code} has values, yearly targets or assessments; it cannot be removed`);
          }
          plans.removeIndicator(plan.id, row.id, row.position);
          audit.append(actor, { action: 'indicator.delete', entityType: 'indicator', entityId: row.id, planId: plan.id, indicatorCode: code, before: toDefinition(row) });
        },
        { behavior: 'immediate' },
      );
    },

    /** Publishes a draft plan: from now on it is read-only and may become the default plan. */
    publish(actor: Actor, planId: string): Plan {
      const plan = draft(planId);
      if (indicators.listByPlan(plan.id).length === 0) {
        throw new ProblemError(409, 'plan_empty', 'Conflict', `plan ${plan.id} has no indicators; add some before publishing it`);
      }
      db.transaction(() => {
        plans.update(plan.id, { state: 'published', publishedAt: new Date().toISOString() });
        audit.append(actor, { action: 'plan.publish', entityType: 'plan', entityId: plan.id, planId: plan.id, before: { state: plan.state }, after: { state: 'published' } });
      });
      return toPlan(existing(plan.id));
    },
  };
}
export type PlansService = ReturnType<typeof createPlansService>;
