import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * A new exceljs workbook. exceljs is loaded on first use, not at start: importing it is about half of
 * the server's start-up time, and most starts never touch a workbook.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  loading ??= import('exceljs').then((m) => m.default);
  return new (await loading).Workbook();
}
