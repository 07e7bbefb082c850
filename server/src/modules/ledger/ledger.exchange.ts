import { TaskWriteSchema, type LedgerImportReport, type TaskWrite } from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { problem } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { LedgerRepository } from './ledger.repository.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { LedgerService } from './ledger.service.ts';
import {
  formatList,
  formatMilestones,
  LEDGER_COLUMNS,
  readLedgerXlsx,
  splitList,
  statusCell,
  writeLedgerXlsx,
  type LedgerColumnKey,
  type LedgerRow,
} from './ledger.xlsx.ts';

const headerOf = (key: LedgerColumnKey) => LEDGER_COLUMNS.find((c) => c.key === key)?.header ?? key;
const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
/** body.x.y → the column it came from */
const COLUMN_OF_FIELD: Readonly<Record<string, LedgerColumnKey>> = {
  measureId: 'measure',
  projectId: 'project',
  title: 'title',
  leadUnit: 'leadUnit',
  contributingUnits: 'contributingUnits',
  startDate: 'startDate',
  dueDate: 'dueDate',
  milestones: 'milestones',
  indicatorCodes: 'indicators',
};

/** Reads a milestones cell: lines `YYYY-MM-DD title`; null when a line is not of that form. */
function parseMilestones(cell: string): { title: string; dueDate: string }[] | null {
  const out: { title: string; dueDate: string }[] = [];
  for (const line of cell
    .split(/\n|；/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(line);
    if (!m?.[1] || !m[2]) return null;
    out.push({ dueDate: m[1], title: m[2].trim() });
  }
  return out;
}

/**
 * The ledger workbook (台账): export of the whole ledger (every task, and every measure of the city
 * document without a task as a row to fill in), and an all-or-nothing import that creates the rows'
 * tasks. A row whose 任务编号 names an existing task must match it (tasks are changed in the app).
 */
export function createLedgerExchange(deps: {
  db: Db;
  repo: LedgerRepository;
  service: LedgerService;
  audit: AuditRepository;
  /** a unit's name by its code (null: not in the directory) */
  unitName: (code: string) => string | null;
  /** the code of a unit written as its code or its name (null: neither) */
  unitCodeOf: (text: string) => string | null;
}) {
  const { db, repo, service, audit, unitName, unitCodeOf } = deps;
  // cells name units as people know them; the import reads a name or a code
  const unitCell = (code: string) => unitName(code) ?? code;
  const unitFromCell = (text: string) => unitCodeOf(text) ?? text;

  function rows(asOf: string, signedIn: boolean): LedgerRow[] {
    const tasks = service.allTasks(asOf);
    const measures = repo.measures();
    const projects = new Map(repo.projects().map((p) => [p.id, p]));
    const out: LedgerRow[] = [];
    const row = (fields: Partial<LedgerRow>): LedgerRow => ({
      ...(Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, ''])) as LedgerRow),
      ...fields,
    });
    const taskRow = (t: (typeof tasks)[number], base: Partial<LedgerRow>) =>
      row({
        ...base,
        id: String(t.id),
        title: t.title,
        leadUnit: t.leadUnit === null ? '' : unitCell(t.leadUnit),
        contributingUnits: formatList(t.contributingUnits.map(unitCell)),
        startDate: t.startDate,
        dueDate: t.dueDate,
        milestones: formatMilestones(t.milestones),
        indicators: formatList(t.indicatorCodes),
        status: statusCell(t),
        // a report not yet approved is shown to signed-in users only
        latest:
          t.latestReport && (signedIn || t.latestReport.state === 'approved')
            ? `${t.latestReport.period}：${t.latestReport.progress}`
            : '',
      });
    for (const m of measures.filter((x) => x.level === 'city')) {
      const base = {
        section: `${m.sectionNo}、${m.sectionTitle}`,
        measure: m.id,
        measureTitle: `${m.label}${m.title}`,
      };
      const mine = tasks.filter((t) => t.measureId === m.id);
      if (mine.length === 0) out.push(row(base));
      for (const t of mine) out.push(taskRow(t, base));
    }
    for (const m of measures.filter((x) => x.level !== 'city')) {
      for (const t of tasks.filter((x) => x.measureId === m.id))
        out.push(
          taskRow(t, {
            section: `${m.sectionNo}、${m.sectionTitle}`,
            measure: m.id,
            measureTitle: `${m.label}${m.title}`,
          }),
        );
    }
    for (const t of tasks.filter((x) => x.projectId !== null)) {
      const p = t.projectId === null ? undefined : projects.get(t.projectId);
      out.push(taskRow(t, { project: t.projectId ?? '', measureTitle: p?.name ?? '' }));
    }
    return out;
  }

  return {
    /** The whole ledger as an xlsx workbook (also the import template); `signedIn` false hides unapproved reports. */
    exportXlsx: (asOf: string, signedIn: boolean) => writeLedgerXlsx(rows(asOf, signedIn)),

    /**
     * Imports a ledger workbook for an actor. Rows without a task are skipped; a row naming an
     * existing task must equal it; every other row is checked like POST /tasks. Any problem: 422
     * `import_rejected` with the report (row, column, reason) and nothing written; a dry run answers the
     * report and writes nothing; a clean file creates its tasks in one transaction, audited once.
     */
    async importXlsx(actor: Actor, buffer: Buffer, dryRun: boolean, asOf: string): Promise<LedgerImportReport> {
      const sheet = await readLedgerXlsx(buffer);
      const problems: LedgerImportReport['problems'] = sheet.missing.map((h) => ({
        row: 1,
        column: h,
        value: '',
        reason: 'required column missing (缺少必需列)',
      }));
      const planned: { row: number; write: TaskWrite }[] = [];
      if (problems.length === 0) {
        for (const r of sheet.rows) {
          const c = r.cells;
          const add = (key: LedgerColumnKey, reason: string) =>
            problems.push({ row: r.row, column: headerOf(key), value: cut(c[key]), reason });
          if (c.title === '') continue;
          if (c.id !== '') {
            const existing = /^\d{1,12}$/.test(c.id) ? repo.task(Number(c.id)) : undefined;
            if (existing) {
              const view = service.task(existing.id, asOf);
              const same =
                view.title === c.title &&
                (view.leadUnit ?? '') === (c.leadUnit === '' ? '' : unitFromCell(c.leadUnit)) &&
                view.startDate === c.startDate &&
                view.dueDate === c.dueDate &&
                formatList(view.contributingUnits) === formatList(splitList(c.contributingUnits).map(unitFromCell)) &&
                formatMilestones(view.milestones) ===
                  (parseMilestones(c.milestones) ?? []).map((m) => `${m.dueDate} ${m.title}`).join('\n');
              if (!same)
                add(
                  'id',
                  `task ${existing.id} exists and differs; change existing tasks in the app (已有任务请在系统中修改)`,
                );
              continue;
            }
          }
          const unknownLead = c.leadUnit !== '' && unitCodeOf(c.leadUnit) === null;
          const unknownOthers = splitList(c.contributingUnits).filter((u) => unitCodeOf(u) === null);
          if (unknownLead) add('leadUnit', `unknown unit ${c.leadUnit} (单位不在单位目录中)`);
          if (unknownOthers.length > 0)
            add('contributingUnits', `unknown unit ${unknownOthers.join('、')} (单位不在单位目录中)`);
          if (unknownLead || unknownOthers.length > 0) continue;
          const milestones = parseMilestones(c.milestones);
          if (milestones === null) {
            add('milestones', 'one milestone a line: YYYY-MM-DD title (里程碑格式应为“日期 名称”)');
            continue;
          }
          const parsed = TaskWriteSchema.safeParse({
            measureId: c.measure === '' ? null : c.measure,
            projectId: c.project === '' ? null : c.project,
            title: c.title,
            leadUnit: c.leadUnit === '' ? null : unitFromCell(c.leadUnit),
            contributingUnits: splitList(c.contributingUnits).map(unitFromCell),
            startDate: c.startDate,
            dueDate: c.dueDate,
            milestones,
            indicatorCodes: splitList(c.indicators),
          });
          if (!parsed.success) {
            for (const issue of parsed.error.issues)
              add(COLUMN_OF_FIELD[String(issue.path[0])] ?? 'title', issue.message);
            continue;
          }
          const errors = service.checkTask(parsed.data);
          for (const e of errors) add(COLUMN_OF_FIELD[e.field.split('.')[1] ?? ''] ?? 'title', e.message);
          if (errors.length === 0) planned.push({ row: r.row, write: parsed.data });
        }
      }
      const ok = problems.length === 0;
      const report = (created: LedgerImportReport['created']): LedgerImportReport => ({
        ok,
        dryRun,
        rows: sheet.rows.length,
        created,
        problems,
      });
      if (!ok) {
        if (dryRun) return report(planned.map((p) => ({ row: p.row, title: p.write.title, taskId: null })));
        throw problem('import_rejected', `${problems.length} problem(s); nothing was imported`, undefined, {
          report: report([]),
        });
      }
      if (dryRun) return report(planned.map((p) => ({ row: p.row, title: p.write.title, taskId: null })));
      const created = db.transaction(() => {
        const out = planned.map((p) => ({
          row: p.row,
          title: p.write.title,
          taskId: repo.insertTask({
            measureId: p.write.measureId ?? null,
            projectId: p.write.projectId ?? null,
            title: p.write.title,
            leadUnit: p.write.leadUnit,
            contributingUnits: p.write.contributingUnits,
            startDate: p.write.startDate,
            dueDate: p.write.dueDate,
            indicatorCodes: p.write.indicatorCodes,
            milestones: p.write.milestones,
            createdBy: actor.id,
          }) as number | null,
        }));
        audit.append(actor, {
          action: 'task.import',
          entityType: 'task',
          after: { created: out.map((o) => o.taskId) },
        });
        return out;
      });
      return report(created);
    },
  };
}
export type LedgerExchange = ReturnType<typeof createLedgerExchange>;
