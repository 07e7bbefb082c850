import { DATA_STATUS_ZH, publishedValueText, VALUE_QUALIFIER_LABELS, unitsOfIndicator } from '@gz/shared';
import type { Actor } from '../../plugins/auth.ts';
import type { Db } from '../../db/client.ts';
import { invalidField } from '../../lib/problem.ts';
import type { Principal } from '../../plugins/auth.ts';
import { defined } from '../../lib/invariant.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import {
  contributingUnitsOf,
  type IndicatorRow,
  type IndicatorsRepository,
} from '../indicators/indicators.repository.ts';
import { entryDenial } from '../observations/observations.service.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import type { ExchangeRepository } from './exchange.repository.ts';
import { runImport, stateOf } from './import-run.ts';
import { writeWideTemplate, type WideRow, type WideYear } from './wide-template.ts';
import { apart, exportRows, revisionText } from './export-rows.ts';
import { createUploadParser, offThreadFrom } from './upload-parser.ts';
import { readUpload, writeCsv, writeXlsx, type ReadSheet } from './workbook.ts';

/** An uploaded file: its bytes, the format its content type or name declared, and its name when sent as a form. */
export interface Upload {
  buffer: Buffer;
  declared: 'xlsx' | 'csv';
  filename: string | null;
}

/** Whether an indicator concerns a unit: its lead unit or one of its contributing units. */
const ofUnit = (indicator: Pick<IndicatorRow, 'leadUnit' | 'contributingUnits'>, unit: string) =>
  unitsOfIndicator({ leadUnit: indicator.leadUnit, contributingUnits: contributingUnitsOf(indicator) }).includes(unit);

/**
 * The spreadsheet round trip of yearly values: an export of every indicator × year with its
 * counted value, and an import that is all or nothing. An import checks every row with the rules
 * of manual entry (checkWrite, mayEdit, year locks, the base revision) and, only when no row has a
 * problem, appends one pending revision per changed row in one transaction with one audit entry.
 */
export function createExchangeService(deps: {
  db: Db;
  indicators: IndicatorsRepository;
  exchange: ExchangeRepository;
  audit: AuditRepository;
  /** reads an upload; default: in a worker thread (see upload-parser.ts) */
  readUpload?: (buffer: Buffer, declared: 'xlsx' | 'csv') => Promise<ReadSheet>;
}) {
  const { db, indicators, exchange, audit } = deps;
  // SPEED (#13): parsing a workbook takes a second of CPU for 10,000 rows: off the main thread, so reads go on
  // (a file small enough to read in a few milliseconds is read here: a thread would cost more than it saves).
  // Over a database file the worker also checks and writes a large import on its own connection (WAL: readers
  // here answer from the last committed snapshot meanwhile); it starts with the server, its modules loaded.
  const dbFile = db.$client.memory ? null : db.$client.name;
  const parser = deps.readUpload === undefined ? createUploadParser(dbFile === null ? {} : { warmFor: dbFile }) : null;
  const importDeps = { db, indicators, exchange, audit };
  const read =
    deps.readUpload ??
    ((buffer: Buffer, declared: 'xlsx' | 'csv') =>
      buffer.length < offThreadFrom(buffer)
        ? readUpload(buffer, declared)
        : defined(parser, 'the upload parser').read(buffer, declared));

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

  return {
    /** Ends the upload parser's worker thread (the app closes). */
    close: () => parser?.close(),
    /**
     * The export as an xlsx workbook (also the template to fill in). Over a database file its rows are read and the
     * workbook written in the worker (SPEED, #13: 2,000 indicators × 16 years take the thread over 5 s).
     */
    exportXlsx: (plan: PlanRow) =>
      parser !== null && dbFile !== null
        ? parser.exportXlsx({ dbPath: dbFile, plan })
        : writeXlsx(exportRows({ indicators, exchange }, plan)),
    /** The export as UTF-8 CSV with a byte-order mark. */
    exportCsv: (plan: PlanRow) => writeCsv(exportRows({ indicators, exchange }, plan)),

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
     * record and the audit entries in one immediate transaction, re-checked inside it (import-run.ts): for a
     * large file over a database file, in the upload worker on its own connection. The report comes as JSON
     * text (an ImportReport, ImportReportSchema): from the worker it crosses threads as one string (SPEED, #13).
     */
    async importFile(actor: Actor, plan: PlanRow, upload: Upload, dryRun: boolean): Promise<string> {
      const meta = { filename: upload.filename, dryRun };
      const { buffer, declared } = upload;
      if (parser !== null && dbFile !== null && buffer.length >= offThreadFrom(buffer))
        return parser.importFile({ buffer, declared, dbPath: dbFile, actor, plan, meta });
      return JSON.stringify(runImport(importDeps, actor, plan, await read(buffer, declared), meta));
    },
  };
}
export type ExchangeService = ReturnType<typeof createExchangeService>;
