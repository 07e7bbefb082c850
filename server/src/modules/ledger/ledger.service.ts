import {
  cstDateIso,
  rollupMeasures,
  rollupTasks,
  taskStatus,
  type LedgerReportSection,
  type MeasureDetail,
  type MeasureSummary,
  type PolicyDocument,
  type StatusRollup,
  type Task,
  type TaskReport,
  type TaskReportWrite,
  type TaskStatus,
  type TaskWrite,
} from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { invalidField, notFound, type FieldError, problem } from '../../lib/problem.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { AuditEvent, AuditRepository } from '../audit/audit.repository.ts';
import { checkEvidence } from './evidence.ts';
import type { LedgerRepository, MeasureRow, ReportRow, TaskRow } from './ledger.repository.ts';

/** Today as an ISO date (UTC): the default evaluation date of statuses. */
/** Today in China Standard Time (YYYY-MM-DD): the day a task's dates are judged on. */
export const todayIso = () => cstDateIso(new Date().toISOString());

const parseList = (json: string): string[] => JSON.parse(json) as string[];
const parseIds = (json: string): number[] => JSON.parse(json) as number[];

/** Filters of the task list. */
export interface TaskFilter {
  unit?: string | undefined;
  status?: TaskStatus | undefined;
  measure?: string | undefined;
  project?: string | undefined;
}

/**
 * The measures ledger (任务台账): documents and measures with their alignment, tasks split from
 * measures or key projects, progress reports reviewed like values, evidence files, and the data of
 * the evaluation report's section 重点任务落实情况. Statuses come from the one shared rule (taskStatus).
 */
export function createLedgerService(deps: {
  db: Db;
  repo: LedgerRepository;
  audit: AuditRepository;
  /** whether an indicator code exists in a plan (linked plan indicators) */
  indicatorExists: (code: string) => boolean;
  /** whether a unit code names an active unit of the directory (units) */
  unitExists: (code: string) => boolean;
  /** told after a report is returned (messages to the lead unit) */
  events?: { reportReturned(reportId: number): void };
}) {
  const { db, repo, audit, indicatorExists } = deps;
  const { unitExists } = deps;
  const record = (actor: Actor, event: AuditEvent) => audit.append(actor, event);

  /** Whether a principal may report for a task's lead unit: admins always, others when the unit is theirs. */
  const mayReport = (p: Pick<Actor, 'role' | 'units'>, task: TaskRow) =>
    p.role === 'admin' || (task.leadUnit !== null && p.units.includes(task.leadUnit));

  function reportView(r: ReportRow, evidence: ReturnType<LedgerRepository['evidenceOf']>): TaskReport {
    return {
      id: r.id,
      taskId: r.taskId,
      period: r.period,
      progress: r.progress,
      milestonesDone: parseIds(r.milestonesDone),
      percent: r.percent,
      completed: r.completed,
      problems: r.problems,
      nextSteps: r.nextSteps,
      state: r.state,
      submittedBy: r.submittedByName,
      submittedAt: r.submittedAt,
      reviewedBy: r.reviewedByName,
      reviewedAt: r.reviewedAt,
      reviewNote: r.reviewNote,
      evidence: evidence
        .filter((e) => e.reportId === r.id)
        .map(({ id, filename, mime, size, sha256, uploadedAt }) => ({ id, filename, mime, size, sha256, uploadedAt })),
    };
  }

  /** Tasks as the API shows them, each with its status on `asOf`. */
  function taskViews(rows: TaskRow[], asOf: string): Task[] {
    const ids = rows.map((t) => t.id);
    const milestones = repo.milestones(ids);
    const reports = repo.reports(ids);
    const evidence = repo.evidenceOf(reports.map((r) => r.id));
    const requests = repo.openRequests(ids);
    return rows.map((t) => {
      const ms = milestones.filter((m) => m.taskId === t.id);
      const mine = reports.filter((r) => r.taskId === t.id); // newest first
      const approved = mine.find((r) => r.state === 'approved');
      const done = new Set(approved ? parseIds(approved.milestonesDone) : []);
      // a round's request is answered by a report submitted after it (pending or approved; a returned one is not)
      const reportRequests = requests
        .filter((q) => q.taskId === t.id)
        .map((q) => ({
          roundId: q.roundId,
          dueDate: q.dueDate,
          submitted: mine.some((r) => r.state !== 'returned' && r.submittedAt >= q.requestedAt),
        }));
      const asked = reportRequests.map(({ dueDate, submitted }) => ({ dueDate, submitted }));
      const status = taskStatus({
        startDate: t.startDate,
        dueDate: t.dueDate,
        milestones: ms.map((m) => ({ id: m.id, dueDate: m.dueDate })),
        latestApproved: approved
          ? { id: approved.id, completed: approved.completed, milestonesDone: [...done], percent: approved.percent }
          : null,
        requested: asked,
        now: asOf,
      });
      const latest = mine[0];
      return {
        id: t.id,
        measureId: t.measureId,
        projectId: t.projectId,
        title: t.title,
        leadUnit: t.leadUnit,
        contributingUnits: parseList(t.contributingUnits),
        startDate: t.startDate,
        dueDate: t.dueDate,
        milestones: ms.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, done: done.has(m.id) })),
        indicatorCodes: parseList(t.indicatorCodes),
        status,
        latestReport: latest ? reportView(latest, evidence) : null,
        reportRequests,
        createdAt: t.createdAt,
      };
    });
  }

  function taskOr404(id: number): TaskRow {
    const t = repo.task(id);
    if (!t) throw notFound(`task ${id}`);
    return t;
  }

  function measureSummary(m: MeasureRow, tasks: Task[]): MeasureSummary {
    const mine = tasks.filter((t) => t.measureId === m.id);
    return {
      id: m.id,
      documentId: m.documentId,
      level: m.level,
      label: m.label,
      no: m.no,
      title: m.title,
      section: { no: m.sectionNo, title: m.sectionTitle },
      taskCount: mine.length,
      rollup: rollupTasks(mine.map((t) => t.status)),
    };
  }

  function allTasks(asOf: string) {
    return taskViews(repo.tasks(), asOf);
  }

  /** Checks a task write beyond its schema; the field errors found (none: fine). */
  function checkTask(w: TaskWrite): FieldError[] {
    const errors: FieldError[] = [];
    const hasMeasure = w.measureId !== undefined && w.measureId !== null;
    const hasProject = w.projectId !== undefined && w.projectId !== null;
    if (hasMeasure === hasProject)
      errors.push({ field: 'body.measureId', message: 'give exactly one of measureId and projectId' });
    if (hasMeasure && w.measureId && !repo.measure(w.measureId))
      errors.push({ field: 'body.measureId', message: `no measure ${w.measureId}` });
    if (hasProject && w.projectId && !repo.project(w.projectId))
      errors.push({ field: 'body.projectId', message: `no key project ${w.projectId}` });
    if (w.dueDate < w.startDate)
      errors.push({ field: 'body.dueDate', message: 'the due date is before the start date' });
    if (w.leadUnit !== null && !unitExists(w.leadUnit))
      errors.push({ field: 'body.leadUnit', message: `unknown unit ${w.leadUnit}` });
    w.contributingUnits.forEach((u, i) => {
      if (!unitExists(u)) errors.push({ field: `body.contributingUnits.${i}`, message: `unknown unit ${u}` });
    });
    w.milestones.forEach((m, i) => {
      if (m.dueDate < w.startDate || m.dueDate > w.dueDate)
        errors.push({ field: `body.milestones.${i}.dueDate`, message: 'a milestone falls within the task period' });
    });
    w.indicatorCodes.forEach((c, i) => {
      if (!indicatorExists(c)) errors.push({ field: `body.indicatorCodes.${i}`, message: `no indicator ${c}` });
    });
    return errors;
  }

  return {
    /** The policy documents with their section and measure counts. */
    documents(): PolicyDocument[] {
      const measures = repo.measures();
      return repo.documents().map((d) => ({
        id: d.id,
        level: d.level,
        title: d.title,
        issuer: d.issuer,
        documentNo: d.documentNo,
        issuedOn: d.issuedOn,
        partial: d.partial,
        partialNote: d.partialNote,
        sectionCount: repo.sections(d.id).length,
        measureCount: measures.filter((m) => m.documentId === d.id).length,
      }));
    },

    /** The measures of a document in printed order, each with its section and task roll-up. */
    measuresOf(documentId: string, asOf: string): MeasureSummary[] {
      if (!repo.document(documentId)) throw notFound(`document ${documentId}`);
      const tasks = allTasks(asOf);
      return repo.measures(documentId).map((m) => measureSummary(m, tasks));
    },

    /** One measure with its full text, its links up and down (alignedTo) and its tasks. */
    measure(id: string, asOf: string): MeasureDetail {
      const m = repo.measure(id);
      if (!m) throw notFound(`measure ${id}`);
      const doc = repo.document(m.documentId);
      const tasks = allTasks(asOf);
      const byId = new Map(repo.measures().map((x) => [x.id, x]));
      const alignedTo = repo
        .links()
        .filter((l) => l.fromMeasureId === id || l.toMeasureId === id)
        .flatMap((l) => {
          const up = l.fromMeasureId === id;
          const other = byId.get(up ? l.toMeasureId : l.fromMeasureId);
          if (!other) return [];
          return [
            {
              id: other.id,
              documentId: other.documentId,
              level: other.level,
              label: other.label,
              title: other.title,
              direction: up ? ('up' as const) : ('down' as const),
              evidence: l.evidence,
              isDefault: l.isDefault,
              linkId: l.id,
            },
          ];
        });
      return {
        ...measureSummary(m, tasks),
        text: m.text,
        documentTitle: doc?.title ?? '',
        alignedTo,
        tasks: tasks.filter((t) => t.measureId === id),
      };
    },

    /** Every measure of every document and every link: the alignment view's data. */
    alignment(asOf: string) {
      const tasks = allTasks(asOf);
      return {
        documents: this.documents(),
        measures: repo.measures().map((m) => measureSummary(m, tasks)),
        links: repo.links().map((l) => ({
          id: l.id,
          from: l.fromMeasureId,
          to: l.toMeasureId,
          evidence: l.evidence,
          isDefault: l.isDefault,
        })),
        tasksWithoutLead: tasks
          .filter((t) => t.leadUnit === null)
          .map((t) => ({ id: t.id, title: t.title, measureId: t.measureId, projectId: t.projectId })),
      };
    },

    /** Adds an alignment link (admin); audited. */
    addLink(actor: Actor, from: string, to: string, evidence: string | null) {
      const a = repo.measure(from);
      const b = repo.measure(to);
      if (!a) throw invalidField('body.from', `no measure ${from}`);
      if (!b) throw invalidField('body.to', `no measure ${to}`);
      const order = { city: 0, province: 1, central: 2 } as const;
      if (order[b.level] !== order[a.level] + 1)
        throw invalidField('body.to', 'a link goes one level up: city → province → central');
      if (repo.linkBetween(from, to)) throw problem('link_exists', `${from} is already linked to ${to}`);
      return db.transaction(() => {
        const row = repo.insertLink(from, to, evidence, actor.id);
        record(actor, {
          action: 'measure_link.create',
          entityType: 'measure_link',
          entityId: row.id,
          after: { from, to, evidence },
        });
        return { id: row.id, from, to, evidence, isDefault: false };
      });
    },

    /** Removes an alignment link (admin), a default one included; audited with what it was. */
    removeLink(actor: Actor, id: number) {
      const l = repo.link(id);
      if (!l) throw notFound(`link ${id}`);
      db.transaction(() => {
        repo.deleteLink(id);
        record(actor, {
          action: 'measure_link.delete',
          entityType: 'measure_link',
          entityId: id,
          before: { from: l.fromMeasureId, to: l.toMeasureId, evidence: l.evidence, isDefault: l.isDefault },
        });
      });
    },

    /** The 专栏 key-project boxes with their projects and task counts. */
    keyProjects() {
      const tasks = repo.tasks();
      const projects = repo.projects();
      return repo.boxes().map((b) => ({
        no: b.no,
        title: b.title,
        projects: projects
          .filter((p) => p.boxId === b.id)
          .map((p) => ({
            id: p.id,
            name: p.name,
            text: p.text,
            taskCount: tasks.filter((t) => t.projectId === p.id).length,
          })),
      }));
    },

    checkTask,

    /** Creates a task with its milestones (400 naming the field when a reference is unknown); audited. */
    createTask(actor: Actor, w: TaskWrite, asOf: string): Task {
      const errors = checkTask(w);
      const first = errors[0];
      if (first) throw problem('validation_failed', `${first.field}: ${first.message}`, errors);
      const id = db.transaction(() => {
        const taskId = repo.insertTask({
          measureId: w.measureId ?? null,
          projectId: w.projectId ?? null,
          title: w.title,
          leadUnit: w.leadUnit,
          contributingUnits: w.contributingUnits,
          startDate: w.startDate,
          dueDate: w.dueDate,
          indicatorCodes: w.indicatorCodes,
          milestones: w.milestones,
          createdBy: actor.id,
        });
        record(actor, { action: 'task.create', entityType: 'task', entityId: taskId, after: w });
        return taskId;
      });
      return this.task(id, asOf);
    },

    /** One task with its status. */
    task(id: number, asOf: string): Task {
      const [view] = taskViews([taskOr404(id)], asOf);
      if (!view) throw notFound(`task ${id}`);
      return view;
    },

    /** Tasks filtered by unit (lead or contributing), status and measure. */
    tasks(filter: TaskFilter, asOf: string): Task[] {
      let rows = repo.tasks();
      const { unit, measure, project } = filter;
      if (unit !== undefined)
        rows = rows.filter((t) => t.leadUnit === unit || parseList(t.contributingUnits).includes(unit));
      if (measure !== undefined) rows = rows.filter((t) => t.measureId === measure);
      if (project !== undefined) rows = rows.filter((t) => t.projectId === project);
      const views = taskViews(rows, asOf);
      return filter.status === undefined ? views : views.filter((t) => t.status.status === filter.status);
    },

    /** Every report of a task, newest first. */
    reportsOf(taskId: number): TaskReport[] {
      taskOr404(taskId);
      const reports = repo.reports([taskId]);
      const evidence = repo.evidenceOf(reports.map((r) => r.id));
      return reports.map((r) => reportView(r, evidence));
    },

    /** Reports in a review state (the review queue: pending). */
    reportsInState(
      state: 'pending' | 'approved' | 'returned',
    ): (TaskReport & { taskTitle: string; leadUnit: string | null })[] {
      const reports = repo.reportsInState(state);
      const evidence = repo.evidenceOf(reports.map((r) => r.id));
      return reports.map((r) => {
        const t = repo.task(r.taskId);
        return { ...reportView(r, evidence), taskTitle: t?.title ?? '', leadUnit: t?.leadUnit ?? null };
      });
    },

    /**
     * The lead unit reports progress for a period: a new pending report (one pending at a time;
     * a returned one is answered by a new report). Milestones must be the task's own. Audited.
     */
    submitReport(actor: Actor, taskId: number, w: TaskReportWrite): TaskReport {
      const task = taskOr404(taskId);
      if (task.leadUnit === null)
        throw problem('no_lead_unit', 'The task has no lead unit yet; the office assigns one first.');
      if (!mayReport(actor, task)) {
        throw problem('not_lead_unit', `Only the lead unit ${task.leadUnit} reports progress on this task.`);
      }
      const own = new Set(repo.milestones([taskId]).map((m) => m.id));
      w.milestonesDone.forEach((id, i) => {
        if (!own.has(id)) throw invalidField(`body.milestonesDone.${i}`, `milestone ${id} is not one of this task's`);
      });
      if (repo.reports([taskId]).some((r) => r.state === 'pending')) {
        throw problem('report_pending', 'A report of this task awaits review; wait for it to be approved or returned.');
      }
      const id = db.transaction(() => {
        const reportId = repo.insertReport({
          taskId,
          period: w.period,
          progress: w.progress,
          milestonesDone: JSON.stringify([...new Set(w.milestonesDone)]),
          percent: w.percent ?? null,
          completed: w.completed,
          problems: w.problems ?? null,
          nextSteps: w.nextSteps ?? null,
          state: 'pending',
          submittedBy: actor.id,
        });
        record(actor, {
          action: 'task_report.submit',
          entityType: 'task_report',
          entityId: reportId,
          after: { taskId, ...w },
        });
        return reportId;
      });
      const [view] = this.reportsOf(taskId).filter((r) => r.id === id);
      if (!view) throw notFound(`report ${id}`);
      return view;
    },

    /** Approves or returns (with a reason) a pending report; nobody reviews their own. Audited. */
    review(actor: Actor, reportId: number, state: 'approved' | 'returned', reason: string | null): TaskReport {
      const r = repo.report(reportId);
      if (!r) throw notFound(`report ${reportId}`);
      if (r.submittedBy === actor.id) throw problem('four_eyes', 'Nobody reviews a report they submitted themselves.');
      db.transaction(() => {
        if (!repo.review(reportId, state, actor.id, reason)) {
          throw problem('not_pending', `Report ${reportId} is ${r.state}, not pending.`);
        }
        record(actor, {
          action: state === 'approved' ? 'task_report.approve' : 'task_report.return',
          entityType: 'task_report',
          entityId: reportId,
          before: { state: r.state },
          after: { state, reason },
        });
      });
      if (state === 'returned') deps.events?.reportReturned(reportId);
      const [view] = this.reportsOf(r.taskId).filter((x) => x.id === reportId);
      if (!view) throw notFound(`report ${reportId}`);
      return view;
    },

    /** Attaches an evidence file to a pending report of the caller's unit, checked by content; audited (name, size, SHA-256). */
    async addEvidence(actor: Actor, reportId: number, filename: string, content: Buffer) {
      const r = repo.report(reportId);
      if (!r) throw notFound(`report ${reportId}`);
      const task = taskOr404(r.taskId);
      if (!mayReport(actor, task))
        throw problem('not_lead_unit', `Only the lead unit ${task.leadUnit ?? ''} adds evidence to this report.`);
      if (r.state !== 'pending')
        throw problem('not_pending', `Report ${reportId} is ${r.state}; evidence goes with a pending report.`);
      const checked = await checkEvidence(filename, content);
      return db.transaction(() => {
        const meta = repo.insertEvidence({ reportId, ...checked, content, uploadedBy: actor.id });
        record(actor, {
          action: 'evidence.upload',
          entityType: 'task_evidence',
          entityId: meta.id,
          after: { reportId, ...checked },
        });
        const { id, mime, size, sha256, uploadedAt } = meta;
        return { id, filename: meta.filename, mime, size, sha256, uploadedAt };
      });
    },

    /**
     * A reporting round asks the lead units of these tasks for a progress report by the round's due
     * date (open rounds only); a task whose request is past due and unanswered is report_missing. Audited.
     */
    requestReports(actor: Actor, roundId: number, taskIds: number[]) {
      const round = repo.round(roundId);
      if (!round) throw notFound(`round ${roundId}`);
      if (round.state !== 'open') throw problem('round_closed', `Round ${roundId} is closed.`);
      taskIds.forEach((id, i) => {
        if (!repo.task(id)) throw invalidField(`body.taskIds.${i}`, `no task ${id}`);
      });
      db.transaction(() => {
        const added = taskIds.filter((id) => repo.insertRequest(roundId, id, actor.id));
        if (added.length > 0)
          record(actor, {
            action: 'round.request_task_reports',
            entityType: 'round',
            entityId: roundId,
            after: { taskIds: added },
          });
      });
      return this.roundRequests(roundId);
    },

    /** The tasks a round asks reports of, with the round's due date. */
    roundRequests(roundId: number) {
      const round = repo.round(roundId);
      if (!round) throw notFound(`round ${roundId}`);
      return {
        roundId,
        dueDate: round.dueDate,
        state: round.state,
        taskIds: repo.requestsOfRound(roundId).map((r) => r.taskId),
      };
    },

    /** An evidence file's bytes and metadata, for download. */
    evidenceFile(id: number) {
      const e = repo.evidenceFile(id);
      if (!e) throw notFound(`evidence ${id}`);
      return e;
    },

    /**
     * The data of the evaluation report's section 重点任务落实情况: per section of a document, its
     * measures' task counts by status (and measures without a task); the tasks past their due date and not
     * completed (overdue, or never started) with their lead and contributing units.
     */
    reportSection(documentId: string, asOf: string): LedgerReportSection {
      if (!repo.document(documentId)) throw notFound(`document ${documentId}`);
      const tasks = allTasks(asOf);
      const measures = repo.measures(documentId);
      const sections = repo.sections(documentId).map((s) => {
        const ms = measures.filter((m) => m.sectionId === s.id).map((m) => measureSummary(m, tasks));
        return {
          no: s.no,
          title: s.title,
          measureCount: ms.length,
          measuresWithoutTask: ms.filter((m) => m.taskCount === 0).length,
          rollup: rollupMeasures(ms.map((m) => m.rollup)),
        };
      });
      const total: StatusRollup = rollupMeasures(sections.map((s) => s.rollup));
      const titleOf = new Map(measures.map((m) => [m.id, `${m.label}${m.title}`]));
      const overdue = tasks
        .filter(
          (t) =>
            t.measureId !== null &&
            titleOf.has(t.measureId) &&
            t.status.status !== 'completed' &&
            t.status.figures.daysPastDue > 0,
        )
        .map((t) => ({
          taskId: t.id,
          title: t.title,
          measureId: t.measureId,
          measureTitle: t.measureId === null ? null : (titleOf.get(t.measureId) ?? null),
          leadUnit: t.leadUnit,
          contributingUnits: t.contributingUnits,
          dueDate: t.dueDate,
          daysPastDue: t.status.figures.daysPastDue,
          status: t.status.status,
        }));
      return { asOf, documentId, sections, total, overdue };
    },

    allTasks,
  };
}
export type LedgerService = ReturnType<typeof createLedgerService>;
