import { PlanDefinitionSchema, ThresholdsSchema, type PlanDefinition, type PlanState, type Thresholds } from '@gz/shared';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { categories, indicators, plans, targetVersions } from '../../db/schema.ts';

export type PlanRow = typeof plans.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;

/** Plans and their categories: data access only. */
export function createPlansRepository(db: Db) {
  const byId = db.select().from(plans).where(eq(plans.id, sql.placeholder('id'))).prepare();
  const categoriesOf = db
    .select({
      id: categories.id,
      code: categories.code,
      name: categories.name,
      position: categories.position,
      indicatorCount: sql<number>`(select count(*) from ${indicators} where ${indicators.categoryId} = ${categories.id})`,
    })
    .from(categories)
    .where(eq(categories.planId, sql.placeholder('planId')))
    .orderBy(asc(categories.position))
    .prepare();
  const all = db
    .select({
      plan: plans,
      indicatorCount: sql<number>`(select count(*) from ${indicators} where ${indicators.planId} = ${plans.id})`,
    })
    .from(plans)
    .orderBy(desc(plans.baselineYear), asc(plans.id))
    .prepare();

  return {
    list: () => all.all(),
    get: (id: string): PlanRow | undefined => byId.get({ id }),
    categories: (planId: string) => categoriesOf.all({ planId }),
    /** The plan served when a request names none: the newest published one. */
    newestPublishedId(): string | undefined {
      return all.all().find((p) => p.plan.state === 'published')?.plan.id;
    },
    thresholdsOf: (plan: PlanRow): Thresholds => ThresholdsSchema.parse(JSON.parse(plan.thresholds)),
    /**
     * Writes a whole plan definition (plan, categories, indicators, first target versions) in one
     * transaction. Returns the new indicator ids by code.
     */
    insertDefinition(input: PlanDefinition, state: PlanState, sourcePlanId: string | null = null): Map<string, number> {
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
            const { id } = tx
              .insert(indicators)
              .values({
                planId: def.id,
                categoryId,
                code: ind.code,
                position,
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
                department: ind.department,
                dataSource: ind.dataSource,
              })
              .returning({ id: indicators.id })
              .get();
            tx.insert(targetVersions)
              .values({ indicatorId: id, spec: JSON.stringify(ind.target.spec), text: ind.target.text, note: ind.target.note })
              .run();
            ids.set(ind.code, id);
          }
        });
        return ids;
      });
    },
  };
}
export type PlansRepository = ReturnType<typeof createPlansRepository>;
