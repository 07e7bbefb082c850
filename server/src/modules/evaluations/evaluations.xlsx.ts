import {
  appendixColumns,
  appendixRows,
  baselineCellText,
  chineseNumeral,
  cstDateTime,
  EVALUATION_CLASS_LABELS,
  EVALUATION_CLASSES,
  NO_FIGURE,
  publishedValueText,
  SHARE_NUMBER_FORMAT,
  targetCellText,
  type Colour,
  type EvaluationArea,
  type EvaluationReport,
  type EvaluationRow,
  type ValueQualifier,
} from '@gz/shared';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/excel.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Light fills of the traffic-light colours, so the 评价 column reads like the screen. */
const FILLS: Record<Colour, string> = { green: 'FFD9F2D9', yellow: 'FFFFF2CC', red: 'FFF8D7DA', grey: 'FFEDEDED' };

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Excel number format keeping the decimals the text was written with: "4523.63" → 0.00. */
function numberFormat(text: string): string {
  const decimals = text.split('.')[1]?.length ?? 0;
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

/** Writes decimal text as a number that shows as written. */
function setDecimal(cell: ExcelJS.Cell, text: string | null): void {
  if (text === null) return;
  cell.value = Number(text);
  cell.numFmt = numberFormat(text);
}

/**
 * An actual value as published: the number stays a number, its qualifier (以上, 左右, 约, 以内) is part of the
 * number format, so the sheet shows 10以上 and a formula still reads 10.
 */
function setActual(cell: ExcelJS.Cell, actual: { valueText: string | null; qualifier: ValueQualifier | null }): void {
  setDecimal(cell, actual.valueText);
  if (actual.valueText === null || actual.qualifier === null) return;
  const shown = publishedValueText('#', actual.qualifier);
  const [before, after] = shown.split('#');
  cell.numFmt = `${before ? `"${before}"` : ''}${numberFormat(actual.valueText)}${after ? `"${after}"` : ''}`;
}

/** Columns of an area table: the classic evaluation table, with the yearly target when the report has any. */
export function areaColumns(report: Pick<EvaluationReport, 'years' | 'annualTargets'>): string[] {
  return [
    '类别',
    '指标',
    '单位',
    '基期值',
    '目标值',
    '属性',
    ...report.years.map((y) => `${y}年`),
    '完成进度',
    '序时进度',
    '评价',
    ...(report.annualTargets.total > 0 ? ['年度目标', '年度目标评价'] : []),
  ];
}

function writeRow(
  sheet: ExcelJS.Worksheet,
  r: number,
  area: EvaluationArea,
  row: EvaluationRow,
  report: EvaluationReport,
): void {
  const cells = sheet.getRow(r);
  let c = 1;
  const next = () => cells.getCell(c++);
  next().value = area.name;
  next().value = row.name;
  next().value = row.unit;
  const baseline = next();
  setDecimal(baseline, row.baseline.valueText);
  const baselineText = baselineCellText(row, report.baselineYear);
  if (row.baseline.valueText !== null && baselineText !== row.baseline.valueText) baseline.note = baselineText;
  const target = next();
  const targetText = targetCellText(row);
  if (PLAIN_NUMBER.test(targetText)) setDecimal(target, targetText);
  else target.value = targetText;
  next().value = row.attributeLabel;
  for (const actual of row.actuals) setActual(next(), actual);
  const completion = next();
  if (row.completion !== null) {
    completion.value = row.completion;
    completion.numFmt = SHARE_NUMBER_FORMAT;
  } else completion.value = row.completionText;
  const elapsed = next();
  if (row.elapsedText !== NO_FIGURE && row.elapsedShare !== null) {
    elapsed.value = row.elapsedShare;
    elapsed.numFmt = SHARE_NUMBER_FORMAT;
  } else elapsed.value = NO_FIGURE;
  const verdict = next();
  verdict.value = row.verdictText;
  verdict.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[row.colour] } };
  if (report.annualTargets.total > 0) {
    next().value = row.annualTarget?.text ?? NO_FIGURE;
    next().value = row.annualTarget?.label.zh ?? NO_FIGURE;
  }
}

/** A sheet name Excel accepts (≤ 31 characters, none of []:*?/\), unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sheet';
  let candidate = base;
  for (let k = 2; taken.has(candidate); k += 1) candidate = `${base}(${k})`;
  taken.add(candidate);
  return candidate;
}

function writeSummary(sheet: ExcelJS.Worksheet, report: EvaluationReport): void {
  sheet.columns = [{ width: 28 }, { width: 14 }, { width: 14 }, { width: 14 }];
  sheet.getCell('A1').value = report.title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = report.issued
    ? `${report.kindLabel.zh}，截至${report.year}年；${report.frontMatter.issuingUnit}；报告编号${report.frontMatter.reportNo ?? report.issued.id}，` +
      `${report.issued.createdByName ?? report.issued.createdBy ?? '系统'}于${cstDateTime(report.issued.createdAt)}出具（正式稿）`
    : `${report.kindLabel.zh}，截至${report.year}年；${report.frontMatter.issuingUnit}；实时数据（${cstDateTime(report.generatedAt)}），征求意见稿`;
  sheet.addRow([]);
  sheet.addRow(['评价分类', '全部指标', '约束性', '预期性']).font = { bold: true };
  const { binding, expected } = report.byAttribute;
  for (const c of EVALUATION_CLASSES)
    sheet.addRow([EVALUATION_CLASS_LABELS[c].zh, report.byClass[c], binding.byClass[c], expected.byClass[c]]);
  sheet.addRow(['合计', report.total, binding.total, expected.total]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([`预警指标（${report.earlyWarning.length}项）`, '领域', '评价']).font = { bold: true };
  for (const w of report.earlyWarning)
    sheet.addRow([w.name, w.category.name, w.reason === 'status' ? w.label.zh : w.reasonLabel.zh]);
  if (report.annualTargets.total > 0) {
    sheet.addRow([]);
    sheet.addRow(['年度目标', '完成', '未完成', '暂无数据']).font = { bold: true };
    const t = report.annualTargets;
    sheet.addRow([`${t.total}项`, t.achieved, t.notAchieved, t.insufficientData]);
  }
  sheet.addRow([]);
  sheet.addRow(['评估报告正文']).font = { bold: true };
  const text = report.sections.map((s, k) => `${chineseNumeral(k)}、${s.title}\n${s.text}`).join('\n');
  for (const paragraph of text.split(/\n+/).filter((p) => p.trim() !== '')) {
    const row = sheet.addRow([paragraph]);
    sheet.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    // Excel does not grow merged rows to fit wrapped text: about 40 characters fit a line of the merged width.
    row.height = Math.max(1, Math.ceil(paragraph.length / 40)) * 15;
  }
}

/** The 附表 主要指标完成情况表 as a sheet: one row per indicator, values stored as numbers, the header repeated when printed. */
function writeAppendix(sheet: ExcelJS.Worksheet, report: EvaluationReport): void {
  const columns = appendixColumns(report);
  const header = sheet.getRow(1);
  columns.forEach((title, k) => {
    header.getCell(k + 1).value = title;
  });
  header.font = { bold: true };
  appendixRows(report).forEach((r, k) => {
    const row = sheet.getRow(k + 2);
    let c = 1;
    const next = () => row.getCell(c++);
    next().value = r.no;
    next().value = r.category;
    next().value = r.name;
    next().value = r.unit;
    next().value = r.attribute;
    const baseline = next();
    if (PLAIN_NUMBER.test(r.baselineText)) setDecimal(baseline, r.baselineText);
    else baseline.value = r.baselineText;
    const target = next();
    if (PLAIN_NUMBER.test(r.targetText)) setDecimal(target, r.targetText);
    else target.value = r.targetText;
    for (const a of r.actuals) {
      const cell = next();
      if (a.valueText === null) cell.value = NO_FIGURE;
      else setActual(cell, a);
    }
    const verdict = next();
    verdict.value = r.verdictText;
    verdict.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[r.colour as Colour] ?? FILLS.grey } };
    next().value = r.remark;
  });
  sheet.getColumn(3).width = 32;
  sheet.getColumn(columns.length).width = 40;
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
  sheet.pageSetup.printTitlesRow = '1:1';
}

/**
 * The report as a workbook: a summary sheet (title, who issued it, counts by evaluation class overall and by
 * attribute, the early-warning list, the narrative), then one sheet per area with the same table as the
 * JSON and the printed page. Values are numbers formatted with the decimals they were entered with.
 */
export async function writeEvaluationWorkbook(report: EvaluationReport): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = report.issued?.createdByName ?? report.issued?.createdBy ?? 'gz-tracker';
  const taken = new Set<string>();
  // FINAL (#11): the 附表 comes first, landscape, numbers as numbers
  writeAppendix(
    workbook.addWorksheet(sheetName('附表 主要指标完成情况表', taken), {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    }),
    report,
  );
  writeSummary(workbook.addWorksheet(sheetName('概况', taken)), report);
  const columns = areaColumns(report);
  for (const area of report.areas) {
    const sheet = workbook.addWorksheet(sheetName(area.name, taken), {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.getCell('A1').value = `${area.name}（${area.rows.length}项）`;
    sheet.getCell('A1').font = { bold: true, size: 13 };
    const header = sheet.getRow(2);
    columns.forEach((title, k) => {
      header.getCell(k + 1).value = title;
    });
    header.font = { bold: true };
    area.rows.forEach((row, k) => {
      writeRow(sheet, 3 + k, area, row, report);
    });
    sheet.getColumn(2).width = 36;
    sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
