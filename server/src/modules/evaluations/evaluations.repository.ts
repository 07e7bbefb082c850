import type { EvaluationKind } from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { reports } from '../../db/schema.ts';
import { defined } from '../../lib/invariant.ts';

/** An issued report as stored, with the username of who issued it. */
export interface ReportRow {
  id: number;
  planId: string;
  year: number;
  kind: EvaluationKind;
  title: string;
  snapshot: string;
  narrative: string;
  createdBy: string | null;
  /** display name (真实姓名) of the issuer, else the username */
  createdByName: string | null;
  createdAt: string;
}

const COLUMNS = `r.id, r.plan_id AS planId, r.year, r.kind, json_extract(r.snapshot, '$.title') AS title, r.snapshot, r.narrative,
  u.username AS createdBy, COALESCE(u.display_name, u.username) AS createdByName, r.created_at AS createdAt`;
const FROM = `reports r LEFT JOIN users u ON u.id = r.created_by`;

/** Issued evaluation reports: data access only. Reports are never changed once issued. */
export function createEvaluationsRepository(db: Db) {
  const latestOfYear = db.$client.prepare<[string, number], ReportRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.plan_id = ? AND r.year = ? ORDER BY r.id DESC LIMIT 1`,
  );
  const byId = db.$client.prepare<[string, number], ReportRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.plan_id = ? AND r.id = ?`,
  );
  const ofPlan = db.$client.prepare<[string], Omit<ReportRow, 'snapshot' | 'narrative'>>(
    `SELECT r.id, r.plan_id AS planId, r.year, r.kind, json_extract(r.snapshot, '$.title') AS title, u.username AS createdBy,
       COALESCE(u.display_name, u.username) AS createdByName, r.created_at AS createdAt
     FROM ${FROM} WHERE r.plan_id = ? ORDER BY r.year DESC, r.id DESC`,
  );

  const draftOf = db.$client.prepare<[string, number], { sections: string }>(
    'SELECT sections FROM report_drafts WHERE plan_id = ? AND year = ?',
  );
  const saveDraft = db.$client.prepare<[string, number, string, number | null]>(
    `INSERT INTO report_drafts (plan_id, year, sections, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(plan_id, year) DO UPDATE SET sections = excluded.sections, updated_by = excluded.updated_by,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
  );

  return {
    /** The latest report issued for a plan and year. */
    latestOfYear: (planId: string, year: number): ReportRow | undefined => latestOfYear.get(planId, year),
    get: (planId: string, id: number): ReportRow | undefined => byId.get(planId, id),
    /** Every report issued for a plan, newest year first, without the snapshots. */
    list: (planId: string) => ofPlan.all(planId),
    /** Stores a report; returns it as stored. */
    insert(values: {
      planId: string;
      year: number;
      kind: EvaluationKind;
      snapshot: string;
      narrative: string;
      createdBy: number;
    }): ReportRow {
      const { id } = db.insert(reports).values(values).returning({ id: reports.id }).get();
      return defined(byId.get(values.planId, id), `report ${id}`);
    },
    /** The edited section texts of a plan-year's report draft (FINAL #11). */
    draftSections(planId: string, year: number): Record<string, string> {
      const row = draftOf.get(planId, year);
      return row === undefined ? {} : (JSON.parse(row.sections) as Record<string, string>);
    },
    /** Stores the edited section texts of a report draft. */
    saveDraftSections(planId: string, year: number, sections: Record<string, string>, userId: number | null): void {
      saveDraft.run(planId, year, JSON.stringify(sections), userId);
    },
  };
}
export type EvaluationsRepository = ReturnType<typeof createEvaluationsRepository>;
