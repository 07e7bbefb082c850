import type { IndicatorReason } from '@gz/shared';
import type { Db } from '../../db/client.ts';

/** A stored reason with the indicator code and who entered and reviewed it (display names where set). */
export interface ReasonRow extends IndicatorReason {
  indicatorId: number;
  planId: string;
  enteredById: number | null;
}

const COLUMNS = `r.id, r.indicator_id AS indicatorId, i.plan_id AS planId, i.code, r.year, r.reason, r.measures, r.unit_name AS unitName,
  r.review_state AS reviewState, r.entered_by AS enteredById, COALESCE(ue.display_name, ue.username) AS enteredBy, r.entered_at AS enteredAt,
  COALESCE(ur.display_name, ur.username) AS reviewedBy, r.reviewed_at AS reviewedAt, r.review_note AS reviewNote`;
const FROM = `indicator_reasons r JOIN indicators i ON i.id = r.indicator_id
  LEFT JOIN users ue ON ue.id = r.entered_by LEFT JOIN users ur ON ur.id = r.reviewed_by`;

/** 原因说明 and 下一步措施 of indicators per year: data access only. Each write is a new row. */
export function createReasonsRepository(db: Db) {
  const byId = db.$client.prepare<[number], ReasonRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = ?`);
  const ofIndicator = db.$client.prepare<[number], ReasonRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.indicator_id = ? ORDER BY r.year DESC, r.id DESC`,
  );
  const ofPlanYear = db.$client.prepare<[string, number], ReasonRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE i.plan_id = ? AND r.year = ? ORDER BY i.position, r.id`,
  );
  const ofPlanState = db.$client.prepare<[string, string], ReasonRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE i.plan_id = ? AND r.review_state = ? ORDER BY r.entered_at, r.id`,
  );
  const insert = db.$client.prepare<[number, number, string, string, string | null, number | null]>(
    `INSERT INTO indicator_reasons (indicator_id, year, reason, measures, unit_name, entered_by) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const review = db.$client.prepare<[string, number | null, string | null, number]>(
    `UPDATE indicator_reasons SET review_state = ?, reviewed_by = ?, reviewed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), review_note = ?
     WHERE id = ? AND review_state = 'pending'`,
  );
  return {
    get: (id: number): ReasonRow | undefined => byId.get(id),
    ofIndicator: (indicatorId: number): ReasonRow[] => ofIndicator.all(indicatorId),
    ofPlanYear: (planId: string, year: number): ReasonRow[] => ofPlanYear.all(planId, year),
    ofPlanState: (planId: string, state: string): ReasonRow[] => ofPlanState.all(planId, state),
    /** A new pending entry; returns it. */
    insert(values: {
      indicatorId: number;
      year: number;
      reason: string;
      measures: string;
      unitName: string | null;
      enteredBy: number | null;
    }): ReasonRow {
      const { lastInsertRowid } = insert.run(
        values.indicatorId,
        values.year,
        values.reason,
        values.measures,
        values.unitName,
        values.enteredBy,
      );
      const row = byId.get(Number(lastInsertRowid));
      if (row === undefined) throw new Error('reason not stored');
      return row;
    },
    /** Approves or returns a pending entry; false when it is no longer pending. */
    review(id: number, state: 'approved' | 'returned', reviewerId: number | null, note: string | null): boolean {
      return review.run(state, reviewerId, note, id).changes === 1;
    },
  };
}
export type ReasonsRepository = ReturnType<typeof createReasonsRepository>;

/** The public shape of a stored reason. */
export function toReason(row: ReasonRow): IndicatorReason {
  return {
    id: row.id,
    code: row.code,
    year: row.year,
    reason: row.reason,
    measures: row.measures,
    unitName: row.unitName,
    reviewState: row.reviewState,
    enteredBy: row.enteredBy,
    enteredAt: row.enteredAt,
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt,
    reviewNote: row.reviewNote,
  };
}
