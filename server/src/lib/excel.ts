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

/**
 * Gives a range of a worksheet (e.g. `G2:G185`) one data validation, written as one rule. exceljs keeps validations
 * by address and writes a range as it is, but leaves this out of its typings. Set cell by cell instead, the rules
 * are merged at write time, slowly, with the addresses sorted as text (G10 before G2): the file then has
 * overlapping rules (G10:G185 and G2:G185), of which LibreOffice and Numbers keep the first only (exceljs #2820).
 */
export function validateRange(sheet: ExcelJS.Worksheet, range: string, rule: ExcelJS.DataValidation): void {
  (
    sheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }
  ).dataValidations.add(range, rule);
}

/** A new exceljs workbook (exceljs loaded on first use). */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  return new (await loadExcel()).Workbook();
}
