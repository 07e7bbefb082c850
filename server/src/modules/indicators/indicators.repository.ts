import type { DataStatus, ReviewState } from '@gz/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { categories, indicators } from '../../db/schema.ts';

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
}

const REVISION_COLUMNS = `r.id, r.indicator_id AS indicatorId, r.year, r.revision_no AS revisionNo, r.value_text AS valueText,
  r.data_status AS dataStatus, r.source, r.note, r.review_state AS reviewState, r.base_revision_id AS baseRevisionId,
  eu.username AS enteredBy, r.entered_at AS enteredAt, ru.username AS reviewedBy, r.reviewed_at AS reviewedAt,
  r.review_note AS reviewNote`;
const REVISION_JOINS = `LEFT JOIN users eu ON eu.id = r.entered_by LEFT JOIN users ru ON ru.id = r.reviewed_by`;

/** Indicators of a plan and their yearly values: data access only, prepared once. */
export function createIndicatorsRepository(db: Db) {
  const withCategory = () =>
    db
      .select({ indicator: indicators, categoryCode: categories.code, categoryName: categories.name })
      .from(indicators)
      .innerJoin(categories, eq(categories.id, indicators.categoryId));
  const byPlan = withCategory().where(eq(indicators.planId, sql.placeholder('planId'))).orderBy(asc(indicators.position)).prepare();
  const byCode = withCategory()
    .where(and(eq(indicators.planId, sql.placeholder('planId')), eq(indicators.code, sql.placeholder('code'))))
    .prepare();

  // The counted value of a year is its latest approved revision; a preview lets a pending one stand in.
  const countedForPlan = (states: string) =>
    db.$client.prepare<[string], RevisionRow>(
      `SELECT ${REVISION_COLUMNS} FROM observation_revisions r ${REVISION_JOINS}
       WHERE r.id IN (SELECT MAX(x.id) FROM observation_revisions x JOIN indicators i ON i.id = x.indicator_id
                      WHERE i.plan_id = ? AND x.review_state IN (${states}) GROUP BY x.indicator_id, x.year)
       ORDER BY r.indicator_id, r.year`,
    );
  const countedApproved = countedForPlan(`'approved'`);
  const countedWithPending = countedForPlan(`'approved','pending'`);
  const revisionsOfIndicator = db.$client.prepare<[number], RevisionRow>(
    `SELECT ${REVISION_COLUMNS} FROM observation_revisions r ${REVISION_JOINS} WHERE r.indicator_id = ? ORDER BY r.year, r.revision_no`,
  );

  const flatten = (row: { indicator: typeof indicators.$inferSelect; categoryCode: string; categoryName: string }): IndicatorRow => ({
    ...row.indicator,
    categoryCode: row.categoryCode,
    categoryName: row.categoryName,
  });

  return {
    listByPlan: (planId: string): IndicatorRow[] => byPlan.all({ planId }).map(flatten),
    getByCode(planId: string, code: string): IndicatorRow | undefined {
      const row = byCode.get({ planId, code });
      return row && flatten(row);
    },
    /** One row per indicator-year: the value that counts (with pending ones when previewing). */
    countedRevisions: (planId: string, includePending: boolean): RevisionRow[] =>
      (includePending ? countedWithPending : countedApproved).all(planId),
    /** Every revision of an indicator, oldest first per year. */
    revisionsOf: (indicatorId: number): RevisionRow[] => revisionsOfIndicator.all(indicatorId),
  };
}
export type IndicatorsRepository = ReturnType<typeof createIndicatorsRepository>;
