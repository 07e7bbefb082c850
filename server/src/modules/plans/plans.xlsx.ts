import {
  DEFAULT_THRESHOLDS,
  NewPlanDefinitionSchema,
  normaliseDecimalInput,
  QUALITATIVE_RULES,
  TARGET_KINDS,
  TargetSpecSchema,
  type IndicatorDefinition,
  type PlanDefinition,
  type TargetSpec,
} from '@gz/shared';
import type ExcelJS from 'exceljs';
import { newWorkbook, validateRange } from '../../lib/excel.ts';
import type { z } from 'zod';
import { type FieldError, problem } from '../../lib/problem.ts';
import { inspectZip, unreadable } from '../exchange/zip-guard.ts';
import { defined } from '../../lib/invariant.ts';

/*
 * The plan-definition workbook: what an admin fills in to import a new plan (GET /plans/template.xlsx) and
 * what GET /plans/{planId}/definition.xlsx exports. Sheet 规划 has one field per row (key in column A, value in
 * column C); sheet 指标 has one indicator per row, its columns found by the keys of row 2, so they may be
 * reordered. Indicators of one area (领域) share its code; areas keep the order in which they first appear.
 */

export const PLAN_SHEET = '规划';
/** More indicator rows than any plan has: a larger sheet is refused before it is parsed to the end. */
const MAX_INDICATOR_ROWS = 2000;
export const INDICATOR_SHEET = '指标';

const PLAN_FIELDS = [
  { key: 'id', label: '规划编号', help: '小写字母、数字和连字符，如 ganzhou-2026-2030' },
  { key: 'title', label: '规划名称', help: '必填' },
  { key: 'tableTitle', label: '指标表标题', help: '可空' },
  { key: 'issuer', label: '印发机关', help: '可空' },
  { key: 'document', label: '印发文件', help: '可空' },
  { key: 'baselineYear', label: '基期年份', help: '如 2025' },
  { key: 'targetYear', label: '目标年份', help: '如 2030，须晚于基期年份' },
  { key: 'outlookYear', label: '远景年份', help: '可空，如 2035' },
  { key: 'tableNote', label: '表注', help: '可空' },
] as const;
type PlanFieldKey = (typeof PLAN_FIELDS)[number]['key'];

const INDICATOR_COLUMNS = [
  { key: 'category_code', label: '领域代码', width: 14 },
  { key: 'category_name', label: '领域名称', width: 18 },
  { key: 'code', label: '指标代码', width: 22 },
  { key: 'name', label: '指标名称', width: 32 },
  { key: 'unit', label: '单位', width: 10 },
  { key: 'unit_note', label: '单位说明', width: 12 },
  { key: 'attribute', label: '属性', width: 10 },
  { key: 'direction', label: '方向', width: 8 },
  { key: 'baseline', label: '基期值', width: 12 },
  { key: 'baseline_year', label: '基期年份', width: 10 },
  { key: 'baseline_note', label: '基期说明', width: 20 },
  { key: 'target_kind', label: '目标类型', width: 20 },
  { key: 'target_value', label: '目标数值', width: 12 },
  { key: 'target_tolerance', label: '容差', width: 10 },
  { key: 'target_rule', label: '定性规则', width: 16 },
  { key: 'target_text', label: '目标原文', width: 16 },
  { key: 'target_note', label: '目标说明', width: 20 },
  { key: 'definition', label: '指标解释', width: 20 },
  { key: 'lead_unit', label: '牵头单位代码', width: 14 },
  { key: 'contributing_units', label: '配合单位代码', width: 16 },
  { key: 'data_source', label: '数据来源', width: 16 },
] as const;
type ColumnKey = (typeof INDICATOR_COLUMNS)[number]['key'];

const HELP_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['属性', '约束性 或 预期性（也可写 binding / expected）'],
  ['方向', '1 = 越大越好，-1 = 越小越好'],
  ['基期值 / 基期年份', '基期值可空（规划表未列）；基期年份空则取规划基期年份'],
  ['目标类型 level', '目标值：目标数值'],
  ['目标类型 approx', '目标值左右：目标数值，容差可空（默认目标值的2%）'],
  ['目标类型 annual_rate', '年均增速：目标数值为年均增速（%），容差可空（默认0.5个百分点）'],
  ['目标类型 cumulative_reduction', '累计下降：目标数值为累计降幅（%）'],
  ['目标类型 floor', '底线（如耕地保有量）：目标数值'],
  ['目标类型 maintain', '保持：目标数值'],
  [
    '目标类型 qualitative',
    `定性：定性规则 ${QUALITATIVE_RULES.join(' / ')}（稳中有升 / 保持稳定 / 量稳质升），容差为基期值的比例，可空`,
  ],
  ['目标类型 assigned', '按省下达：目标数值留空'],
  ['目标类型 none', '不设目标，仅监测'],
  ['牵头单位代码 / 配合单位代码', '单位目录中的代码（系统管理 → 单位）；配合单位可填多个，用顿号分隔；可空（待分配）'],
];

// ───────────────────────── writing ─────────────────────────

function targetCells(spec: TargetSpec): { value: number | null; tolerance: number | null; rule: string | null } {
  switch (spec.kind) {
    case 'annual_rate':
      return { value: spec.rate, tolerance: spec.tolerance ?? null, rule: null };
    case 'approx':
      return { value: spec.value, tolerance: spec.tolerance ?? null, rule: null };
    case 'qualitative':
      return { value: null, tolerance: spec.band ?? null, rule: spec.rule };
    case 'assigned':
    case 'none':
      return { value: null, tolerance: null, rule: null };
    default:
      return { value: spec.value, tolerance: null, rule: null };
  }
}

function indicatorCells(
  category: { code: string; name: string },
  ind: PlanDefinition['categories'][number]['indicators'][number],
): Record<ColumnKey, string | number | null> {
  const target = targetCells(ind.target.spec);
  return {
    category_code: category.code,
    category_name: category.name,
    code: ind.code,
    name: ind.name,
    unit: ind.unit,
    unit_note: ind.unitNote,
    attribute: ind.attribute === 'binding' ? '约束性' : '预期性',
    direction: ind.direction,
    baseline: ind.baseline.valueText,
    baseline_year: ind.baseline.year,
    baseline_note: ind.baseline.note,
    target_kind: ind.target.spec.kind,
    target_value: target.value,
    target_tolerance: target.tolerance,
    target_rule: target.rule,
    target_text: ind.target.text,
    target_note: ind.target.note,
    definition: ind.definition,
    lead_unit: ind.leadUnit ?? null,
    contributing_units: (ind.contributingUnits ?? []).length === 0 ? null : (ind.contributingUnits ?? []).join('、'),
    data_source: ind.dataSource,
  };
}

/**
 * The plan-definition workbook: empty (the import template) or filled with a plan. Baselines are written as
 * text so that their printed precision ("0.80") survives a round trip; lists are offered as cell dropdowns.
 */
export async function writePlanWorkbook(def: PlanDefinition | null): Promise<Buffer> {
  const workbook = await newWorkbook();
  const plan = workbook.addWorksheet(PLAN_SHEET);
  plan.columns = [{ width: 14 }, { width: 14 }, { width: 48 }, { width: 40 }];
  plan.addRow(['字段', '名称', '值', '说明']).font = { bold: true };
  for (const field of PLAN_FIELDS) plan.addRow([field.key, field.label, def?.[field.key] ?? null, field.help]);

  const sheet = workbook.addWorksheet(INDICATOR_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = INDICATOR_COLUMNS.map((c) => ({ width: c.width }));
  sheet.addRow(INDICATOR_COLUMNS.map((c) => c.label)).font = { bold: true };
  sheet.addRow(INDICATOR_COLUMNS.map((c) => c.key)).font = { color: { argb: 'FF888888' }, size: 9 };
  for (const category of def?.categories ?? []) {
    for (const ind of category.indicators) {
      const cells = indicatorCells(category, ind);
      const row = sheet.addRow(INDICATOR_COLUMNS.map((c) => cells[c.key]));
      row.getCell(INDICATOR_COLUMNS.findIndex((c) => c.key === 'baseline') + 1).numFmt = '@';
    }
  }
  const lists: Partial<Record<ColumnKey, string[]>> = {
    attribute: ['约束性', '预期性'],
    direction: ['1', '-1'],
    target_kind: [...TARGET_KINDS],
    target_rule: [...QUALITATIVE_RULES],
  };
  INDICATOR_COLUMNS.forEach((column, k) => {
    const list = lists[column.key];
    if (!list) return;
    const letter = sheet.getColumn(k + 1).letter;
    // Dropdowns on the rows people will fill; typing something else still reaches the import's checks.
    validateRange(sheet, `${letter}3:${letter}${MAX_INDICATOR_ROWS + 2}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list.join(',')}"`],
    });
  });

  const help = workbook.addWorksheet('说明');
  help.columns = [{ width: 28 }, { width: 90 }];
  help.addRow(['项目', '填写说明']).font = { bold: true };
  for (const row of HELP_ROWS) help.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ───────────────────────── reading ─────────────────────────

/** A cell's content as trimmed text, null when blank; formulas give their result. */
function cellText(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  let text: string;
  if (typeof v === 'number' || typeof v === 'boolean') text = String(v);
  else if (typeof v === 'string') text = v;
  else if (v instanceof Date) text = v.toISOString();
  else if ('richText' in v) text = v.richText.map((t) => t.text).join('');
  else if ('result' in v) text = v.result === undefined || v.result === null ? '' : String(v.result);
  else if ('text' in v) text = String(v.text);
  else text = cell.text;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

class Problems {
  readonly errors: FieldError[] = [];
  add(where: string, message: string): void {
    this.errors.push({ field: `body.${where}`, message });
  }
}

function parseYear(text: string | null): number | null {
  return text !== null && /^\d{4}$/.test(text) ? Number(text) : null;
}

function parseNumber(text: string | null): number | null {
  const decimal = text === null ? null : normaliseDecimalInput(text);
  return decimal === null ? null : Number(decimal);
}

const ATTRIBUTES: Record<string, IndicatorDefinition['attribute']> = {
  约束性: 'binding',
  binding: 'binding',
  预期性: 'expected',
  expected: 'expected',
};

/** Where each indicator came from in the sheet, to point an error at its cell. */
interface Origin {
  row: number;
  categoryIndex: number;
  indicatorIndex: number;
}

/** The column of an error inside an indicator, by the path below it. */
function columnOfPath(path: readonly PropertyKey[]): ColumnKey {
  const [head, sub] = path;
  if (head === 'baseline') return sub === 'year' ? 'baseline_year' : sub === 'note' ? 'baseline_note' : 'baseline';
  if (head === 'target') return sub === 'text' ? 'target_text' : sub === 'note' ? 'target_note' : 'target_value';
  const direct: Record<string, ColumnKey> = { unitNote: 'unit_note', dataSource: 'data_source' };
  return direct[String(head)] ?? ((INDICATOR_COLUMNS.find((c) => c.key === head)?.key ?? 'code') as ColumnKey);
}

/**
 * Reads a plan-definition workbook into a definition checked as a whole (NewPlanDefinitionSchema). Every
 * problem of the content is reported at its cell (`body.指标!M5`, `body.规划!C3`), all at once, so a user fixes
 * the file in one go; a file that is no workbook throws 400, one too large 413.
 */
export async function readPlanWorkbook(
  file: Buffer,
): Promise<{ definition: z.output<typeof NewPlanDefinitionSchema> } | { errors: FieldError[] }> {
  if (!file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw unreadable('not an xlsx workbook');
  // exceljs unpacks without limits: a zip bomb is refused here first, within a budget.
  await inspectZip(file, () => undefined);
  const workbook = await newWorkbook();
  // maxRows is honoured by exceljs (it stops parsing past it) but missing from its typings.
  const options: Partial<ExcelJS.XlsxReadOptions> & { maxRows: number } = { maxRows: MAX_INDICATOR_ROWS + 2 };
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer, options);
  } catch (error) {
    if (error instanceof Error && /^Max row count/.test(error.message)) {
      throw problem('too_many_rows', `a plan workbook holds at most ${MAX_INDICATOR_ROWS} indicator rows`);
    }
    throw unreadable('not a valid xlsx workbook');
  }
  const problems = new Problems();
  const planSheet = workbook.getWorksheet(PLAN_SHEET);
  const sheet = workbook.getWorksheet(INDICATOR_SHEET);
  if (!planSheet || !sheet)
    return {
      errors: [
        {
          field: 'body',
          message: `the workbook needs the sheets ${PLAN_SHEET} and ${INDICATOR_SHEET} (see GET /plans/template.xlsx)`,
        },
      ],
    };

  const planRows = new Map<PlanFieldKey, number>();
  planSheet.eachRow((row, r) => {
    const key = cellText(row.getCell(1));
    const field = PLAN_FIELDS.find((f) => f.key === key);
    if (field) planRows.set(field.key, r);
  });
  const planValue = (key: PlanFieldKey) => {
    const r = planRows.get(key);
    return r === undefined ? null : cellText(planSheet.getCell(`C${r}`));
  };
  const planCell = (key: PlanFieldKey) => `${PLAN_SHEET}!C${planRows.get(key) ?? '?'}`;
  const planYear = (key: 'baselineYear' | 'targetYear' | 'outlookYear', required: boolean): number | null => {
    const text = planValue(key);
    const year = parseYear(text);
    if (year === null && (required || text !== null)) problems.add(planCell(key), 'a four-digit year');
    return year;
  };
  const baselineYear = planYear('baselineYear', true);
  const targetYear = planYear('targetYear', true);
  const outlookYear = planYear('outlookYear', false);

  const columns = new Map<ColumnKey, number>();
  sheet.getRow(2).eachCell((cell, c) => {
    const key = cellText(cell);
    const column = INDICATOR_COLUMNS.find((col) => col.key === key);
    if (column) columns.set(column.key, c);
  });
  for (const column of INDICATOR_COLUMNS) {
    if (!columns.has(column.key))
      problems.add(`${INDICATOR_SHEET}!2`, `missing the column ${column.key} (${column.label}) in row 2`);
  }
  if (problems.errors.length > 0) return { errors: problems.errors };
  const cellRef = (key: ColumnKey, r: number) =>
    `${INDICATOR_SHEET}!${sheet.getColumn(defined(columns.get(key), `column ${key}`)).letter}${r}`;

  const categories: Array<{ code: string; name: string; indicators: IndicatorDefinition[] }> = [];
  const origins: Origin[] = [];
  const categoryRows = new Map<number, number>();
  for (let r = 3; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const get = (key: ColumnKey) => cellText(row.getCell(defined(columns.get(key), `column ${key}`)));
    if (INDICATOR_COLUMNS.every((c) => get(c.key) === null)) continue;
    const need = (key: ColumnKey): string => {
      const v = get(key);
      if (v === null) problems.add(cellRef(key, r), 'required');
      return v ?? '';
    };

    const attribute = ATTRIBUTES[get('attribute') ?? ''];
    if (attribute === undefined) problems.add(cellRef('attribute', r), '约束性 or 预期性');
    const direction = get('direction')?.replace(/^\+/, '');
    if (direction !== '1' && direction !== '-1')
      problems.add(cellRef('direction', r), '1 (higher is better) or -1 (lower is better)');
    const baselineText = get('baseline');
    const baselineValue = baselineText === null ? null : normaliseDecimalInput(baselineText);
    if (baselineText !== null && baselineValue === null)
      problems.add(cellRef('baseline', r), 'a plain decimal number, or blank');
    const ownBaselineYear = get('baseline_year');
    const indicatorBaselineYear = ownBaselineYear === null ? baselineYear : parseYear(ownBaselineYear);
    if (ownBaselineYear !== null && indicatorBaselineYear === null)
      problems.add(cellRef('baseline_year', r), 'a four-digit year, or blank for the plan baseline year');
    const spec = readTarget(get, (key, message) => problems.add(cellRef(key, r), message));

    const categoryCode = need('category_code');
    const categoryName = need('category_name');
    let categoryIndex = categories.findIndex((c) => c.code === categoryCode);
    if (categoryIndex === -1) {
      categoryIndex = categories.push({ code: categoryCode, name: categoryName, indicators: [] }) - 1;
      categoryRows.set(categoryIndex, r);
    }
    const category = defined(categories[categoryIndex], `area ${categoryCode}`);
    if (category.name !== categoryName) {
      problems.add(cellRef('category_name', r), `area ${categoryCode} is named ${category.name} above`);
    }
    origins.push({ row: r, categoryIndex, indicatorIndex: category.indicators.length });
    category.indicators.push({
      code: need('code'),
      name: need('name'),
      unit: get('unit') ?? '',
      unitNote: get('unit_note'),
      attribute: attribute ?? 'expected',
      direction: direction === '-1' ? -1 : 1,
      baseline: { valueText: baselineValue, year: indicatorBaselineYear ?? 0, note: get('baseline_note') },
      target: { spec: spec ?? { kind: 'none' }, text: get('target_text'), note: get('target_note') },
      definition: get('definition'),
      leadUnit: get('lead_unit'),
      contributingUnits: (get('contributing_units') ?? '').split(/[、,，\s]+/).filter(Boolean),
      dataSource: get('data_source'),
    });
  }
  if (categories.length === 0)
    problems.add(`${INDICATOR_SHEET}!3`, 'no indicators: fill one row per indicator from row 3');
  if (problems.errors.length > 0) return { errors: problems.errors };

  const parsed = NewPlanDefinitionSchema.safeParse({
    id: planValue('id') ?? '',
    title: planValue('title') ?? '',
    tableTitle: planValue('tableTitle'),
    issuer: planValue('issuer'),
    document: planValue('document'),
    baselineYear,
    targetYear,
    outlookYear,
    thresholds: { ...DEFAULT_THRESHOLDS },
    tableNote: planValue('tableNote'),
    categories,
  });
  if (parsed.success) return { definition: parsed.data };
  for (const issue of parsed.error.issues) {
    const [head, c, sub, i, ...rest] = issue.path;
    if (head === 'categories' && typeof c === 'number' && sub === 'indicators' && typeof i === 'number') {
      const origin = origins.find((o) => o.categoryIndex === c && o.indicatorIndex === i);
      problems.add(cellRef(columnOfPath(rest), origin?.row ?? 0), issue.message);
    } else if (head === 'categories' && typeof c === 'number') {
      problems.add(
        cellRef(sub === 'name' ? 'category_name' : 'category_code', categoryRows.get(c) ?? 0),
        issue.message,
      );
    } else if (PLAN_FIELDS.some((f) => f.key === head)) {
      problems.add(planCell(head as PlanFieldKey), issue.message);
    } else {
      problems.add(PLAN_SHEET, `${issue.path.join('.')}: ${issue.message}`);
    }
  }
  return { errors: problems.errors };
}

/** The target of one row from its kind, number, tolerance and rule; null (with problems added) when it is wrong. */
function readTarget(
  get: (key: ColumnKey) => string | null,
  problem: (key: ColumnKey, message: string) => void,
): TargetSpec | null {
  const kind = get('target_kind');
  if (kind === null || !(TARGET_KINDS as readonly string[]).includes(kind)) {
    problem('target_kind', `one of ${TARGET_KINDS.join(', ')}`);
    return null;
  }
  const valueText = get('target_value');
  const value = parseNumber(valueText);
  if (valueText !== null && value === null) problem('target_value', 'a plain decimal number');
  const toleranceText = get('target_tolerance');
  const tolerance = parseNumber(toleranceText);
  if (toleranceText !== null && tolerance === null) problem('target_tolerance', 'a plain decimal number, or blank');
  const candidate =
    kind === 'annual_rate'
      ? { kind, rate: value ?? undefined, tolerance: tolerance ?? undefined }
      : kind === 'qualitative'
        ? { kind, rule: get('target_rule') ?? undefined, band: tolerance ?? undefined }
        : { kind, value: value ?? undefined, tolerance: tolerance ?? undefined };
  const parsed = TargetSpecSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    problem(
      field === 'rule'
        ? 'target_rule'
        : field === 'tolerance' || field === 'band'
          ? 'target_tolerance'
          : 'target_value',
      issue.message,
    );
  }
  return null;
}
