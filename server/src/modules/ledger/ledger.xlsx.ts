import { TASK_STATUS_ZH, type Task } from '@gz/shared';
import ExcelJS from 'exceljs';
import { problem } from '../../lib/problem.ts';
import { inspectZip } from '../exchange/zip-guard.ts';

export const LEDGER_SHEET = '任务台账';
const MAX_ROWS = 5000;

/** The columns of the ledger workbook (台账), defined once for export and import. */
export const LEDGER_COLUMNS = [
  { key: 'id', header: '任务编号 id', width: 10 },
  { key: 'section', header: '章节 section', width: 18 },
  { key: 'measure', header: '举措代码 measure', width: 14 },
  { key: 'measureTitle', header: '举措 measure title', width: 28 },
  { key: 'project', header: '重点项目代码 project', width: 14 },
  { key: 'title', header: '工作任务 task', width: 40 },
  { key: 'leadUnit', header: '牵头单位 lead unit', width: 18 },
  { key: 'contributingUnits', header: '配合单位 contributing units', width: 24 },
  { key: 'startDate', header: '开始日期 start', width: 12 },
  { key: 'dueDate', header: '完成时限 due', width: 12 },
  { key: 'milestones', header: '里程碑 milestones', width: 36 },
  { key: 'indicators', header: '关联指标 indicators', width: 18 },
  { key: 'status', header: '状态 status', width: 12 },
  { key: 'latest', header: '最新进展 latest report', width: 40 },
] as const;
export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];
export type LedgerRow = Record<LedgerColumnKey, string>;

/** Milestones in one cell: one per line, `YYYY-MM-DD title`. */
export const formatMilestones = (ms: Task['milestones']) => ms.map((m) => `${m.dueDate} ${m.title}`).join('\n');
/** Units or indicator codes in one cell, separated by 、. */
export const formatList = (xs: readonly string[]) => xs.join('、');
export const splitList = (cell: string) =>
  cell
    .split(/[、,，;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Writes the ledger workbook: one sheet, a bilingual header, a row per task (and per measure without one). */
export async function writeLedgerXlsx(rows: readonly LedgerRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(LEDGER_SHEET);
  ws.columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    const row = ws.addRow(r);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  // every cell is text: a date or a code must come back exactly as written
  for (let c = 1; c <= LEDGER_COLUMNS.length; c++) ws.getColumn(c).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const unreadable = (why: string) =>
  problem('unreadable_file', `The file cannot be read: ${why}`, [{ field: 'body', message: why }]);

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v) return Array.isArray(v.richText) ? v.richText.map((p) => String(p.text ?? '')).join('') : '';
  if ('formula' in v || 'sharedFormula' in v)
    return v.result !== undefined && v.result !== null ? cellText(v.result) : '';
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
  return '';
}

/** A read data row: its 1-based sheet row and its cells by column key ('' when blank or absent). */
export interface ReadLedgerRow {
  row: number;
  cells: LedgerRow;
}

/**
 * Reads a ledger workbook: the first sheet, its header in row 1 (columns found by header, full or its
 * Chinese part), at most 5,000 data rows; guarded against zip bombs like the value import.
 */
export async function readLedgerXlsx(buffer: Buffer): Promise<{ rows: ReadLedgerRow[]; missing: string[] }> {
  if (buffer.length === 0) throw unreadable('the file is empty');
  if (!buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw unreadable('not an xlsx workbook');
  inspectZip(buffer, () => undefined);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable('not a valid xlsx workbook');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable('the workbook has no worksheet');
  if (ws.rowCount > MAX_ROWS + 1)
    throw problem('file_too_large', `at most ${MAX_ROWS} rows`, [{ field: 'body', message: 'too many rows' }]);
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => cellText(v).trim());
  const at = new Map<LedgerColumnKey, number>();
  for (const c of LEDGER_COLUMNS) {
    const zh = c.header.split(' ')[0] ?? c.header;
    const i = header.findIndex((h) => h === c.header || h === zh);
    if (i > 0) at.set(c.key, i);
  }
  const missing = LEDGER_COLUMNS.filter(
    (c) => ['title', 'leadUnit', 'startDate', 'dueDate'].includes(c.key) && !at.has(c.key),
  ).map((c) => c.header);
  const rows: ReadLedgerRow[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = row.values as ExcelJS.CellValue[];
    const cells = Object.fromEntries(
      LEDGER_COLUMNS.map((c) => [c.key, at.has(c.key) ? cellText(values[at.get(c.key) ?? 0]).trim() : '']),
    ) as LedgerRow;
    rows.push({ row: rowNumber, cells });
  });
  return { rows, missing };
}

/** The status cell of an exported row: the Chinese label of the task's status. */
export const statusCell = (t: Task) => TASK_STATUS_ZH[t.status.status];
