import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rounds } from '../../db/schema.ts';

export type RoundRow = typeof rounds.$inferSelect;

/** The latest revision of an indicator-year: what its status in a round derives from. */
export interface LatestRevisionRow {
  id: number;
  indicatorId: number;
  year: number;
  reviewState: 'pending' | 'approved' | 'returned';
  valueText: string;
  reviewNote: string | null;
  enteredBy: number | null;
}

/** A task report a round asks, with the latest report submitted since the request (if any). */
export interface TaskRequestRow {
  taskId: number;
  title: string;
  measureId: string | null;
  measureTitle: string | null;
  leadUnit: string | null;
  reportId: number | null;
  reportState: 'pending' | 'approved' | 'returned' | null;
  reviewNote: string | null;
}

/** Reporting rounds and what their statuses are read from: data access only. */
export function createRoundsRepository(db: Db) {
  const latestOfPlan = db.$client.prepare<[string], LatestRevisionRow>(
    `SELECT r.id, r.indicator_id AS indicatorId, r.year, r.review_state AS reviewState, r.value_text AS valueText,
            r.review_note AS reviewNote, r.entered_by AS enteredBy
       FROM observation_revisions r
      WHERE r.id IN (SELECT MAX(x.id) FROM observation_revisions x JOIN indicators i ON i.id = x.indicator_id
                     WHERE i.plan_id = ? GROUP BY x.indicator_id, x.year)`,
  );
  const unassigned = db.$client.prepare<[], { planId: string; code: string; name: string }>(
    `SELECT i.plan_id AS planId, i.code, i.name FROM indicators i JOIN plans p ON p.id = i.plan_id
      WHERE i.lead_unit IS NULL AND p.state <> 'archived' ORDER BY p.baseline_year DESC, i.plan_id, i.position`,
  );
  const pendingCount = db.$client.prepare<[], { n: number }>(
    `SELECT count(*) AS n FROM observation_revisions WHERE review_state = 'pending'`,
  );
  const taskRequests = db.$client.prepare<[number], TaskRequestRow>(
    `SELECT q.task_id AS taskId, t.title, t.measure_id AS measureId,
            CASE WHEN m.id IS NULL THEN NULL ELSE m.label || m.title END AS measureTitle, t.lead_unit AS leadUnit,
            r.id AS reportId, r.state AS reportState, r.review_note AS reviewNote
       FROM round_task_requests q
       JOIN ledger_tasks t ON t.id = q.task_id
       LEFT JOIN policy_measures m ON m.id = t.measure_id
       LEFT JOIN task_reports r
         ON r.id = (SELECT MAX(x.id) FROM task_reports x WHERE x.task_id = q.task_id AND x.submitted_at >= q.created_at)
      WHERE q.round_id = ? ORDER BY q.task_id`,
  );
  const usernames = db.$client.prepare<[], { id: number; username: string }>('SELECT id, username FROM users');
  return {
    insert: (values: typeof rounds.$inferInsert) => db.insert(rounds).values(values).returning().get(),
    get: (id: number) => db.select().from(rounds).where(eq(rounds.id, id)).get(),
    list: () => db.select().from(rounds).orderBy(desc(rounds.id)).all(),
    listOpen: () => db.select().from(rounds).where(eq(rounds.state, 'open')).orderBy(desc(rounds.id)).all(),
    close: (id: number, by: number | null, at: string) =>
      db.update(rounds).set({ state: 'closed', closedBy: by, closedAt: at }).where(eq(rounds.id, id)).returning().get(),
    /** The latest revision of every indicator-year of a plan. */
    latestRevisions: (planId: string): LatestRevisionRow[] => latestOfPlan.all(planId),
    /** Indicators of plans in use that have no lead unit (牵头单位). */
    unassignedIndicators: () => unassigned.all(),
    /** The task reports a round asks, each with its latest report since the request. */
    taskRequests: (roundId: number): TaskRequestRow[] => taskRequests.all(roundId),
    pendingReviewCount: () => pendingCount.get()?.n ?? 0,
    usernames: () => new Map(usernames.all().map((u) => [u.id, u.username])),
  };
}
export type RoundsRepository = ReturnType<typeof createRoundsRepository>;
