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
import { type FieldError, notFound, problem } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import {
  contributingUnitsOf,
  targetSpecOf,
  type IndicatorRow,
  type IndicatorsRepository,
} from '../indicators/indicators.repository.ts';
import type { PlanRow, PlansRepository } from './plans.repository.ts';
import { readPlanWorkbook } from './plans.xlsx.ts';
import type { Actor } from '../../plugins/auth.ts';

/** A checked plan definition, defaults applied. */
type CheckedDefinition = z.output<typeof NewPlanDefinitionSchema>;

const invalid = (errors: FieldError[]) =>
  problem('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

const atBody = (issues: readonly DefinitionIssue[], prefix = 'body'): FieldError[] =>
  issues.map((i) => ({ field: [prefix, ...i.path].join('.'), message: i.message }));

const planExists = (id: string) =>
  problem('plan_exists', `a plan with the id ${id} exists already`, [{ field: 'body.id', message: 'already used' }]);

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
    leadUnit: row.leadUnit,
    contributingUnits: contributingUnitsOf(row),
    dataSource: row.dataSource,
    targetUndecided: row.targetUndecided,
    baselinePending: row.baselinePending,
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
export function createPlansService(deps: {
  db: Db;
  plans: PlansRepository;
  indicators: IndicatorsRepository;
  audit: AuditRepository;
  /** whether a unit code is in the directory (units, #14); every code passes when absent */
  unitExists?: (code: string) => boolean;
}) {
  /** Unknown unit codes of an indicator definition, as field errors under `prefix` (400 unknown_unit). */
  function unitErrors(ind: Pick<IndicatorDefinition, 'leadUnit' | 'contributingUnits'>, prefix: string): FieldError[] {
    const known = deps.unitExists ?? (() => true);
    const errors: FieldError[] = [];
    if (ind.leadUnit !== null && !known(ind.leadUnit)) {
      errors.push({ field: `${prefix}.leadUnit`, message: `unknown unit code ${ind.leadUnit}` });
    }
    ind.contributingUnits.forEach((c, i) => {
      if (!known(c)) errors.push({ field: `${prefix}.contributingUnits.${i}`, message: `unknown unit code ${c}` });
    });
    return errors;
  }
  const unknownUnits = (errors: FieldError[]) =>
    problem('unknown_unit', `unknown unit code at ${errors.map((e) => e.field).join(', ')}`, errors);

  const { db, plans, indicators, audit } = deps;

  function existing(planId: string): PlanRow {
    const plan = plans.get(planId);
    if (!plan) throw notFound(`plan ${planId}`);
    return plan;
  }

  /** A plan that may still be edited; a published (or archived) one is what evaluations were made against. */
  function draft(planId: string): PlanRow {
    const plan = existing(planId);
    if (plan.state !== 'draft')
      throw problem('plan_not_draft', `plan ${plan.id} is ${plan.state}; only a draft plan can be edited`);
    return plan;
  }

  /** A plan id from the period, unique: plan-2026-2030, else plan-2026-2030-2, … (nobody types a slug). */
  function generatedPlanId(baselineYear: number, targetYear: number): string {
    const base = `plan-${baselineYear + 1}-${targetYear}`;
    let id = base;
    for (let k = 2; plans.get(id); k += 1) id = `${base}-${k}`;
    return id;
  }

  function indicatorOf(plan: PlanRow, code: string): IndicatorRow {
    return indicators.requireByCode(plan.id, code);
  }

  function toPlan(plan: PlanRow): Plan {
    const cats = plans.categories(plan.id);
    return {
      ...toPlanListItem(
        plan,
        cats.reduce((n, c) => n + c.indicatorCount, 0),
      ),
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

  function insertDraft(
    actor: Actor,
    def: CheckedDefinition,
    action: string,
    source: { plan: PlanRow; indicatorIds: Map<string, number> } | null,
  ): Plan {
    const unitProblems = def.categories.flatMap((c, ci) =>
      c.indicators.flatMap((ind, ii) => unitErrors(ind, `body.categories.${ci}.indicators.${ii}`)),
    );
    if (unitProblems.length > 0) throw unknownUnits(unitProblems);
    db.transaction(
      () => {
        if (plans.get(def.id)) throw planExists(def.id);
        plans.insertDefinition(def, 'draft', source?.plan.id ?? null, source?.indicatorIds);
        audit.append(actor, {
          action,
          entityType: 'plan',
          entityId: def.id,
          planId: def.id,
          after: { ...def, sourcePlanId: source?.plan.id ?? null },
        });
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
    async importWorkbook(
      actor: Actor,
      file: Buffer,
      dryRun: boolean,
    ): Promise<{ plan: Plan | null; definition: CheckedDefinition }> {
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
     * Creates the draft successor of a plan: its areas, indicators and thresholds. Targets are never copied: each
     * starts 待定 (undecided) until an admin sets it or marks it 待省下达 / 仅监测. Baselines are the source plan's
     * approved values of its target year only; an indicator without one gets a blank baseline flagged 待补录, with
     * the latest earlier approved value named in its note as a hint (never used). The id is generated when not
     * given. The source plan is only read.
     */
    successor(actor: Actor, sourceId: string, body: SuccessorPlan): Plan {
      const source = existing(sourceId);
      // every baseline is of the source's target year, so the successor's target year must come after it
      if (body.targetYear <= source.targetYear) {
        throw invalid([
          {
            field: 'body.targetYear',
            message:
              `the baselines are of ${source.targetYear}, the source plan's target year; the target year must come after it ` +
              `(基期为${source.targetYear}年，目标年须晚于${source.targetYear}年)`,
          },
        ]);
      }
      const base = definitionOf(source);
      const rows = indicators.listByPlan(source.id);
      const atTarget = new Map<number, { year: number; valueText: string; source: string }>();
      const earlier = new Map<number, { year: number; valueText: string }>();
      // Counted revisions come oldest year first per indicator, so the last one kept is the latest.
      for (const rev of indicators.countedRevisions(source.id, false)) {
        if (rev.year === source.targetYear) atTarget.set(rev.indicatorId, rev);
        else if (rev.year < source.targetYear) earlier.set(rev.indicatorId, rev);
      }
      const idByCode = new Map(rows.map((r) => [r.code, r.id]));
      const id = body.id ?? generatedPlanId(body.baselineYear, body.targetYear);
      const def: CheckedDefinition = {
        ...base,
        id,
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
            const sourceId = idByCode.get(ind.code);
            const value = sourceId === undefined ? undefined : atTarget.get(sourceId);
            const hint = sourceId === undefined ? undefined : earlier.get(sourceId);
            const T = source.targetYear;
            return {
              ...ind,
              baseline: value
                ? {
                    valueText: value.valueText,
                    year: T,
                    note: `《${source.title}》${T}年审核通过的实际值（来源：${value.source}）`,
                  }
                : {
                    valueText: null,
                    year: T,
                    note:
                      `待补录：《${source.title}》无${T}年审核通过的实际值` +
                      (hint ? `（参考：最近为${hint.year}年的${hint.valueText}，未采用）` : ''),
                  },
              baselinePending: value === undefined,
              target: { spec: { kind: 'none' as const }, text: null, note: '待定' },
              targetUndecided: true,
            };
          }),
        })),
      };
      return insertDraft(actor, NewPlanDefinitionSchema.parse(def), 'plan.successor', {
        plan: source,
        indicatorIds: idByCode,
      });
    },

    /** Edits a draft plan's title, period, note or thresholds (some of them; the others keep their values). */
    patch(actor: Actor, planId: string, patch: PlanPatch): Plan {
      const plan = draft(planId);
      const { thresholds: thresholdsPatch, ...fields } = patch;
      const thresholds = { ...plans.thresholdsOf(plan), ...thresholdsPatch };
      const next = { ...plan, ...fields };
      const errors = [...atBody(periodIssues(next)), ...atBody(thresholdIssues(thresholds), 'body.thresholds')];
      const late = indicators.listByPlan(plan.id).find((r) => r.baselineYear >= next.targetYear);
      if (late)
        errors.push({
          field: 'body.targetYear',
          message: `the baseline of ${late.code} is of ${late.baselineYear}; the target year must come after it`,
        });
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
      const next = IndicatorDefinitionSchema.parse({
        ...before,
        ...patch,
        code: row.code,
        // a target given (a number, 待省下达 or 仅监测) is decided; a baseline value given is entered
        targetUndecided: patch.target === undefined ? before.targetUndecided : false,
        baselinePending: patch.baseline === undefined ? before.baselinePending : patch.baseline.valueText === null,
      });
      if (next.baseline.year >= plan.targetYear)
        throw invalid([
          { field: 'body.baseline.year', message: `must come before the target year ${plan.targetYear}` },
        ]);
      const unitProblems = unitErrors(next, 'body');
      if (unitProblems.length > 0) throw unknownUnits(unitProblems);
      const targetChanged = JSON.stringify(before.target) !== JSON.stringify(next.target);
      db.transaction(() => {
        plans.updateIndicator(row.id, next, targetChanged, actor.id);
        audit.append(actor, {
          action: 'indicator.update',
          entityType: 'indicator',
          entityId: row.id,
          planId: plan.id,
          indicatorCode: code,
          before,
          after: next,
        });
      });
    },

    /** Adds an indicator at the end of an area of a draft plan. */
    addIndicator(actor: Actor, planId: string, body: NewIndicator): void {
      const plan = draft(planId);
      const { categoryCode, ...ind } = body;
      const category = plans.categories(plan.id).find((c) => c.code === categoryCode);
      const errors: FieldError[] = [];
      if (!category) errors.push({ field: 'body.categoryCode', message: `no area ${categoryCode} in plan ${plan.id}` });
      if (ind.baseline.year >= plan.targetYear)
        errors.push({ field: 'body.baseline.year', message: `must come before the target year ${plan.targetYear}` });
      if (errors.length > 0 || !category) throw invalid(errors);
      const unitProblems = unitErrors(ind, 'body');
      if (unitProblems.length > 0) throw unknownUnits(unitProblems);
      db.transaction(
        () => {
          if (indicators.getByCode(plan.id, ind.code)) {
            throw problem('indicator_exists', `plan ${plan.id} has an indicator ${ind.code} already`, [
              { field: 'body.code', message: 'already used' },
            ]);
          }
          const id = plans.addIndicator(plan.id, category.id, ind, actor.id);
          audit.append(actor, {
            action: 'indicator.create',
            entityType: 'indicator',
            entityId: id,
            planId: plan.id,
            indicatorCode: ind.code,
            after: body,
          });
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
            throw problem(
              'indicator_in_use',
              `${code} has values, yearly targets or assessments; it cannot be removed`,
            );
          }
          plans.removeIndicator(plan.id, row.id, row.position);
          audit.append(actor, {
            action: 'indicator.delete',
            entityType: 'indicator',
            entityId: row.id,
            planId: plan.id,
            indicatorCode: code,
            before: toDefinition(row),
          });
        },
        { behavior: 'immediate' },
      );
    },

    /**
     * Publishes a draft plan: from now on it is read-only. Refused while any target is 待定. It does not become the
     * default plan: that is an admin setting (默认展示规划).
     */
    publish(actor: Actor, planId: string): Plan {
      const plan = draft(planId);
      if (indicators.listByPlan(plan.id).length === 0) {
        throw problem('plan_empty', `plan ${plan.id} has no indicators; add some before publishing it`);
      }
      const undecided = indicators.listByPlan(plan.id).filter((r) => r.targetUndecided);
      if (undecided.length > 0) {
        throw problem(
          'targets_undecided',
          `${undecided.length} indicators of plan ${plan.id} have no target yet: set each, or mark it assigned or monitoring only ` +
            `(${undecided.length}项指标目标待定：请逐项设定目标，或标记为待省下达、仅监测)`,
          undecided.map((r) => ({
            field: `indicators.${r.code}.target`,
            message: `target undecided (${r.name}：目标待定)`,
          })),
        );
      }
      db.transaction(() => {
        plans.update(plan.id, { state: 'published', publishedAt: new Date().toISOString() });
        audit.append(actor, {
          action: 'plan.publish',
          entityType: 'plan',
          entityId: plan.id,
          planId: plan.id,
          before: { state: plan.state },
          after: { state: 'published' },
        });
      });
      return toPlan(existing(plan.id));
    },

    /** Archives (停用) a published plan: it is no longer offered as current, its data are kept and still readable. */
    archive(actor: Actor, planId: string): Plan {
      const plan = existing(planId);
      if (plan.state !== 'published') {
        throw problem(
          'plan_not_published',
          `plan ${plan.id} is ${plan.state}; only a published plan is archived (只有已发布的规划可以停用)`,
        );
      }
      db.transaction(() => {
        plans.update(plan.id, { state: 'archived' });
        audit.append(actor, {
          action: 'plan.archive',
          entityType: 'plan',
          entityId: plan.id,
          planId: plan.id,
          before: { state: plan.state },
          after: { state: 'archived' },
        });
      });
      return toPlan(existing(plan.id));
    },
  };
}
export type PlansService = ReturnType<typeof createPlansService>;
