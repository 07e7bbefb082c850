import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  keyProjectBoxes,
  keyProjects,
  ledgerTasks,
  measureLinks,
  policyDocuments,
  policyMeasures,
  policySections,
  roundTaskRequests,
  rounds,
  taskEvidence,
  taskMilestones,
  taskReports,
  users,
} from '../../db/schema.ts';

export type TaskRow = typeof ledgerTasks.$inferSelect;
export type MilestoneRow = typeof taskMilestones.$inferSelect;
export type ReportRow = typeof taskReports.$inferSelect & {
  submittedByName: string | null;
  reviewedByName: string | null;
};
export type MeasureRow = typeof policyMeasures.$inferSelect & {
  sectionNo: string;
  sectionTitle: string;
  sectionPosition: number;
  level: 'central' | 'province' | 'city';
};
export type EvidenceMeta = Omit<typeof taskEvidence.$inferSelect, 'content'>;

/** A task to insert, with its milestones. */
export interface NewTask {
  measureId: string | null;
  projectId: string | null;
  title: string;
  leadUnit: string | null;
  contributingUnits: string[];
  startDate: string;
  dueDate: string;
  indicatorCodes: string[];
  milestones: { title: string; dueDate: string }[];
  createdBy: number | null;
}

/** Data access of the measures ledger: documents, measures, links, key projects, tasks, reports, evidence. */
export function createLedgerRepository(db: Db) {
  const measureColumns = {
    id: policyMeasures.id,
    documentId: policyMeasures.documentId,
    sectionId: policyMeasures.sectionId,
    no: policyMeasures.no,
    label: policyMeasures.label,
    title: policyMeasures.title,
    text: policyMeasures.text,
    sectionNo: policySections.no,
    sectionTitle: policySections.title,
    sectionPosition: policySections.position,
    level: policyDocuments.level,
  };
  const measuresQuery = () =>
    db
      .select(measureColumns)
      .from(policyMeasures)
      .innerJoin(policySections, eq(policySections.id, policyMeasures.sectionId))
      .innerJoin(policyDocuments, eq(policyDocuments.id, policyMeasures.documentId));
  const submitter = sql<string | null>`(SELECT username FROM users u WHERE u.id = ${taskReports.submittedBy})`;
  const reviewer = sql<string | null>`(SELECT username FROM users u WHERE u.id = ${taskReports.reviewedBy})`;
  const reportSelect = () =>
    db.select({ report: taskReports, submittedByName: submitter, reviewedByName: reviewer }).from(taskReports);
  const flatten = (r: {
    report: typeof taskReports.$inferSelect;
    submittedByName: string | null;
    reviewedByName: string | null;
  }): ReportRow => ({
    ...r.report,
    submittedByName: r.submittedByName,
    reviewedByName: r.reviewedByName,
  });
  const evidenceMeta = {
    id: taskEvidence.id,
    reportId: taskEvidence.reportId,
    filename: taskEvidence.filename,
    mime: taskEvidence.mime,
    size: taskEvidence.size,
    sha256: taskEvidence.sha256,
    uploadedBy: taskEvidence.uploadedBy,
    uploadedAt: taskEvidence.uploadedAt,
  };

  return {
    documents: () => db.select().from(policyDocuments).orderBy(asc(policyDocuments.position)).all(),
    document: (id: string) => db.select().from(policyDocuments).where(eq(policyDocuments.id, id)).get(),
    sections: (documentId: string) =>
      db
        .select()
        .from(policySections)
        .where(eq(policySections.documentId, documentId))
        .orderBy(asc(policySections.position))
        .all(),
    /** Measures of one document (or all), in printed order. */
    measures: (documentId?: string): MeasureRow[] =>
      (documentId === undefined ? measuresQuery() : measuresQuery().where(eq(policyMeasures.documentId, documentId)))
        .orderBy(asc(policyDocuments.position), asc(policyMeasures.no))
        .all(),
    measure: (id: string): MeasureRow | undefined => measuresQuery().where(eq(policyMeasures.id, id)).get(),
    links: () => db.select().from(measureLinks).orderBy(asc(measureLinks.id)).all(),
    link: (id: number) => db.select().from(measureLinks).where(eq(measureLinks.id, id)).get(),
    linkBetween: (from: string, to: string) =>
      db
        .select()
        .from(measureLinks)
        .where(and(eq(measureLinks.fromMeasureId, from), eq(measureLinks.toMeasureId, to)))
        .get(),
    insertLink: (from: string, to: string, evidence: string | null, by: number) =>
      db
        .insert(measureLinks)
        .values({ fromMeasureId: from, toMeasureId: to, evidence, isDefault: false, createdBy: by })
        .returning()
        .get(),
    deleteLink: (id: number) => db.delete(measureLinks).where(eq(measureLinks.id, id)).run(),

    boxes: () => db.select().from(keyProjectBoxes).orderBy(asc(keyProjectBoxes.planId), asc(keyProjectBoxes.no)).all(),
    projects: () => db.select().from(keyProjects).orderBy(asc(keyProjects.boxId), asc(keyProjects.position)).all(),
    project: (id: string) => db.select().from(keyProjects).where(eq(keyProjects.id, id)).get(),

    /** Inserts a task with its milestones; returns its id. Call inside a transaction. */
    insertTask(t: NewTask): number {
      const row = db
        .insert(ledgerTasks)
        .values({
          measureId: t.measureId,
          projectId: t.projectId,
          title: t.title,
          leadUnit: t.leadUnit,
          contributingUnits: JSON.stringify(t.contributingUnits),
          startDate: t.startDate,
          dueDate: t.dueDate,
          indicatorCodes: JSON.stringify(t.indicatorCodes),
          createdBy: t.createdBy,
        })
        .returning({ id: ledgerTasks.id })
        .get();
      t.milestones.forEach((m, position) => {
        db.insert(taskMilestones).values({ taskId: row.id, position, title: m.title, dueDate: m.dueDate }).run();
      });
      return row.id;
    },
    tasks: (): TaskRow[] => db.select().from(ledgerTasks).orderBy(asc(ledgerTasks.id)).all(),
    task: (id: number): TaskRow | undefined => db.select().from(ledgerTasks).where(eq(ledgerTasks.id, id)).get(),
    milestones: (taskIds: number[]): MilestoneRow[] =>
      taskIds.length === 0
        ? []
        : db
            .select()
            .from(taskMilestones)
            .where(inArray(taskMilestones.taskId, taskIds))
            .orderBy(asc(taskMilestones.taskId), asc(taskMilestones.position))
            .all(),
    /** Every report of the tasks, newest first. */
    reports: (taskIds: number[]): ReportRow[] =>
      taskIds.length === 0
        ? []
        : reportSelect().where(inArray(taskReports.taskId, taskIds)).orderBy(desc(taskReports.id)).all().map(flatten),
    report: (id: number): ReportRow | undefined => {
      const r = reportSelect().where(eq(taskReports.id, id)).get();
      return r ? flatten(r) : undefined;
    },
    reportsInState: (state: 'pending' | 'approved' | 'returned'): ReportRow[] =>
      reportSelect().where(eq(taskReports.state, state)).orderBy(asc(taskReports.id)).all().map(flatten),
    insertReport: (r: typeof taskReports.$inferInsert) =>
      db.insert(taskReports).values(r).returning({ id: taskReports.id }).get().id,
    /** Moves a pending report to approved or returned; false when it was no longer pending. */
    review(id: number, state: 'approved' | 'returned', by: number, note: string | null): boolean {
      const res = db
        .update(taskReports)
        .set({ state, reviewedBy: by, reviewNote: note, reviewedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
        .where(and(eq(taskReports.id, id), eq(taskReports.state, 'pending')))
        .run();
      return res.changes === 1;
    },

    insertEvidence: (e: typeof taskEvidence.$inferInsert): EvidenceMeta =>
      db.insert(taskEvidence).values(e).returning(evidenceMeta).get(),
    evidenceOf: (reportIds: number[]): EvidenceMeta[] =>
      reportIds.length === 0
        ? []
        : db
            .select(evidenceMeta)
            .from(taskEvidence)
            .where(inArray(taskEvidence.reportId, reportIds))
            .orderBy(asc(taskEvidence.id))
            .all(),
    evidenceFile: (id: number) => db.select().from(taskEvidence).where(eq(taskEvidence.id, id)).get(),
    /** The requests of open rounds for these tasks, with the round's due date. */
    openRequests: (taskIds: number[]) =>
      taskIds.length === 0
        ? []
        : db
            .select({
              taskId: roundTaskRequests.taskId,
              roundId: rounds.id,
              dueDate: rounds.dueDate,
              requestedAt: roundTaskRequests.createdAt,
            })
            .from(roundTaskRequests)
            .innerJoin(rounds, eq(rounds.id, roundTaskRequests.roundId))
            .where(and(inArray(roundTaskRequests.taskId, taskIds), eq(rounds.state, 'open')))
            .all(),
    round: (id: number) =>
      db
        .select({ id: rounds.id, state: rounds.state, dueDate: rounds.dueDate })
        .from(rounds)
        .where(eq(rounds.id, id))
        .get(),
    requestsOfRound: (roundId: number) =>
      db
        .select()
        .from(roundTaskRequests)
        .where(eq(roundTaskRequests.roundId, roundId))
        .orderBy(asc(roundTaskRequests.taskId))
        .all(),
    /** Adds a request unless the round already asks for that task; true when added. */
    insertRequest: (roundId: number, taskId: number, by: number) =>
      db.insert(roundTaskRequests).values({ roundId, taskId, createdBy: by }).onConflictDoNothing().run().changes === 1,
    userExists: (id: number) => db.select({ id: users.id }).from(users).where(eq(users.id, id)).get() !== undefined,
  };
}
export type LedgerRepository = ReturnType<typeof createLedgerRepository>;
