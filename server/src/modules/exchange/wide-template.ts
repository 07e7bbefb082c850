import ExcelJS from 'exceljs';
import {
  choiceList,
  HEADER_SEARCH_ROWS,
  headerOfKey,
  MAX_DATA_ROWS,
  normaliseHeader,
  QUALIFIER_CHOICES,
  setDecimal,
  STATUS_CHOICES,
  tooManyRows,
  unguardFormula,
  type ColumnKey,
  type GridRow,
  type ReadRow,
  type ReadSheet,
} from './workbook.ts';
import { validateRange } from '../../lib/excel.ts';

/*
 * The wide template (分单位填报表): one row per indicator of a unit, a block of columns per year asked,
 * as departments fill in figures. Code, name, unit, the value that counts, the pending or returned
 * revision and the revision id are protected; the entry columns are open, with Chinese drop-downs.
 * Only functions here use workbook.ts's exports (the two modules import each other).
 */

export const WIDE_SHEET_NAME = '填报表';
export const GUIDE_SHEET_NAME = '填报说明';

type YearField =
  | 'counted'
  | 'pending'
  | 'value'
  | 'qualifier'
  | 'dataStatus'
  | 'growthRate'
  | 'source'
  | 'note'
  | 'revision';

/** The columns of one year, in order: label (after "2025年"), open for entry or not, width. */
const YEAR_FIELDS: ReadonlyArray<{ key: YearField; label: string; editable: boolean; width: number }> = [
  { key: 'counted', label: '计入值', editable: false, width: 16 },
  { key: 'pending', label: '待审核或已退回', editable: false, width: 24 },
  { key: 'value', label: '填报值', editable: true, width: 12 },
  { key: 'qualifier', label: '限定词', editable: true, width: 8 },
  { key: 'dataStatus', label: '数据状态', editable: true, width: 11 },
  { key: 'growthRate', label: '可比价增速(%)', editable: true, width: 12 },
  { key: 'source', label: '来源', editable: true, width: 28 },
  { key: 'note', label: '备注', editable: true, width: 16 },
  { key: 'revision', label: '修订号', editable: false, width: 9 },
];
const FIXED: ReadonlyArray<{ key: 'code' | 'indicator' | 'unit'; width: number }> = [
  { key: 'code', width: 24 },
  { key: 'indicator', width: 34 },
  { key: 'unit', width: 10 },
];

/** The header of a year's column, e.g. `2025年填报值`. */
export const yearHeader = (year: number, field: YearField) =>
  `${year}年${YEAR_FIELDS.find((f) => f.key === field)?.label ?? field}`;

/** One year of one indicator in the template. */
export interface WideYear {
  /** the value that counts as published (10以上), with its status; null when none */
  counted: string | null;
  /** the newest revision when it is pending or returned, apart from the value that counts */
  pending: string | null;
  /** prefilled entry: the counted value and its details (the entry columns) */
  value: string | null;
  qualifier: string | null;
  dataStatus: string | null;
  growthRate: string | null;
  source: string | null;
  note: string | null;
  /** the newest revision's id: the base of an edit */
  revision: number | null;
}

/** One indicator row of the template. */
export interface WideRow {
  code: string;
  indicator: string;
  unit: string;
  years: ReadonlyMap<number, WideYear>;
}

/** What the template is for: title lines of the guide sheet. */
export interface WideTemplateInfo {
  planTitle: string;
  planPeriod: { from: number; to: number };
  unitLabel: string;
  years: readonly number[];
}

/** The column number of field k of the y-th year asked (after the fixed columns). */
const yearColumn = (y: number, k: number) => FIXED.length + y * YEAR_FIELDS.length + k + 1;

const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/**
 * Writes the wide template: sheet 填报表 (frozen header and indicator columns, numbers as numbers with the
 * digits entered, Chinese drop-downs for 数据状态 and 限定词, every column but the entry ones protected)
 * and sheet 填报说明. The protection has no password: it guards against slips, not people.
 */
export async function writeWideTemplate(info: WideTemplateInfo, rows: readonly WideRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '赣州示范区指标监测平台';
  const ws = wb.addWorksheet(WIDE_SHEET_NAME, { views: [{ state: 'frozen', xSplit: FIXED.length, ySplit: 1 }] });
  const columns: Array<{ header: string; width: number }> = [
    ...FIXED.map((c) => ({ header: headerOfKey(c.key), width: c.width })),
    ...info.years.flatMap((year) => YEAR_FIELDS.map((f) => ({ header: yearHeader(year, f.key), width: f.width }))),
  ];
  ws.columns = columns;
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };

  rows.forEach((row, i) => {
    const r = ws.getRow(i + 2);
    r.getCell(1).value = row.code;
    r.getCell(2).value = row.indicator;
    r.getCell(3).value = row.unit;
    for (let c = 1; c <= FIXED.length; c++) r.getCell(c).fill = LOCKED_FILL;
    info.years.forEach((year, y) => {
      const data = row.years.get(year);
      YEAR_FIELDS.forEach((f, k) => {
        const cell = r.getCell(yearColumn(y, k));
        const v = data?.[f.key] ?? null;
        if (f.key === 'value' || f.key === 'growthRate') setDecimal(cell, v);
        else cell.value = v;
        if (f.editable) cell.protection = { locked: false };
        else cell.fill = LOCKED_FILL;
      });
    });
  });
  // the drop-downs, one rule per column over the indicator rows
  const dropDowns: Partial<Record<YearField, ExcelJS.DataValidation>> = {
    dataStatus: choiceList('数据状态', STATUS_CHOICES),
    qualifier: choiceList('限定词', QUALIFIER_CHOICES),
  };
  info.years.forEach((_, y) => {
    YEAR_FIELDS.forEach((f, k) => {
      const rule = dropDowns[f.key];
      if (rule === undefined || rows.length === 0) return;
      const letter = ws.getColumn(yearColumn(y, k)).letter;
      validateRange(ws, `${letter}2:${letter}${rows.length + 1}`, rule);
    });
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  const guide = wb.addWorksheet(GUIDE_SHEET_NAME);
  guide.getColumn(1).width = 110;
  const lines = [
    `${info.planTitle}（${info.planPeriod.from}–${info.planPeriod.to}年）数据填报表`,
    `填报单位：${info.unitLabel}；填报年度：${info.years.map((y) => `${y}年`).join('、')}`,
    '',
    '1. 灰色列为只读：指标代码、指标、单位、计入值（已审核通过、计入评估的数值）、待审核或已退回（尚未计入的修订）、修订号。请勿修改。',
    '2. 在“填报值”列填写数字（不带单位、不带“以上”“左右”等字样）；已有计入值的年度预填了计入值，不修改则不产生新的修订。',
    '3. “限定词”按公开发布的表述从下拉列表选择：以上、左右、约、以内；没有则留空。',
    '4. “数据状态”从下拉列表选择：初步核算、最终核实、修订、预计数。',
    '5. “可比价增速(%)”填写与数值一同公布的按可比价计算的增速，如 5.3；没有则留空。年度增长目标按此增速评价。',
    '6. “来源”必填，写明文件或公报名称；“备注”可选。',
    '7. “修订号”用于发现导出后他人所作的修改，请原样保留；如提示“数据已被修改”，请重新下载本表。',
    `8. 只接受规划期内（${info.planPeriod.from}–${info.planPeriod.to}年）的年度；整份文件任何一处有问题，全部不导入，并逐行列出问题。`,
    '9. 导入后生成待审核修订，审核通过后计入。',
  ];
  lines.forEach((text, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const YEAR_VALUE_HEADER = /^(\d{4})年填报值$/;

/** Whether a read sheet is the wide template: its sheet name, or a `2025年填报值` header near the top. */
export function isWide(sheetName: string, grid: readonly GridRow[]): boolean {
  if (sheetName === WIDE_SHEET_NAME) return true;
  return grid.some(
    (r) =>
      r.row <= HEADER_SEARCH_ROWS &&
      Array.from({ length: r.width }, (_, i) => r.text(i).trim()).some((t) => YEAR_VALUE_HEADER.test(t)),
  );
}

/** The import keys of the entry columns of one year (counted and pending are for the reader only). */
const READ_FIELDS: ReadonlyArray<[YearField, ColumnKey]> = [
  ['value', 'value'],
  ['qualifier', 'qualifier'],
  ['dataStatus', 'dataStatus'],
  ['growthRate', 'growthRate'],
  ['source', 'source'],
  ['note', 'note'],
  ['revision', 'revision'],
];

/**
 * Reads a wide template into the rows of the long form: one per indicator and year, each with the headers
 * of its own year, so that problems name the cell as the file has it (e.g. `2026年填报值`).
 */
export function wideToSheet(format: 'xlsx' | 'csv', grid: readonly GridRow[]): ReadSheet {
  const codeHeaders = [headerOfKey('code'), '指标代码', 'code'].map(normaliseHeader);
  const at = grid.findIndex(
    (r) =>
      r.row <= HEADER_SEARCH_ROWS &&
      Array.from({ length: r.width }, (_, i) => r.text(i)).some((t) => codeHeaders.includes(normaliseHeader(t))),
  );
  const header = grid[at];
  const codeHeader = headerOfKey('code');
  if (header === undefined) {
    return {
      format,
      headers: {},
      rows: [],
      problems: [
        {
          code: 'no_header',
          row: 1,
          column: codeHeader,
          value: '',
          reason: 'no header row with 指标代码 found (未找到表头)',
        },
      ],
    };
  }
  const texts = Array.from({ length: header.width }, (_, i) => header.text(i).trim());
  const codeIndex = texts.findIndex((t) => codeHeaders.includes(normaliseHeader(t)));
  const years = [
    ...new Set(
      texts
        .map((t) => YEAR_VALUE_HEADER.exec(t)?.[1])
        .filter((y) => y !== undefined)
        .map(Number),
    ),
  ];
  const positions = years.map((year) => ({
    year,
    fields: READ_FIELDS.map(([field, key]) => ({
      key,
      header: yearHeader(year, field),
      index: texts.indexOf(yearHeader(year, field)),
    })).filter((f) => f.index >= 0),
  }));

  const rows: ReadRow[] = [];
  for (const r of grid.slice(at + 1)) {
    const code = unguardFormula(r.text(codeIndex)).trim();
    for (const { year, fields } of positions) {
      const cells: Partial<Record<ColumnKey, string>> = { code, year: String(year) };
      const headers: Partial<Record<ColumnKey, string>> = { code: texts[codeIndex], year: yearHeader(year, 'value') };
      let blank = true;
      for (const f of fields) {
        const raw = r.text(f.index);
        cells[f.key] = f.key === 'value' || f.key === 'growthRate' || f.key === 'revision' ? raw : unguardFormula(raw);
        headers[f.key] = f.header;
        if (raw.trim() !== '' && f.key !== 'revision') blank = false;
      }
      if (blank) continue;
      if (rows.length === MAX_DATA_ROWS) throw tooManyRows();
      rows.push({ row: r.row, cells, headers });
    }
  }
  return { format, headers: { code: texts[codeIndex] }, rows, problems: [] };
}
