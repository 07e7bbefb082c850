/**
 * The import of a read file (SPEED, #13: one body of code for both threads): every row checked with the rules of
 * manual entry, then, only when no row has a problem, one pending revision per changed row, the import record
 * and an audit entry per value, all in one immediate transaction re-checked inside it. It runs on the main
 * thread for small files, and in the import worker (import.worker.ts) over that thread's own connection for
 * large ones, so that readers on the main thread keep answering from the last committed snapshot (WAL).
 */
import {
  ENTRY_DENIAL_TEXT,
  normaliseDecimalInput,
  ObservationWriteSchema,
  parseDataStatus,
  parseValueQualifier,
  type ImportChange,
  type ImportProblem,
  type ImportProblemCode,
  type ImportReport,
} from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { problem } from '../../lib/problem.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { IndicatorsRepository } from '../indicators/indicators.repository.ts';
import type { StoredRevision } from '../observations/observations.repository.ts';
import { checkGrowthRate, checkWrite, entryDenial } from '../observations/observations.service.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import type { ExchangeRepository, YearState, YearStates } from './exchange.repository.ts';
import { headerOfKey, type ColumnKey, type ReadSheet } from './workbook.ts';

/** What an import reads and writes through: the repositories over one connection (the main one or a worker's). */
export interface ImportDeps {
  db: Db;
  indicators: Pick<IndicatorsRepository, 'listByPlan'>;
  exchange: Pick<ExchangeRepository, 'yearStates' | 'lockedYears' | 'recordImport' | 'insertRevision'>;
  audit: Pick<AuditRepository, 'append'>;
}

/** The upload's name (as sent in a form) and whether this is a dry run. */
export interface ImportMeta {
  filename: string | null;
  dryRun: boolean;
}

/** A report lists this many problems at most (a wrong file can have one per cell); `problemCount` has them all. */
const MAX_LISTED_PROBLEMS = 1000;
const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

interface Planned extends Omit<ImportChange, 'revisionId'> {
  indicatorId: number;
  revisionNo: number;
  /** the newest revision of the year, which the new one is based on */
  base: StoredRevision | undefined;
}

/** The state of one indicator-year (no revisions: neither a counted nor a newest one). */
export const stateOf = (states: YearStates, indicatorId: number, year: number): YearState =>
  states.get(indicatorId)?.get(year) ?? { counted: undefined, latest: undefined };

const parseYear = (text: string): number | null => {
  const t = text.trim().replace(/年$/, '');
  return /^\d{4}$/.test(t) ? Number(t) : null;
};
/** The revision a row was exported with: null when blank (the year had none), 'bad' when not an id. */
const parseRevision = (text: string): number | null | 'bad' => {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,15}$/.test(t) ? Number(t) : 'bad';
};

/** Checks every row of a read file; problems, or the revisions to append. Reads only. */
function evaluate(deps: ImportDeps, p: Actor, plan: PlanRow, sheet: ReadSheet) {
  const { indicators, exchange } = deps;
  const problems: ImportProblem[] = [...sheet.problems];
  const planned: Planned[] = [];
  let unchanged = 0;
  let skipped = 0;
  if (problems.length > 0) return { problems, planned, unchanged, skipped };

  const byCode = new Map(indicators.listByPlan(plan.id).map((i) => [i.code, i]));
  // SPEED (#13): the states of the years the file names only (an import of 5 years of a 15-year plan reads a third)
  const fileYears = new Set<number>();
  for (const r of sheet.rows) {
    const year = parseYear(r.cells.year ?? '');
    if (year !== null) fileYears.add(year);
  }
  const states = exchange.yearStates(plan.id, [...fileYears]);
  const locked = exchange.lockedYears(plan.id);
  const firstRowOf = new Map<string, number>();
  for (const r of sheet.rows) {
    const text = (k: ColumnKey) => r.cells[k] ?? '';
    const before = problems.length;
    const add = (k: ColumnKey, code: ImportProblemCode, reason: string) =>
      problems.push({
        code,
        row: r.row,
        column: r.headers?.[k] ?? sheet.headers[k] ?? headerOfKey(k),
        value: cut(text(k)),
        reason,
      });

    const valueRaw = text('value').trim();
    if (valueRaw === '') {
      skipped += 1;
      continue;
    }
    const code = text('code').trim();
    const indicator = byCode.get(code);
    if (!indicator) {
      if (code === '') add('code', 'code_required', 'the indicator code is required (缺少指标代码)');
      else add('code', 'unknown_indicator', `no indicator ${code} in plan ${plan.id} (未知指标代码)`);
    }
    const year = parseYear(text('year'));
    if (year === null) add('year', 'bad_year', 'not a year such as 2023 (年份格式不正确)');
    if (!indicator || year === null) continue;
    // Values of the plan's period only (from the indicator's baseline year): a 2026 row is not for a 2021–2025 plan.
    const span = { min: Math.min(indicator.baselineYear, plan.baselineYear), max: plan.targetYear };
    if (year < span.min || year > span.max) {
      add(
        'year',
        'year_outside_plan',
        `${year} lies outside the plan period ${span.min}–${span.max} (${year}年不在规划期${span.min}–${span.max}年内)`,
      );
      continue;
    }
    const first = firstRowOf.get(`${code}:${year}`);
    if (first !== undefined) {
      add('year', 'duplicate_row', `${code} ${year} is already in row ${first} (与第${first}行重复)`);
      continue;
    }
    firstRowOf.set(`${code}:${year}`, r.row);

    const dataStatus = parseDataStatus(text('dataStatus'));
    const source = text('source').trim();
    // A file without the note column leaves notes as they are; a blank note cell clears it.
    const noteGiven = r.cells.note !== undefined;
    const note = r.cells.note === undefined || r.cells.note.trim() === '' ? null : r.cells.note;
    // Likewise the qualifier and the growth rate: compared only when the file has their columns.
    const qualifierGiven = r.cells.qualifier !== undefined;
    const qualifier = parseValueQualifier(text('qualifier'));
    const growthGiven = r.cells.growthRate !== undefined;
    const growth = checkGrowthRate(text('growthRate'));
    const growthRateText = 'growthRateText' in growth ? growth.growthRateText : null;
    const valueText = normaliseDecimalInput(valueRaw);
    const { counted, latest } = stateOf(states, indicator.id, year);
    // Equal to the counted value, or to the entry already awaiting review: sending a file twice changes nothing.
    const same = (rev: StoredRevision | undefined) =>
      rev !== undefined &&
      rev.valueText === valueText &&
      rev.dataStatus === dataStatus &&
      rev.source === source &&
      (!noteGiven || (rev.note ?? null) === note) &&
      (!qualifierGiven || rev.qualifier === qualifier) &&
      (!growthGiven || rev.growthRateText === growthRateText);
    if (same(counted) || (latest?.reviewState === 'pending' && same(latest))) {
      unchanged += 1;
      continue;
    }

    if (dataStatus === null) {
      if (text('dataStatus').trim() === '')
        add('dataStatus', 'status_required', 'the data status is required (缺少数据状态)');
      else
        add(
          'dataStatus',
          'bad_status',
          'expected preliminary, final, revised or estimate (应为 初步核算、最终核实、修订 或 预计数)',
        );
    }
    if (qualifier === undefined)
      add('qualifier', 'bad_qualifier', 'expected at_least, about, approx or at_most (应为 以上、左右、约 或 以内)');
    if ('error' in growth) add('growthRate', 'bad_growth_rate', growth.error.message);
    const base = r.cells.revision === undefined ? undefined : parseRevision(r.cells.revision);
    if (base === 'bad') add('revision', 'bad_revision', 'not a revision id (修订号应为整数)');
    // The entry form's own schema checks source and note; value and year go through checkWrite below.
    const parsed = ObservationWriteSchema.safeParse({
      value: valueRaw,
      dataStatus,
      source,
      note,
      baseRevision: typeof base === 'number' ? base : null,
    });
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'source') add(field, source === '' ? 'source_required' : 'text_too_long', issue.message);
      if (field === 'note') add(field, 'text_too_long', issue.message);
      if (field === 'baseRevision') add('revision', 'bad_revision', issue.message);
    }
    const checked = checkWrite(plan, indicator, year, valueRaw);
    if ('errors' in checked) {
      for (const e of checked.errors) {
        if (e.field === 'params.year') add('year', 'year_outside_plan', e.message);
        else add('value', valueText === null ? 'bad_value' : 'value_out_of_range', e.message);
      }
    }
    const denied = entryDenial(p, indicator);
    if (denied !== null) {
      const why = ENTRY_DENIAL_TEXT[denied];
      add('code', denied, `you may not enter values for ${indicator.code}: ${why.en} (${why.zh})`);
    }
    if (locked.has(year)) add('year', 'year_locked', `${year} is locked for plan ${plan.id} (该年度已锁定)`);
    if (base !== undefined && base !== 'bad' && base !== (latest?.id ?? null)) {
      add(
        'revision',
        'stale_revision',
        `changed since the file was exported: the newest revision is ${latest ? `${latest.id} (${latest.reviewState})` : 'none'}, the file has ${base ?? 'none'}; export again (数据已被修改，请重新导出)`,
      );
    }
    if (
      problems.length > before ||
      'errors' in checked ||
      dataStatus === null ||
      qualifier === undefined ||
      'error' in growth
    )
      continue;

    planned.push({
      row: r.row,
      code,
      year,
      valueText: checked.valueText,
      dataStatus,
      source,
      note,
      qualifier,
      growthRateText,
      baseRevisionId: latest?.id ?? null,
      indicatorId: indicator.id,
      revisionNo: (latest?.revisionNo ?? 0) + 1,
      base: latest,
    });
  }
  return { problems, planned, unchanged, skipped };
}

const publicChange = (
  { indicatorId: _i, revisionNo: _n, base: _b, ...change }: Planned,
  revisionId: number | null,
): ImportChange => ({ ...change, revisionId });

/**
 * Imports a read file for the actor. A dry run answers what would be created (or the problems, with ok: false)
 * and writes nothing. Otherwise any problem rejects the whole file with 422 `import_rejected` and its report; a
 * clean file appends its pending revisions, the import record and the audit entries in one immediate transaction.
 */
export function runImport(
  deps: ImportDeps,
  actor: Actor,
  plan: PlanRow,
  sheet: ReadSheet,
  meta: ImportMeta,
): ImportReport {
  const { db, exchange, audit } = deps;
  const { dryRun } = meta;
  const p = actor;
  return db.transaction(
    () => {
      const { problems, planned, unchanged, skipped } = evaluate(deps, p, plan, sheet);
      const report = (importId: number | null, changes: ImportChange[]): ImportReport => ({
        dryRun,
        ok: problems.length === 0,
        importId,
        format: sheet.format,
        rows: problems.slice(0, MAX_LISTED_PROBLEMS),
        problemCount: problems.length,
        created: problems.length === 0 ? changes.length : 0,
        unchanged,
        skipped,
        changes: problems.length === 0 ? changes : [],
      });
      if (problems.length > 0 && !dryRun) {
        throw problem(
          'import_rejected',
          `${problems.length} problem(s) in the file; nothing was imported.`,
          undefined,
          {
            report: report(null, []),
          },
        );
      }
      if (dryRun || planned.length === 0)
        return report(
          null,
          planned.map((c) => publicChange(c, null)),
        );

      const importId = exchange.recordImport({
        userId: p.id,
        filename: meta.filename,
        format: sheet.format,
        rowCount: sheet.rows.length,
      });
      const baseOf = new Map(planned.map((c) => [c.row, c.base]));
      const created = planned.map((c) =>
        publicChange(
          c,
          exchange.insertRevision({
            indicatorId: c.indicatorId,
            year: c.year,
            revisionNo: c.revisionNo,
            valueText: c.valueText,
            dataStatus: c.dataStatus,
            source: c.source,
            note: c.note,
            baseRevisionId: c.baseRevisionId,
            enteredBy: p.id,
            importId,
            qualifier: c.qualifier,
            growthRateText: c.growthRateText,
          }),
        ),
      );
      audit.append(actor, {
        action: 'import.commit',
        entityType: 'import',
        entityId: importId,
        planId: plan.id,
        after: { importId, rows: sheet.rows.length, created: created.length },
        importId,
      });
      // SEC (#10, L4): every value of the import has its own entry, before and after, grouped by the import id
      for (const change of created) {
        const base = change.baseRevisionId === null ? undefined : baseOf.get(change.row);
        audit.append(actor, {
          action: 'observation.write',
          entityType: 'revision',
          entityId: change.revisionId,
          planId: plan.id,
          indicatorCode: change.code,
          before: base
            ? {
                id: base.id,
                year: base.year,
                valueText: base.valueText,
                dataStatus: base.dataStatus,
                source: base.source,
                note: base.note,
                reviewState: base.reviewState,
              }
            : null,
          after: {
            id: change.revisionId,
            year: change.year,
            valueText: change.valueText,
            dataStatus: change.dataStatus,
            source: change.source,
            note: change.note,
            reviewState: 'pending',
            row: change.row,
          },
          importId,
        });
      }
      return report(importId, created);
    },
    { behavior: dryRun ? 'deferred' : 'immediate' },
  );
}
