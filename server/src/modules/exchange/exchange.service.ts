import {
  DATA_STATUS_ZH,
  ENTRY_DENIAL_TEXT,
  normaliseDecimalInput,
  ObservationWriteSchema,
  parseDataStatus,
  parseValueQualifier,
  publishedValueText,
  VALUE_QUALIFIER_LABELS,
  type ImportChange,
  type ImportProblem,
  type ImportProblemCode,
  type ImportReport,
  type ReviewState,
  unitsOfIndicator,
} from '@gz/shared';
import type { Actor } from '../../plugins/auth.ts';
import type { Db } from '../../db/client.ts';
import { invalidField, problem } from '../../lib/problem.ts';
import type { Principal } from '../../plugins/auth.ts';
import { defined } from '../../lib/invariant.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import {
  contributingUnitsOf,
  type IndicatorRow,
  type IndicatorsRepository,
} from '../indicators/indicators.repository.ts';
import type { ObservationsRepository, StoredRevision } from '../observations/observations.repository.ts';
import { checkGrowthRate, checkWrite, entryDenial } from '../observations/observations.service.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import type { ExchangeRepository, YearState, YearStates } from './exchange.repository.ts';
import { writeWideTemplate, type WideRow, type WideYear } from './wide-template.ts';
import { createUploadParser, offThreadFrom } from './upload-parser.ts';
import {
  headerOfKey,
  readUpload,
  writeCsv,
  writeXlsx,
  type ColumnKey,
  type ExchangeRow,
  type ReadSheet,
} from './workbook.ts';

const REVIEW_STATE_ZH: Readonly<Record<ReviewState, string>> = {
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
};

/** A revision as the workbook shows it: the value as published, its status and review state in Chinese. */
function revisionText(rev: StoredRevision): string {
  const shown = publishedValueText(rev.valueText, rev.qualifier);
  const growth = rev.growthRateText === null ? '' : `，可比价增长${rev.growthRateText}%`;
  const reason = rev.reviewState === 'returned' && rev.reviewNote ? `；退回原因：${rev.reviewNote}` : '';
  return `${REVIEW_STATE_ZH[rev.reviewState]}：${shown}（${DATA_STATUS_ZH[rev.dataStatus]}${growth}，修订号${rev.id}）${reason}`;
}

/** Whether a revision stands apart from the value that counts: the newest one, not approved. */
const apart = (latest: StoredRevision | undefined) =>
  latest !== undefined && latest.reviewState !== 'approved' ? latest : undefined;

/** An uploaded file: its bytes, the format its content type or name declared, and its name when sent as a form. */
export interface Upload {
  buffer: Buffer;
  declared: 'xlsx' | 'csv';
  filename: string | null;
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
const stateOf = (states: YearStates, indicatorId: number, year: number): YearState =>
  states.get(indicatorId)?.get(year) ?? { counted: undefined, latest: undefined };

/** Whether an indicator concerns a unit: its lead unit or one of its contributing units. */
const ofUnit = (indicator: Pick<IndicatorRow, 'leadUnit' | 'contributingUnits'>, unit: string) =>
  unitsOfIndicator({ leadUnit: indicator.leadUnit, contributingUnits: contributingUnitsOf(indicator) }).includes(unit);

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

/**
 * The spreadsheet round trip of yearly values: an export of every indicator × year with its
 * counted value, and an import that is all or nothing. An import checks every row with the rules
 * of manual entry (checkWrite, mayEdit, year locks, the base revision) and, only when no row has a
 * problem, appends one pending revision per changed row in one transaction with one audit entry.
 */
export function createExchangeService(deps: {
  db: Db;
  indicators: IndicatorsRepository;
  observations: ObservationsRepository;
  exchange: ExchangeRepository;
  audit: AuditRepository;
  /** reads an upload; default: in a worker thread (see upload-parser.ts) */
  readUpload?: (buffer: Buffer, declared: 'xlsx' | 'csv') => Promise<ReadSheet>;
}) {
  const { db, indicators, observations, exchange, audit } = deps;
  // SPEED (#13): parsing a workbook takes a second of CPU for 10,000 rows: off the main thread, so reads go on
  // (a file small enough to read in a few milliseconds is read here: a thread would cost more than it saves)
  const parser = deps.readUpload === undefined ? createUploadParser() : null;
  const read =
    deps.readUpload ??
    ((buffer: Buffer, declared: 'xlsx' | 'csv') =>
      buffer.length < offThreadFrom(buffer)
        ? readUpload(buffer, declared)
        : defined(parser, 'the upload parser').read(buffer, declared));

  /**
   * One row per indicator and year, from the indicator's baseline year to the plan's target year:
   * the counted (approved) value with its data status, source and note; then the review state and id
   * of the year's newest revision. That id comes back as the base of an edit, as the entry form sends
   * it: any revision entered after the export makes the edited row a conflict, while a returned or an
   * own pending revision does not block the year for good. Years without a value suggest the usual source.
   */
  function exportRows(plan: PlanRow): ExchangeRow[] {
    const rows: ExchangeRow[] = [];
    const states = exchange.yearStates(plan.id);
    for (const ind of indicators.listByPlan(plan.id)) {
      for (let year = ind.baselineYear; year <= plan.targetYear; year++) {
        const { counted, latest } = stateOf(states, ind.id, year);
        const other = apart(latest);
        rows.push({
          code: ind.code,
          category: ind.categoryName,
          indicator: ind.name,
          unit: ind.unit,
          year,
          value: counted?.valueText ?? null,
          qualifier: counted?.qualifier ? VALUE_QUALIFIER_LABELS[counted.qualifier].zh : null,
          growthRate: counted?.growthRateText ?? null,
          dataStatus: counted ? DATA_STATUS_ZH[counted.dataStatus] : null,
          source: counted?.source ?? ind.dataSource,
          note: counted?.note ?? null,
          counted: counted ? `计入：已通过（修订号${counted.id}）` : '无计入值',
          pending: other ? revisionText(other) : null,
          revision: latest?.id ?? null,
        });
      }
    }
    return rows;
  }

  /**
   * The wide template's rows: for each indicator, each year asked, the value that counts (as published, with
   * its status), the pending or returned revision apart from it, the entry columns prefilled with the
   * counted value (never a source from another value) and the newest revision's id.
   */
  function wideRows(plan: PlanRow, list: readonly IndicatorRow[], years: readonly number[]): WideRow[] {
    const states = exchange.yearStates(plan.id);
    return list.map((ind) => {
      const byYear = new Map<number, WideYear>();
      for (const year of years) {
        const { counted, latest } = stateOf(states, ind.id, year);
        const other = apart(latest);
        byYear.set(year, {
          counted: counted
            ? `${publishedValueText(counted.valueText, counted.qualifier)}（${DATA_STATUS_ZH[counted.dataStatus]}）`
            : null,
          pending: other ? revisionText(other) : null,
          value: counted?.valueText ?? null,
          qualifier: counted?.qualifier ? VALUE_QUALIFIER_LABELS[counted.qualifier].zh : null,
          dataStatus: counted ? DATA_STATUS_ZH[counted.dataStatus] : null,
          growthRate: counted?.growthRateText ?? null,
          source: counted?.source ?? null,
          note: counted?.note ?? null,
          revision: latest?.id ?? null,
        });
      }
      return { code: ind.code, indicator: ind.name, unit: ind.unit, years: byYear };
    });
  }

  /** Checks every row of a read file; problems, or the revisions to append. Reads only. */
  function evaluate(p: Actor, plan: PlanRow, sheet: ReadSheet) {
    const problems: ImportProblem[] = [...sheet.problems];
    const planned: Planned[] = [];
    let unchanged = 0;
    let skipped = 0;
    if (problems.length > 0) return { problems, planned, unchanged, skipped };

    const byCode = new Map(indicators.listByPlan(plan.id).map((i) => [i.code, i]));
    const states = exchange.yearStates(plan.id);
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

  return {
    /** Ends the upload parser's worker thread (the app closes). */
    close: () => parser?.close(),
    /** The export as an xlsx workbook (also the template to fill in). */
    exportXlsx: (plan: PlanRow) => writeXlsx(exportRows(plan)),
    /** The export as UTF-8 CSV with a byte-order mark. */
    exportCsv: (plan: PlanRow) => writeCsv(exportRows(plan)),

    /**
     * The wide template of one unit (分单位填报表): the indicators of `unit` (default: those the principal may
     * enter; all for an admin) × the years asked (default: the plan's years after its baseline). A year outside
     * the plan's period is a 400 naming `query.years`.
     */
    async wideTemplate(
      p: Principal,
      plan: PlanRow,
      opts: { unit?: string | undefined; years?: readonly number[] | undefined },
    ) {
      const period = { from: plan.baselineYear, to: plan.targetYear };
      const asked =
        opts.years ?? Array.from({ length: plan.targetYear - plan.baselineYear }, (_, i) => plan.baselineYear + 1 + i);
      const years = [...new Set(asked)].sort((a, b) => a - b);
      const outside = years.filter((y) => y < period.from || y > period.to);
      if (outside.length > 0) {
        const zh = `${outside.join('、')}年不在规划期${period.from}–${period.to}年内`;
        throw invalidField(
          'query.years',
          `${outside.join(', ')} outside the plan period ${period.from}–${period.to} (${zh})`,
        );
      }
      const all = indicators.listByPlan(plan.id);
      const names = exchange.unitNames();
      const unit = opts.unit;
      if (unit !== undefined && !names.has(unit)) throw invalidField('query.unit', `no unit ${unit} (未知单位代码)`);
      const list =
        unit !== undefined ? all.filter((i) => ofUnit(i, unit)) : all.filter((i) => entryDenial(p, i) === null);
      const nameOf = (code: string) => names.get(code) ?? code;
      const unitLabel =
        unit !== undefined ? nameOf(unit) : p.role === 'admin' ? '全部单位' : p.units.map(nameOf).join('、') || '—';
      const buffer = await writeWideTemplate(
        { planTitle: plan.title, planPeriod: period, unitLabel, years },
        wideRows(plan, list, years),
      );
      return { buffer, indicatorCount: list.length };
    },

    /**
     * Imports a file for the request's principal. A dry run answers what would be created (or the
     * problems, with ok: false) and writes nothing. Otherwise any problem rejects the whole file with
     * 422 `import_rejected` and its report; a clean file appends its pending revisions, the import
     * record and one audit entry in one immediate transaction, re-checked inside it.
     */
    async importFile(actor: Actor, plan: PlanRow, upload: Upload, dryRun: boolean): Promise<ImportReport> {
      const p = actor;
      const sheet = await read(upload.buffer, upload.declared);
      return db.transaction(
        () => {
          const { problems, planned, unchanged, skipped } = evaluate(p, plan, sheet);
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
            filename: upload.filename,
            format: sheet.format,
            rowCount: sheet.rows.length,
          });
          const baseOf = new Map(planned.map((c) => [c.row, c.base]));
          const created = planned.map((c) =>
            publicChange(
              c,
              observations.insert({
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
              }).id,
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
    },
  };
}
export type ExchangeService = ReturnType<typeof createExchangeService>;
