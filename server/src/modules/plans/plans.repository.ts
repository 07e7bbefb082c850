import {
  PlanDefinitionSchema,
  ThresholdsSchema,
  type IndicatorDefinition,
  type PlanDefinition,
  type PlanState,
  type Thresholds,
} from '@gz/shared';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { categories, indicators, plans, targetVersions } from '../../db/schema.ts';
import { defined } from '../../lib/invariant.ts';

export type PlanRow = typeof plans.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;

/** The columns of an indicator that a plan definition sets. */
function indicatorColumns(ind: IndicatorDefinition) {
  return {
    name: ind.name,
    unit: ind.unit,
    unitNote: ind.unitNote,
    attribute: ind.attribute,
    direction: ind.direction,
    baselineText: ind.baseline.valueText,
    baselineYear: ind.baseline.year,
    baselineNote: ind.baseline.note,
    targetSpec: JSON.stringify(ind.target.spec),
    targetText: ind.target.text,
    targetNote: ind.target.note,
    definition: ind.definition,
    leadUnit: ind.leadUnit,
    contributingUnits: JSON.stringify(ind.contributingUnits),
    // set by an admin through a plan; the seed loader marks its own as seed_default
    assignmentSource: ind.leadUnit === null ? null : ('admin' as const),
    dataSource: ind.dataSource,
    targetUndecided: ind.targetUndecided ?? false,
    baselinePending: ind.baselinePending ?? false,
  };
}

/** Plans and their categories: data access only. */
export function createPlansRepository(db: Db) {
  const byId = db
    .select()
    .from(plans)
    .where(eq(plans.id, sql.placeholder('id')))
    .prepare();
  const categoriesOf = db
    .select({
      id: categories.id,
      code: categories.code,
      name: categories.name,
      position: categories.position,
      // spelled out: drizzle leaves columns unqualified in a one-table select, so `id` would bind to the subquery's table
      indicatorCount: sql<number>`(select count(*) from indicators i where i.category_id = categories.id)`,
    })
    .from(categories)
    .where(eq(categories.planId, sql.placeholder('planId')))
    .orderBy(asc(categories.position))
    .prepare();
  const all = db
    .select({
      plan: plans,
      indicatorCount: sql<number>`(select count(*) from indicators i where i.plan_id = plans.id)`,
    })
    .from(plans)
    .orderBy(desc(plans.baselineYear), asc(plans.id))
    .prepare();

  const references = db.$client.prepare<[number, number, number], { n: number }>(
    `SELECT (SELECT count(*) FROM observation_revisions WHERE indicator_id = ?) + (SELECT count(*) FROM annual_targets WHERE indicator_id = ?)
       + (SELECT count(*) FROM assessments WHERE indicator_id = ?) AS n`,
  );

  /** Inserts an indicator with its first target version; returns its id. */
  function insertIndicator(
    tx: Pick<Db, 'insert'>,
    at: { planId: string; categoryId: number; position: number; sourceIndicatorId: number | null },
    ind: IndicatorDefinition,
    createdBy: number | null = null,
  ): number {
    const { id } = tx
      .insert(indicators)
      .values({ ...at, code: ind.code, ...indicatorColumns(ind) })
      .returning({ id: indicators.id })
      .get();
    tx.insert(targetVersions)
      .values({
        indicatorId: id,
        spec: JSON.stringify(ind.target.spec),
        text: ind.target.text,
        note: ind.target.note,
        createdBy,
      })
      .run();
    return id;
  }

  // asked on every request that names no plan
  const newestPublished = db.$client.prepare<[], { id: string }>(
    `SELECT id FROM plans WHERE state = 'published' ORDER BY baseline_year DESC, id LIMIT 1`,
  );

  return {
    list: () => all.all(),
    get: (id: string): PlanRow | undefined => byId.get({ id }),
    categories: (planId: string) => categoriesOf.all({ planId }),
    /** The plan served when a request names none: the newest published one. */
    newestPublishedId: (): string | undefined => newestPublished.get()?.id,
    thresholdsOf: (plan: PlanRow): Thresholds => ThresholdsSchema.parse(JSON.parse(plan.thresholds)),
    /**
     * Writes a whole plan definition (plan, categories, indicators, first target versions) in one
     * transaction. A plan carried over from another names it, and its indicators the ones they copy
     * (`sourceIndicatorIds` by code). Returns the new indicator ids by code.
     */
    insertDefinition(
      input: PlanDefinition,
      state: PlanState,
      sourcePlanId: string | null = null,
      sourceIndicatorIds: ReadonlyMap<string, number> = new Map(),
    ): Map<string, number> {
      const def = PlanDefinitionSchema.parse(input);
      return db.transaction((tx) => {
        tx.insert(plans)
          .values({
            id: def.id,
            title: def.title,
            tableTitle: def.tableTitle,
            issuer: def.issuer,
            document: def.document,
            baselineYear: def.baselineYear,
            targetYear: def.targetYear,
            outlookYear: def.outlookYear,
            thresholds: JSON.stringify(def.thresholds),
            tableNote: def.tableNote,
            state,
            sourcePlanId,
            publishedAt: state === 'published' ? new Date().toISOString() : null,
          })
          .run();
        const ids = new Map<string, number>();
        let position = 0;
        def.categories.forEach((category, categoryIndex) => {
          const { id: categoryId } = tx
            .insert(categories)
            .values({ planId: def.id, code: category.code, name: category.name, position: categoryIndex + 1 })
            .returning({ id: categories.id })
            .get();
          for (const ind of category.indicators) {
            position += 1;
            const sourceIndicatorId = sourceIndicatorIds.get(ind.code) ?? null;
            ids.set(ind.code, insertIndicator(tx, { planId: def.id, categoryId, position, sourceIndicatorId }, ind));
          }
        });
        return ids;
      });
    },
    /** Changes plan columns (edits of a draft, publishing). */
    update(id: string, values: Partial<Omit<typeof plans.$inferInsert, 'id'>>): void {
      db.update(plans).set(values).where(eq(plans.id, id)).run();
    },
    /** Changes the definition columns of an indicator; a changed target also gets a new target version. */
    updateIndicator(id: number, ind: IndicatorDefinition, targetChanged: boolean, createdBy: number): void {
      db.update(indicators).set(indicatorColumns(ind)).where(eq(indicators.id, id)).run();
      if (targetChanged) {
        db.insert(targetVersions)
          .values({
            indicatorId: id,
            spec: JSON.stringify(ind.target.spec),
            text: ind.target.text,
            note: ind.target.note,
            createdBy,
          })
          .run();
      }
    },
    /**
     * Adds an indicator at the end of its area: it takes the position after the area's last indicator (or after
     * the areas before it) and the indicators after it move down one. Returns its id.
     */
    addIndicator(planId: string, categoryId: number, ind: IndicatorDefinition, createdBy: number): number {
      const category = defined(
        db.select().from(categories).where(eq(categories.id, categoryId)).get(),
        `category ${categoryId}`,
      );
      const { last } = defined(
        db
          .select({ last: sql<number>`coalesce(max(${indicators.position}), 0)` })
          .from(indicators)
          .innerJoin(categories, eq(categories.id, indicators.categoryId))
          .where(and(eq(indicators.planId, planId), sql`${categories.position} <= ${category.position}`))
          .get(),
        'the last position',
      );
      db.update(indicators)
        .set({ position: sql`${indicators.position} + 1` })
        .where(and(eq(indicators.planId, planId), gt(indicators.position, last)))
        .run();
      return insertIndicator(db, { planId, categoryId, position: last + 1, sourceIndicatorId: null }, ind, createdBy);
    },
    /** How many values, yearly targets and assessments refer to an indicator: one that has any cannot be removed. */
    indicatorReferences(id: number): number {
      return references.get(id, id, id)?.n ?? 0;
    },
    /** Removes an indicator nothing refers to (with its target versions); the ones after it move up one. */
    removeIndicator(planId: string, id: number, position: number): void {
      db.delete(targetVersions).where(eq(targetVersions.indicatorId, id)).run();
      db.delete(indicators).where(eq(indicators.id, id)).run();
      db.update(indicators)
        .set({ position: sql`${indicators.position} - 1` })
        .where(and(eq(indicators.planId, planId), gt(indicators.position, position)))
        .run();
    },
  };
}
export type PlansRepository = ReturnType<typeof createPlansRepository>;
