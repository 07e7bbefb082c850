import {
  DATA_STATUS_ZH,
  DATA_STATUSES,
  VALUE_QUALIFIER_LABELS,
  VALUE_QUALIFIERS,
  type ImportProblem,
} from '@gz/shared';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { newWorkbook, validateRange } from '../../lib/excel.ts';
import { problem } from '../../lib/problem.ts';
import { isWide, wideToSheet } from './wide-template.ts';
import { inspectZip, unreadable } from './zip-guard.ts';
import { defined } from '../../lib/invariant.ts';

/** Most data rows an import may hold (the plan's full table is a few hundred). */
export const MAX_DATA_ROWS = 50_000;
/** The header may sit below a title or a blank line or two, within the first rows. */
export const HEADER_SEARCH_ROWS = 10;
/**
 * Most cells a file may hold: 50,000 rows of the template's 11 columns, and a little more. exceljs
 * spends about 600 bytes of memory per cell, so this, not the byte size, is what bounds a read.
 */
const MAX_CELLS = 600_000;
/** Longest CSV record read: eleven columns of at most a few thousand characters each fit easily. */
const MAX_CSV_RECORD_CHARS = 100_000;
/**
 * Worksheet parts exceljs would expand cell by cell (merges, validations over whole columns) or
 * resolve through relationships; an import needs none of them, only the cells.
 */
const IGNORED_SHEET_NODES = [
  'mergeCells',
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'hyperlinks',
  'drawing',
  'picture',
  'tableParts',
  'autoFilter',
  'rowBreaks',
];

const SHEET_NAME = '指标数据';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ColumnDef {
  key: string;
  zh: string;
  en: string;
  width: number;
  /** an import is refused without this column */
  required: boolean;
  /** text: free text (guarded against formula injection in CSV); number: an integer cell; decimal: a number kept with its digits */
  kind: 'text' | 'number' | 'decimal';
}

/**
 * The columns of the exchange file, defined once: both writers print them in this order with the
 * bilingual header, and both readers find them by header (full, Chinese or English part), wherever
 * they stand. Category, indicator, unit and review state are for the reader only.
 */
export const COLUMNS = [
  { key: 'code', zh: '指标代码', en: 'code', width: 30, required: true, kind: 'text' },
  { key: 'category', zh: '类别', en: 'category', width: 16, required: false, kind: 'text' },
  { key: 'indicator', zh: '指标', en: 'indicator', width: 40, required: false, kind: 'text' },
  { key: 'unit', zh: '单位', en: 'unit', width: 10, required: false, kind: 'text' },
  { key: 'year', zh: '年份', en: 'year', width: 10, required: true, kind: 'number' },
  { key: 'value', zh: '数值', en: 'value', width: 14, required: true, kind: 'decimal' },
  { key: 'qualifier', zh: '限定词', en: 'qualifier', width: 10, required: false, kind: 'text' },
  { key: 'growthRate', zh: '可比价增速(%)', en: 'growthRate', width: 14, required: false, kind: 'decimal' },
  { key: 'dataStatus', zh: '数据状态', en: 'dataStatus', width: 18, required: true, kind: 'text' },
  { key: 'source', zh: '来源', en: 'source', width: 40, required: true, kind: 'text' },
  { key: 'note', zh: '备注', en: 'note', width: 30, required: false, kind: 'text' },
  { key: 'counted', zh: '计入说明', en: 'counted', width: 22, required: false, kind: 'text' },
  { key: 'pending', zh: '待审核或已退回', en: 'pending', width: 36, required: false, kind: 'text' },
  { key: 'revision', zh: '修订号', en: 'revision', width: 12, required: false, kind: 'number' },
] as const satisfies readonly ColumnDef[];
export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** The header a column is written with, e.g. `数值 value`. */
const headerOf = (c: ColumnDef) => `${c.zh} ${c.en}`;
const column = (key: ColumnKey): ColumnDef =>
  defined(
    COLUMNS.find((c) => c.key === key),
    `column ${key}`,
  );
/** The header of a column by key, as the export writes it. */
export const headerOfKey = (key: ColumnKey) => headerOf(column(key));

/** One row to write: text as strings, integers as numbers, blanks as null. */
export type ExchangeRow = Record<ColumnKey, string | number | null>;

/** One data row read back: the text of each column the file has (undefined: the file lacks the column). */
export interface ReadRow {
  /** 1-based spreadsheet row */
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
  /** the headers of this row's cells when they differ by row (a wide template: one set per year) */
  headers?: Partial<Record<ColumnKey, string>>;
}

/** A file read into rows, whichever its format. */
export interface ReadSheet {
  format: 'xlsx' | 'csv';
  /** each column found, with its header as written in the file */
  headers: Partial<Record<ColumnKey, string>>;
  rows: ReadRow[];
  /** problems of the header itself: no header row, or a required column missing */
  problems: ImportProblem[];
}

// ---------------------------------------------------------------- writing

/** The Chinese choices of the drop-downs (the reader also takes the codes). */
export const STATUS_CHOICES: readonly string[] = DATA_STATUSES.map((s) => DATA_STATUS_ZH[s]);
export const QUALIFIER_CHOICES: readonly string[] = VALUE_QUALIFIERS.map((q) => VALUE_QUALIFIER_LABELS[q].zh);

/** A drop-down (data validation list) of Chinese choices. */
export const choiceList = (title: string, choices: readonly string[]): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  formulae: [`"${choices.join(',')}"`],
  showErrorMessage: true,
  errorTitle: title,
  error: `请从下拉列表中选择：${choices.join(' / ')}`,
});

/**
 * A decimal text as a cell: a number cell whose format shows exactly the digits entered ('4523.630' →
 * 4523.63 shown as 0.000), read back to the same text; text when a double cannot hold it exactly.
 */
export function decimalCell(text: string | number | null): { value: string | number | null; numFmt?: string } {
  if (text === null || typeof text === 'number') return { value: text };
  const decimals = text.split('.')[1]?.length ?? 0;
  const n = Number(text);
  if (!Number.isFinite(n) || n.toFixed(decimals) !== text) return { value: text };
  return { value: n, numFmt: decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}` };
}

/** Sets a cell to a decimal text (see {@link decimalCell}). */
export function setDecimal(cell: ExcelJS.Cell, text: string | number | null) {
  const { value, numFmt } = decimalCell(text);
  cell.value = value;
  if (numFmt !== undefined) cell.numFmt = numFmt;
}

/**
 * Writes the rows as an xlsx workbook meant to be edited in Excel or WPS and sent back: frozen
 * bold header, sized columns, an autofilter, Chinese drop-downs for the data status and the
 * qualifier, and values as number cells formatted to the digits entered (see {@link decimalCell}).
 */
export async function writeXlsx(rows: readonly ExchangeRow[]): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '赣州示范区指标监测平台';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: headerOf(c), key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const indexOf = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;
  for (const row of rows) {
    const added = ws.addRow(COLUMNS.map((c) => (c.kind === 'decimal' ? null : row[c.key])));
    for (const c of COLUMNS) if (c.kind === 'decimal') setDecimal(added.getCell(indexOf(c.key)), row[c.key]);
  }
  if (rows.length > 0) {
    const dataRows = (key: ColumnKey) => {
      const letter = ws.getColumn(indexOf(key)).letter;
      return `${letter}2:${letter}${rows.length + 1}`;
    };
    validateRange(ws, dataRows('dataStatus'), choiceList('数据状态', STATUS_CHOICES));
    validateRange(ws, dataRows('qualifier'), choiceList('限定词', QUALIFIER_CHOICES));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Writes the rows as RFC 4180 CSV (CRLF, quoting where needed) in UTF-8 with a byte-order mark, so
 * that Excel opens the Chinese text correctly. Free text that a spreadsheet would run as a formula
 * (=, +, -, @ first) gets a leading apostrophe, which the reader removes again.
 */
export function writeCsv(rows: readonly ExchangeRow[]): Buffer {
  const cell = (c: ColumnDef, v: string | number | null) =>
    v === null ? '' : c.kind === 'text' ? guardFormula(String(v)) : String(v);
  const records = [COLUMNS.map(headerOf), ...rows.map((row) => COLUMNS.map((c) => cell(c, row[c.key])))];
  // SEC (#10, M2): a field with a line break, a quote or the separator is always quoted, so a note never breaks a row
  return Buffer.from(stringify(records, { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n",]/ }), 'utf8');
}

const FORMULA_START = /^[=+\-@\t\r]/;
const LINES = /(\r\n|\r|\n)/;
/**
 * A leading apostrophe on every line of a field that a spreadsheet would run as a formula — a line
 * break inside a quoted field starts a new line in some readers, so the first line alone is not enough.
 */
const guardFormula = (text: string) =>
  text
    .split(LINES)
    .map((part, i) => (i % 2 === 0 && FORMULA_START.test(part) ? `'${part}` : part))
    .join('');
export const unguardFormula = (text: string) =>
  text
    .split(LINES)
    .map((part, i) => (i % 2 === 0 && part.startsWith("'") && FORMULA_START.test(part.slice(1)) ? part.slice(1) : part))
    .join('');

// ---------------------------------------------------------------- reading

/** A row of either format before the columns are known. */
export interface GridRow {
  row: number;
  width: number;
  /** the text of a 0-based column */
  text(index: number): string;
}

const tooManyCells = () =>
  problem(
    'file_too_large',
    `An import holds at most ${MAX_CELLS} cells (${MAX_DATA_ROWS} rows of the template); split the file.`,
    [{ field: 'body', message: `more than ${MAX_CELLS} cells` }],
  );
export const tooManyRows = () =>
  problem('too_many_rows', `An import holds at most ${MAX_DATA_ROWS} rows; split the file.`, [
    { field: 'body', message: `more than ${MAX_DATA_ROWS} rows` },
  ]);

/**
 * Reads an uploaded file into rows by column. The bytes decide the format (a zip is an xlsx
 * workbook, whatever the content type said; anything else is CSV unless xlsx was declared), so a
 * CSV sent as xlsx or the reverse still gets a clear answer. Unreadable → 400, too large → 413.
 */
export async function readUpload(buffer: Buffer, declared: 'xlsx' | 'csv'): Promise<ReadSheet> {
  if (buffer.length === 0) throw unreadable('the file is empty');
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const { name, grid } = await xlsxGrid(buffer);
    return isWide(name, grid) ? wideToSheet('xlsx', grid) : toSheet('xlsx', grid);
  }
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw unreadable(
      'an old .xls workbook or a password-protected one; save it as .xlsx (Excel workbook) without a password',
    );
  }
  if (declared === 'xlsx') throw unreadable('not an xlsx workbook');
  const grid = csvGrid(buffer);
  return isWide('', grid) ? wideToSheet('csv', grid) : toSheet('csv', grid);
}

/** A number cell's text as its format shows it: 4523.63 formatted 0.000 reads '4523.630' (see {@link decimalCell}). */
function numberText(v: number, numFmt: string | undefined): string {
  const m = /^0(?:\.(0{1,10}))?$/.exec(numFmt ?? '');
  if (m === null) return String(v);
  const text = v.toFixed(m[1]?.length ?? 0);
  return Number(text) === v ? text : String(v);
}

/** The first worksheet's name and rows. */
async function xlsxGrid(buffer: Buffer): Promise<{ name: string; grid: GridRow[] }> {
  let cells = 0;
  let strings = 0;
  await inspectZip(buffer, (name, content) => {
    // the parts exceljs parses, matched as exceljs matches them
    const part = name.replace(/^\//, '');
    if (part === 'xl/workbook.xml') checkNamedRanges(content);
    else if (part === 'xl/sharedStrings.xml') strings += countElements(content, 'si');
    else if (/xl\/worksheets\/sheet\d+[.]xml/.test(part)) cells += countElements(content, 'c');
  });
  if (cells > MAX_CELLS || strings > MAX_CELLS) throw tooManyCells();
  const wb = await newWorkbook();
  // maxRows is honoured by exceljs (it stops parsing past it) but missing from its typings.
  const options: Partial<ExcelJS.XlsxReadOptions> & { maxRows: number } = {
    ignoreNodes: IGNORED_SHEET_NODES,
    maxRows: MAX_DATA_ROWS + HEADER_SEARCH_ROWS,
  };
  try {
    // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads.
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer, options);
  } catch (error) {
    if (error instanceof Error && /^Max row count/.test(error.message)) throw tooManyRows();
    throw unreadable('not a valid xlsx workbook');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable('the workbook has no worksheet');
  const grid: GridRow[] = [];
  ws.eachRow((row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based and sparse
    const text = (i: number) => {
      const v = values[i + 1];
      return typeof v === 'number' ? numberText(v, row.getCell(i + 1).numFmt) : cellText(v);
    };
    grid.push({ row: rowNumber, width: Math.max(0, values.length - 1), text });
  });
  return { name: ws.name, grid };
}

/** Counts the elements `<tag …>` in an XML part, without parsing it. */
function countElements(xml: Buffer, tag: string): number {
  const open = Buffer.from(`<${tag}`);
  let n = 0;
  for (let i = xml.indexOf(open); i >= 0; i = xml.indexOf(open, i + open.length)) {
    const next = xml[i + open.length];
    // '<c ' or '<c>' is a cell; '<col', '<cfRule' are not
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n += 1;
  }
  return n;
}

/** Refuses named ranges (print areas, filters) that exceljs would expand into an object per cell, beyond the cell limit. */
function checkNamedRanges(workbookXml: Buffer) {
  let cells = 0;
  for (const name of workbookXml.toString('utf8').matchAll(/<(?:\w+:)?definedName\b[^>]*>([^<]*)</g)) {
    for (const m of (name[1] ?? '').matchAll(/\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})/g)) {
      const [, fromColumn = '', fromRow, toColumn = '', toRow] = m;
      cells +=
        (Math.abs(columnNumber(toColumn) - columnNumber(fromColumn)) + 1) *
        (Math.abs(Number(toRow) - Number(fromRow)) + 1);
    }
  }
  if (cells > MAX_CELLS) {
    throw problem(
      'file_too_large',
      `The workbook's named ranges (print areas, filters) cover ${cells} cells; remove them and try again.`,
      [{ field: 'body', message: 'named ranges too large' }],
    );
  }
}
const columnNumber = (letters: string) =>
  [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * The text of a cell as a person sees it: strings as they are, numbers as their shortest
 * round-trip decimal, a formula as its computed result (its text when none was saved).
 */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v)
    return Array.isArray(v.richText) ? v.richText.map((part) => String(part.text ?? '')).join('') : '';
  if ('formula' in v || 'sharedFormula' in v)
    return v.result !== undefined && v.result !== null ? cellText(v.result) : `=${v.formula ?? ''}`;
  if ('error' in v) return String(v.error);
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
  return '';
}

function csvGrid(buffer: Buffer): GridRow[] {
  const text = decodeText(buffer);
  if (text.includes('\u0000')) throw unreadable('not a text (CSV) file');
  if (separators(text) > MAX_CELLS) throw tooManyCells();
  let records: string[][];
  try {
    // Blank lines stay records so that record n is spreadsheet row n, as Excel numbers them. A row of
    // the template is a few hundred characters: a megabyte-long one is garbage, refused before it costs.
    records = parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_CSV_RECORD_CHARS,
      to: MAX_DATA_ROWS + HEADER_SEARCH_ROWS + 1,
    });
  } catch (error) {
    if (error instanceof CsvError) throw unreadable(`not valid CSV (${error.message})`);
    throw error;
  }
  return records.map((cells, i) => ({ row: i + 1, width: cells.length, text: (c) => cells[c] ?? '' }));
}

/** Commas and line breaks: about the number of cells a CSV text splits into (quoted ones included). */
function separators(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x2c || ch === 0x0a) n += 1;
  }
  return n;
}

/**
 * UTF-8 (with or without a byte-order mark), else GB18030: what Excel and WPS write for "CSV" on a
 * Chinese Windows. A wrong guess only garbles text, which the header check then reports.
 */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

export const normaliseHeader = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const HEADER_NAMES = new Map<ColumnKey, string[]>(
  COLUMNS.map((c) => [c.key, [headerOf(c), c.zh, c.en].map(normaliseHeader)]),
);
const isHeaderOf = (key: ColumnKey, text: string) =>
  defined(HEADER_NAMES.get(key), `header ${key}`).includes(normaliseHeader(text));

/** Finds the header row and the columns in it, then reads every non-blank row below it by column. */
function toSheet(format: 'xlsx' | 'csv', grid: readonly GridRow[]): ReadSheet {
  const codeHeader = headerOfKey('code');
  const at = grid.findIndex(
    (r) =>
      r.row <= HEADER_SEARCH_ROWS &&
      Array.from({ length: r.width }, (_, i) => r.text(i)).some((t) => isHeaderOf('code', t)),
  );
  const header = grid[at];
  if (!header) {
    const expected = COLUMNS.filter((c) => c.required)
      .map(headerOf)
      .join(', ');
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
          reason: `no header row found in the first ${HEADER_SEARCH_ROWS} rows; expected the columns ${expected} (未找到表头)`,
        },
      ],
    };
  }

  const headerTexts = Array.from({ length: header.width }, (_, i) => header.text(i));
  const positions = new Map<ColumnKey, number>();
  const headers: Partial<Record<ColumnKey, string>> = {};
  for (const c of COLUMNS) {
    const index = headerTexts.findIndex((t) => isHeaderOf(c.key, t));
    if (index >= 0) {
      positions.set(c.key, index);
      headers[c.key] = defined(headerTexts[index], `header ${index}`).trim();
    }
  }
  const problems: ImportProblem[] = COLUMNS.filter((c) => c.required && !positions.has(c.key)).map((c) => ({
    code: 'missing_column' as const,
    row: header.row,
    column: headerOf(c),
    value: '',
    reason: `the column ${headerOf(c)} is missing (缺少该列)`,
  }));

  const rows: ReadRow[] = [];
  for (const r of grid.slice(at + 1)) {
    const cells: Partial<Record<ColumnKey, string>> = {};
    let blank = true;
    for (const [key, index] of positions) {
      const raw = r.text(index);
      cells[key] = column(key).kind === 'text' ? unguardFormula(raw) : raw;
      if (raw.trim() !== '') blank = false;
    }
    if (blank) continue;
    if (rows.length === MAX_DATA_ROWS) throw tooManyRows();
    rows.push({ row: r.row, cells });
  }
  return { format, headers, rows, problems };
}
