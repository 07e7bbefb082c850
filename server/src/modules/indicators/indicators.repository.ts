import {
  TargetSpecSchema,
  type DataStatus,
  type ReviewState,
  type TargetSpec,
  type UnitSource,
  type ValueQualifier,
} from '@gz/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, dataVersionReader } from '../../db/client.ts';
import { notFound } from '../../lib/problem.ts';
import { categories, indicators } from '../../db/schema.ts';
import {
  countedRevisionIds,
  inCountingState,
  newestPendingRevisionIds,
  type RevisionScope,
} from './counted-revision.ts';

/** The target in force of a stored indicator (stored as JSON of a TargetSpec). */
export const targetSpecOf = (row: { targetSpec: string }): TargetSpec =>
  TargetSpecSchema.parse(JSON.parse(row.targetSpec));

/** The contributing unit codes stored on an indicator row. */
export const contributingUnitsOf = (row: { contributingUnits: string }): string[] =>
  JSON.parse(row.contributingUnits) as string[];

export type IndicatorRow = typeof indicators.$inferSelect & { categoryCode: string; categoryName: string };

/** A revision row with the names of the people involved. */
export interface RevisionRow {
  id: number;
  indicatorId: number;
  year: number;
  revisionNo: number;
  valueText: string;
  dataStatus: DataStatus;
  source: string;
  note: string | null;
  reviewState: ReviewState;
  baseRevisionId: number | null;
  enteredBy: string | null;
  enteredAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  qualifier: ValueQualifier | null;
  growthRateText: string | null;
}

/** What derived progress reads of every counted value (the full row is read only for the latest one shown). */
export type CountedValue = Pick<RevisionRow, 'id' | 'indicatorId' | 'year' | 'valueText' | 'dataStatus'>;

const REVISION_COLUMNS = `r.id, r.indicator_id AS indicatorId, r.year, r.revision_no AS revisionNo, r.value_text AS valueText,
  r.data_status AS dataStatus, r.source, r.note, r.review_state AS reviewState, r.base_revision_id AS baseRevisionId,
  eu.username AS enteredBy, r.entered_at AS enteredAt, ru.username AS reviewedBy, r.reviewed_at AS reviewedAt,
  r.review_note AS reviewNote, r.qualifier, r.growth_rate_text AS growthRateText`;
const REVISION_JOINS = `LEFT JOIN users eu ON eu.id = r.entered_by LEFT JOIN users ru ON ru.id = r.reviewed_by`;

/** Indicators of a plan and their yearly values: data access only, prepared once. */
export function createIndicatorsRepository(db: Db) {
  const withCategory = () =>
    db
      .select({ indicator: indicators, categoryCode: categories.code, categoryName: categories.name })
      .from(indicators)
      .innerJoin(categories, eq(categories.id, indicators.categoryId));
  const byPlan = withCategory()
    .where(eq(indicators.planId, sql.placeholder('planId')))
    .orderBy(asc(indicators.position), asc(indicators.id))
    .prepare();
  const byId = withCategory()
    .where(eq(indicators.id, sql.placeholder('id')))
    .prepare();
  const byCode = withCategory()
    .where(and(eq(indicators.planId, sql.placeholder('planId')), eq(indicators.code, sql.placeholder('code'))))
    .prepare();

  // The counted value of a year (see counted-revision.ts); a preview lets a pending one stand in.
  const counted = (scope: RevisionScope) => ({
    approved: countedRevisionIds(scope, { includePending: false }),
    withPending: countedRevisionIds(scope, { includePending: true }),
  });
  const revisionsIn = (ids: string, order: string) =>
    db.$client.prepare<[string | number], RevisionRow>(
      `SELECT ${REVISION_COLUMNS} FROM observation_revisions r ${REVISION_JOINS} WHERE r.id IN (${ids}) ORDER BY ${order}`,
    );
  const ofPlan = counted({ planId: '?' });
  const countedApproved = revisionsIn(ofPlan.approved, 'r.indicator_id, r.year');
  const countedWithPending = revisionsIn(ofPlan.withPending, 'r.indicator_id, r.year');
  // SPEED (#13): the same rows, five columns only, as arrays (a plan's 30,000 values cost a third of the full rows)
  const countedValuesIn = (ids: string) =>
    db.$client
      .prepare<[string], [number, number, number, string, RevisionRow['dataStatus']]>(
        `SELECT r.id, r.indicator_id, r.year, r.value_text, r.data_status FROM observation_revisions r
         WHERE r.id IN (${ids}) ORDER BY r.indicator_id, r.year`,
      )
      .raw();
  const countedValuesApproved = countedValuesIn(ofPlan.approved);
  const countedValuesWithPending = countedValuesIn(ofPlan.withPending);
  const revisionsWithIds = db.$client.prepare<[string], RevisionRow>(
    `SELECT ${REVISION_COLUMNS} FROM observation_revisions r ${REVISION_JOINS}
     WHERE r.id IN (SELECT value FROM json_each(?))`,
  );
  const ofIndicator = counted({ indicatorId: '?' });
  const countedOneApproved = revisionsIn(ofIndicator.approved, 'r.year');
  const countedOneWithPending = revisionsIn(ofIndicator.withPending, 'r.year');
  const pendingOfIndicator = revisionsIn(newestPendingRevisionIds({ indicatorId: '?' }), 'r.year');
  // the latest year with a counted value: any revision in a counting state has one, no need to find the newest
  const latestYearFor = (includePending: boolean) =>
    db.$client.prepare<[string], { year: number | null }>(
      `SELECT MAX(x.year) AS year FROM indicators i JOIN observation_revisions x ON x.indicator_id = i.id
       WHERE i.plan_id = ? AND ${inCountingState('x', { includePending })}`,
    );
  const latestYearApproved = latestYearFor(false);
  const latestYearWithPending = latestYearFor(true);
  const revisionsOfIndicator = db.$client.prepare<[number], RevisionRow>(
    `SELECT ${REVISION_COLUMNS} FROM observation_revisions r ${REVISION_JOINS} WHERE r.indicator_id = ? ORDER BY r.year, r.revision_no`,
  );

  const flatten = (row: {
    indicator: typeof indicators.$inferSelect;
    categoryCode: string;
    categoryName: string;
  }): IndicatorRow => ({
    ...row.indicator,
    categoryCode: row.categoryCode,
    categoryName: row.categoryName,
  });

  // SPEED (#13): change sequence numbers of indicators (migration 0009: kept by triggers; id 0 = all of them)
  const changes = db.$client
    .prepare<[number], [number, number]>('SELECT indicator_id, seq FROM indicator_changes WHERE seq > ?')
    .raw();
  const lastChange = db.$client.prepare<[], [number]>('SELECT IFNULL(MAX(seq), 0) FROM indicator_changes').raw();

  return {
    /**
     * The indicators (by id; 0: inputs shared by every indicator) changed since the change `since`, and the last
     * change. Any write to what an indicator's derived progress is computed from, by any connection, is a change.
     */
    changesSince(since: number): { ids: Set<number>; last: number } {
      const ids = new Set<number>();
      let last = since;
      for (const [id, seq] of changes.all(since)) {
        ids.add(id);
        if (seq > last) last = seq;
      }
      return { ids, last };
    },
    /** The number of the last change (see changesSince). */
    lastChange: (): number => lastChange.get()?.[0] ?? 0,
    /** Whether this connection is inside a transaction (what it reads may yet be rolled back). */
    inTransaction: (): boolean => db.$client.inTransaction,
    /** An indicator by id (any plan), or undefined. */
    getById(id: number): IndicatorRow | undefined {
      const row = byId.get({ id });
      return row && flatten(row);
    },
    /** A token that changes whenever the database may have changed: a response derived from it stays valid while it holds. */
    dataVersion: dataVersionReader(db),
    listByPlan: (planId: string): IndicatorRow[] => byPlan.all({ planId }).map(flatten),
    getByCode(planId: string, code: string): IndicatorRow | undefined {
      const row = byCode.get({ planId, code });
      return row && flatten(row);
    },
    /** An indicator of a plan, or a 404 problem naming both. */
    requireByCode(planId: string, code: string): IndicatorRow {
      const row = byCode.get({ planId, code });
      if (!row) throw notFound(`indicator ${code} in plan ${planId}`);
      return flatten(row);
    },
    /** One row per indicator-year: the value that counts (with pending ones when previewing). */
    countedRevisions: (planId: string, includePending: boolean): RevisionRow[] =>
      (includePending ? countedWithPending : countedApproved).all(planId),
    /** The same rows as countedRevisions, with only what progress is computed from (in the same order). */
    countedValues: (planId: string, includePending: boolean): CountedValue[] =>
      (includePending ? countedValuesWithPending : countedValuesApproved)
        .all(planId)
        .map(([id, indicatorId, year, valueText, dataStatus]) => ({ id, indicatorId, year, valueText, dataStatus })),
    /** Revisions by id, in no particular order. */
    revisionsByIds: (ids: readonly number[]): RevisionRow[] =>
      ids.length === 0 ? [] : revisionsWithIds.all(JSON.stringify(ids)),
    /** The same for one indicator: what reading one indicator needs, without the rest of its plan. */
    countedRevisionsOf: (indicatorId: number, includePending: boolean): RevisionRow[] =>
      (includePending ? countedOneWithPending : countedOneApproved).all(indicatorId),
    /** The latest year of a plan with a counted value (null: none yet). */
    latestCountedYear: (planId: string, includePending: boolean): number | null =>
      (includePending ? latestYearWithPending : latestYearApproved).get(planId)?.year ?? null,
    /** The newest pending revision of each year of an indicator (what a reviewer would approve next), by year. */
    newestPendingOf: (indicatorId: number): RevisionRow[] => pendingOfIndicator.all(indicatorId),
    /** Every revision of an indicator, oldest first per year. */
    revisionsOf: (indicatorId: number): RevisionRow[] => revisionsOfIndicator.all(indicatorId),
    // units (#14): 牵头单位 and 配合单位 of an indicator
    /** Sets an indicator's lead and contributing units and where that assignment came from. */
    setUnits(
      indicatorId: number,
      leadUnit: string | null,
      contributingUnits: readonly string[],
      source: UnitSource | null,
    ): void {
      db.update(indicators)
        .set({ leadUnit, contributingUnits: JSON.stringify(contributingUnits), assignmentSource: source })
        .where(eq(indicators.id, indicatorId))
        .run();
    },
  };
}
export type IndicatorsRepository = ReturnType<typeof createIndicatorsRepository>;
