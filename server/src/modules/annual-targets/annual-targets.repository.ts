import type { AnnualTargetBasis } from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { annualTargets } from '../../db/schema.ts';
import { defined } from '../../lib/invariant.ts';

/** A yearly target in force, with the indicator's code and the username of who set it. */
export interface AnnualTargetRow {
  id: number;
  indicatorId: number;
  code: string;
  year: number;
  spec: string;
  text: string | null;
  source: string;
  basis: AnnualTargetBasis;
  createdBy: string | null;
  createdAt: string;
}

const COLUMNS = `t.id, t.indicator_id AS indicatorId, i.code, t.year, t.spec, t.text, t.source, t.basis,
  u.username AS createdBy, t.created_at AS createdAt`;
// Rows are never updated: each PUT appends a version, and the latest of an indicator-year is in force.
const IN_FORCE = `t.id IN (SELECT MAX(x.id) FROM annual_targets x GROUP BY x.indicator_id, x.year)`;
const JOINS = `annual_targets t JOIN indicators i ON i.id = t.indicator_id LEFT JOIN users u ON u.id = t.created_by`;

/** Yearly targets (年度目标): data access only. */
export function createAnnualTargetsRepository(db: Db) {
  const ofIndicator = db.$client.prepare<[number], AnnualTargetRow>(
    `SELECT ${COLUMNS} FROM ${JOINS} WHERE ${IN_FORCE} AND t.indicator_id = ? ORDER BY t.year`,
  );
  const ofPlan = db.$client.prepare<[string], AnnualTargetRow>(
    `SELECT ${COLUMNS} FROM ${JOINS} WHERE ${IN_FORCE} AND i.plan_id = ? ORDER BY i.position, t.year`,
  );
  const byId = db.$client.prepare<[number], AnnualTargetRow>(`SELECT ${COLUMNS} FROM ${JOINS} WHERE t.id = ?`);

  return {
    /** The targets in force of one indicator, by year. */
    ofIndicator: (indicatorId: number): AnnualTargetRow[] => ofIndicator.all(indicatorId),
    /** The targets in force of every indicator of a plan, in table order then by year. */
    ofPlan: (planId: string): AnnualTargetRow[] => ofPlan.all(planId),
    /** Appends a version of an indicator-year's target; returns it as stored. */
    insert(values: {
      indicatorId: number;
      year: number;
      spec: string;
      text: string;
      source: string;
      basis: AnnualTargetBasis;
      createdBy: number;
    }): AnnualTargetRow {
      const { id } = db.insert(annualTargets).values(values).returning({ id: annualTargets.id }).get();
      return defined(byId.get(id), `annual target ${id}`);
    },
  };
}
export type AnnualTargetsRepository = ReturnType<typeof createAnnualTargetsRepository>;
