import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * Loads exceljs once. It is not imported at start: importing it is about half of the server's
 * start-up time. server.ts loads it in the background once the server listens.
 */
export function loadExcel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}

/** A new exceljs workbook (exceljs loaded on first use). */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  return new (await loadExcel()).Workbook();
}
