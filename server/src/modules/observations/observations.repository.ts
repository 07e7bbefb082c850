import type { DataStatus, ReviewState, ValueQualifier } from '@gz/shared';
import { and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { countedRevisionIds } from '../indicators/counted-revision.ts';
import type { RevisionRow } from '../indicators/indicators.repository.ts';
import { assessments, observationRevisions, users, yearLocks } from '../../db/schema.ts';
import { defined } from '../../lib/invariant.ts';

export type StoredRevision = typeof observationRevisions.$inferSelect;

/** A manual assessment as stored, with the assessor's name. */
export interface AssessmentRow {
  year: number;
  status: string;
  justification: string;
  assessedBy: string | null;
  assessedAt: string;
}

/** A new pending revision of an indicator-year (the review columns start empty). */
export interface NewRevision {
  indicatorId: number;
  year: number;
  revisionNo: number;
  valueText: string;
  dataStatus: DataStatus;
  source: string;
  note: string | null;
  baseRevisionId: number | null;
  enteredBy: number;
  importId?: number | null;
  qualifier?: ValueQualifier | null;
  growthRateText?: string | null;
}

/** Revisions, year locks and manual assessments: data access only. */
export function createObservationsRepository(db: Db) {
  const latestOfYear = db
    .select()
    .from(observationRevisions)
    .where(
      and(
        eq(observationRevisions.indicatorId, sql.placeholder('indicatorId')),
        eq(observationRevisions.year, sql.placeholder('year')),
      ),
    )
    .orderBy(desc(observationRevisions.revisionNo))
    .limit(1)
    .prepare();
  // the stored row of the counted revision of one indicator-year, in drizzle's field names
  const storedColumns = Object.entries(getTableColumns(observationRevisions))
    .map(([field, column]) => `r.${column.name} AS ${field}`)
    .join(', ');
  const countedOfYear = db.$client.prepare<{ indicatorId: number; year: number }, StoredRevision>(
    `SELECT ${storedColumns} FROM observation_revisions r
     WHERE r.id = (${countedRevisionIds({ indicatorId: '@indicatorId', year: '@year' }, { includePending: false })})`,
  );
  const byId = db
    .select()
    .from(observationRevisions)
    .where(eq(observationRevisions.id, sql.placeholder('id')))
    .prepare();
  const lockOf = db
    .select()
    .from(yearLocks)
    .where(and(eq(yearLocks.planId, sql.placeholder('planId')), eq(yearLocks.year, sql.placeholder('year'))))
    .prepare();

  // prepared once: an import inserts thousands of rows in one transaction
  const insertPending = db
    .insert(observationRevisions)
    .values({
      indicatorId: sql.placeholder('indicatorId'),
      year: sql.placeholder('year'),
      revisionNo: sql.placeholder('revisionNo'),
      valueText: sql.placeholder('valueText'),
      dataStatus: sql.placeholder('dataStatus'),
      source: sql.placeholder('source'),
      note: sql.placeholder('note'),
      reviewState: 'pending',
      baseRevisionId: sql.placeholder('baseRevisionId'),
      enteredBy: sql.placeholder('enteredBy'),
      importId: sql.placeholder('importId'),
      qualifier: sql.placeholder('qualifier'),
      growthRateText: sql.placeholder('growthRateText'),
    })
    .returning()
    .prepare();
  // the latest assessment per indicator for a year, for the indicators asked (ids as a JSON array)
  const assessmentsInForce = db.$client.prepare<{ ids: string; year: number }, AssessmentRow & { indicatorId: number }>(
    `SELECT a.indicator_id AS indicatorId, a.year, a.status, a.justification, u.username AS assessedBy, a.assessed_at AS assessedAt
     FROM assessments a LEFT JOIN users u ON u.id = a.assessed_by
     WHERE a.id IN (SELECT MAX(x.id) FROM assessments x
                    WHERE x.year = @year AND x.indicator_id IN (SELECT value FROM json_each(@ids)) GROUP BY x.indicator_id)`,
  );
  const refOf = db.$client.prepare<[number], { planId: string; code: string; planState: string }>(
    'SELECT i.plan_id AS planId, i.code, p.state AS planState FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE i.id = ?',
  );

  return {
    /** Plan and code of an indicator id. */
    indicatorRef: (indicatorId: number) => defined(refOf.get(indicatorId), `indicator ${indicatorId}`),
    /** The newest revision of an indicator-year in any review state: what an edit is based on. */
    latest: (indicatorId: number, year: number): StoredRevision | undefined => latestOfYear.get({ indicatorId, year }),
    /** The newest approved revision: the value that counts. */
    counted: (indicatorId: number, year: number): StoredRevision | undefined =>
      countedOfYear.get({ indicatorId, year }),
    get: (id: number): StoredRevision | undefined => byId.get({ id }),
    insert(values: NewRevision): StoredRevision {
      return defined(
        insertPending.get({
          ...values,
          importId: values.importId ?? null,
          qualifier: values.qualifier ?? null,
          growthRateText: values.growthRateText ?? null,
        }),
        'the inserted revision',
      );
    },
    setReview(
      id: number,
      state: Exclude<ReviewState, 'pending'>,
      reviewerId: number,
      note: string | null,
    ): StoredRevision {
      const updated = db
        .update(observationRevisions)
        .set({ reviewState: state, reviewedBy: reviewerId, reviewedAt: new Date().toISOString(), reviewNote: note })
        .where(eq(observationRevisions.id, id))
        .returning()
        .get();
      return defined(updated, `revision ${id}`);
    },
    isLocked: (planId: string, year: number) => lockOf.get({ planId, year }) !== undefined,
    locks: (planId?: string) =>
      db
        .select({
          planId: yearLocks.planId,
          year: yearLocks.year,
          lockedBy: users.username,
          lockedAt: yearLocks.lockedAt,
        })
        .from(yearLocks)
        .leftJoin(users, eq(users.id, yearLocks.lockedBy))
        .where(planId === undefined ? undefined : eq(yearLocks.planId, planId))
        .orderBy(asc(yearLocks.planId), asc(yearLocks.year))
        .all(),
    lock: (planId: string, year: number, userId: number) =>
      db.insert(yearLocks).values({ planId, year, lockedBy: userId }).onConflictDoNothing().run().changes > 0,
    unlock: (planId: string, year: number) =>
      db
        .delete(yearLocks)
        .where(and(eq(yearLocks.planId, planId), eq(yearLocks.year, year)))
        .run().changes > 0,
    addAssessment: (values: {
      indicatorId: number;
      year: number;
      status: string;
      justification: string;
      assessedBy: number;
    }) => db.insert(assessments).values(values).returning().get(),
    /** The assessment in force per indicator for a year: the latest one. */
    assessmentsOfYear(indicatorIds: readonly number[], year: number): Map<number, AssessmentRow> {
      const map = new Map<number, AssessmentRow>();
      if (indicatorIds.length === 0) return map;
      for (const { indicatorId, ...rest } of assessmentsInForce.all({ ids: JSON.stringify(indicatorIds), year }))
        map.set(indicatorId, rest);
      return map;
    },
  };
}
export type ObservationsRepository = ReturnType<typeof createObservationsRepository>;

/** A revision in the review queue: the revision, its indicator, and the counted value it would replace. */
export type ReviewItemRow = Omit<RevisionRow, 'indicatorId' | 'baseRevisionId'> & {
  planId: string;
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  previousId: number | null;
  previousValueText: string | null;
};

/** Revisions by review state with the counted value each would replace (the review queue). */
export function createReviewQueueQuery(db: Db) {
  const stmt = db.$client.prepare<
    { state: string; planId: string | null; limit: number; offset: number; drafts: number },
    ReviewItemRow
  >(
    `SELECT r.id, i.plan_id AS planId, i.code AS indicatorCode, i.name AS indicatorName, i.unit, r.year, r.revision_no AS revisionNo,
            r.value_text AS valueText, r.data_status AS dataStatus, r.source, r.note, r.review_state AS reviewState,
            eu.username AS enteredBy, r.entered_at AS enteredAt, ru.username AS reviewedBy, r.reviewed_at AS reviewedAt,
            r.review_note AS reviewNote, r.qualifier, r.growth_rate_text AS growthRateText, prev.id AS previousId, prev.value_text AS previousValueText
     FROM observation_revisions r
     JOIN indicators i ON i.id = r.indicator_id
     LEFT JOIN users eu ON eu.id = r.entered_by
     LEFT JOIN users ru ON ru.id = r.reviewed_by
     LEFT JOIN observation_revisions prev ON prev.id = (${countedRevisionIds(
       { indicatorId: 'r.indicator_id', year: 'r.year', excludingId: 'r.id' },
       { includePending: false },
     )})
     JOIN plans pl ON pl.id = i.plan_id
     WHERE r.review_state = @state AND (@planId IS NULL OR i.plan_id = @planId) AND (@drafts = 1 OR pl.state <> 'draft')
     ORDER BY i.plan_id, i.position, r.year, r.revision_no
     LIMIT @limit OFFSET @offset`,
  );
  // SEC (#10, M1 + L5): drafts only for those who see them; one page at a time
  return (
    state: ReviewState,
    planId: string | null,
    page: { limit: number; offset: number; drafts: boolean } = { limit: -1, offset: 0, drafts: true },
  ) => stmt.all({ state, planId, limit: page.limit, offset: page.offset, drafts: page.drafts ? 1 : 0 });
}
