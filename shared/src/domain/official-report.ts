import type { EvaluationRow, EvaluationSnapshot } from '../schemas/evaluation.ts';
import type {
  QuotedReason,
  ReportFrontMatter,
  ReportGap,
  ReportSection,
  ReportSectionKey,
} from '../schemas/official-report.ts';
import { chineseDateCst, cstDateTime } from './cst.ts';
import { baselineCellText, targetCellText } from './evaluation.ts';
import { formatDecimal, NO_FIGURE } from './format.ts';

/*
 * The official report of docs/evaluation-report.md, drafted from a report's figures: the four numbered sections,
 * what the report still lacks, its front matter and the 附表. Pure: the same snapshot gives the same text.
 */

type Snapshot = Omit<EvaluationSnapshot, 'draftNarrative'> & { draftNarrative?: string };

/** Titles of the body sections, in order. */
export const REPORT_SECTION_TITLES: Readonly<Record<ReportSectionKey, string>> = {
  overall: '总体评价',
  indicators: '主要指标完成情况',
  problems: '存在的问题',
  suggestions: '下一步建议',
};

/** Chinese numerals of numbered sections and areas: 一、二、… */
export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** The numeral of the n-th (0-based) section or area. */
export function chineseNumeral(index: number): string {
  return CHINESE_NUMERALS[index] ?? String(index + 1);
}

/** The value against the target followed by the verdict, without saying 数据缺失 twice. */
function withVerdict(row: EvaluationRow): string {
  const text = valueAgainstTarget(row);
  return row.finalVerdict?.verdict === 'missing_data' ? text : `${text}，${row.verdictText}`;
}

/** The latest figure of a row: the value of the year it is judged on. */
function latestActual(row: EvaluationRow): { year: number; valueText: string } | null {
  const found = [...row.actuals].reverse().find((a) => a.valueText !== null);
  return found?.valueText == null ? null : { year: found.year, valueText: found.valueText };
}

/** The target's numeric value where the kind has one (level, approx, floor, maintain). */
function numericTarget(row: EvaluationRow): number | null {
  const { spec } = row.target;
  return spec.kind === 'level' || spec.kind === 'approx' || spec.kind === 'floor' || spec.kind === 'maintain'
    ? spec.value
    : null;
}

/** 个百分点 for percentages, else the unit. */
function gapUnit(unit: string): string {
  return unit === '%' ? '个百分点' : unit;
}

/** "常住人口城镇化率2025年达到59.2%，距目标60%差0.8个百分点" — the value against the target, with the gap when short. */
export function valueAgainstTarget(row: EvaluationRow): string {
  const latest = latestActual(row);
  const target = targetCellText(row);
  const verdict = row.finalVerdict;
  if (verdict?.verdict === 'missing_data') {
    // at plan end only the target year's value counts: an older figure is context, never a result
    const context = latest === null ? '' : `，最近为${latest.year}年的${latest.valueText}${row.unit}`;
    return `${row.name}${verdict.year}年数据缺失（目标${target}${context}）`;
  }
  if (latest === null) return `${row.name}尚无数据（目标${target}）`;
  const head = `${row.name}${latest.year}年为${latest.valueText}${row.unit}`;
  const X = numericTarget(row);
  const x = Number(latest.valueText);
  if (X === null || !Number.isFinite(x)) return `${head}（目标${target}）`;
  const better = row.target.spec.kind === 'floor' || row.target.spec.kind === 'maintain' ? x >= X : null;
  const diff = X - x;
  const short = better === null ? diff > 0 : !better;
  // the direction is not in the row: a gap is named only where the value is below a higher target
  return short && diff > 0
    ? `${head}，距目标${target}差${formatDecimal(diff, 4)}${gapUnit(row.unit)}`
    : `${head}（目标${target}）`;
}

function rowsOf(report: Snapshot): EvaluationRow[] {
  return report.areas.flatMap((a) => a.rows);
}

/** Whether a row belongs in 存在的问题: not achieved, lagging, or without data. */
export function isProblemRow(row: EvaluationRow): boolean {
  if (row.finalVerdict !== null)
    return row.finalVerdict.verdict === 'not_achieved' || row.finalVerdict.verdict === 'missing_data';
  if (row.status === 'target_pending' || row.status === 'monitoring') return false;
  return (
    row.evaluationClass === 'lagging' || row.status === 'insufficient_data' || row.latestYear === null || row.stale
  );
}

function reasonOf(report: Snapshot, code: string): QuotedReason | undefined {
  return report.reasons.find((r) => r.code === code);
}

const HEADLINES = [/地区生产总值|^GDP$|GDP总量/, /居民人均可支配收入/, /城镇化率/];

function draftOverall(report: Snapshot): string {
  const paragraphs = (report.draftNarrative ?? '').split(/\n+/).filter((p) => p.trim() !== '');
  const rows = rowsOf(report);
  const headline = HEADLINES.map((re) => rows.find((r) => re.test(r.name))).filter((r) => r !== undefined);
  if (headline.length > 0) {
    paragraphs.push(`主要指标方面，${headline.map(withVerdict).join('；')}。`);
  }
  return paragraphs.join('\n\n');
}

function draftIndicators(report: Snapshot): string {
  return report.areas
    .map((area, k) => {
      const items = area.rows.map(withVerdict);
      return `（${chineseNumeral(k)}）${area.name}。${area.rows.length}项指标中，${items.join('；')}。`;
    })
    .join('\n\n');
}

function draftProblems(report: Snapshot): string {
  const rows = rowsOf(report).filter(isProblemRow);
  if (rows.length === 0) return '各项指标均已完成或进展符合预期。';
  return rows
    .map((r) => {
      const reason = reasonOf(report, r.code);
      const unit = reason?.unitName ?? r.responsibleUnit;
      const quoted =
        reason !== undefined
          ? `${unit ?? '责任单位'}说明：“${reason.reason}”`
          : `${unit ?? '责任单位'}尚未报送原因说明`;
      return `${r.name}：${withVerdict(r)}。${quoted}。`;
    })
    .join('\n\n');
}

function draftSuggestions(report: Snapshot): string {
  const rows = rowsOf(report).filter(isProblemRow);
  const paragraphs = rows
    .map((r) => ({ r, reason: reasonOf(report, r.code) }))
    .filter((x) => x.reason !== undefined)
    .map(
      ({ r, reason }) =>
        `${r.name}：${reason?.unitName ?? r.responsibleUnit ?? '责任单位'}提出，${reason?.measures ?? ''}`,
    );
  const missing = rows.filter((r) => r.finalVerdict?.verdict === 'missing_data' || r.latestYear === null);
  if (missing.length > 0)
    paragraphs.push(`尽快补齐${missing.map((r) => r.name).join('、')}的统计数据，确保评估依据完整。`);
  paragraphs.push('在下一个规划期目标制定中，统筹考虑上述指标的完成情况和存在的问题，合理确定目标值并加强监测调度。');
  return paragraphs.join('\n\n');
}

/** The four body sections drafted from a report's figures and the units' reasons. */
export function draftSections(report: Snapshot): Record<ReportSectionKey, string> {
  return {
    overall: draftOverall(report),
    indicators: draftIndicators(report),
    problems: draftProblems(report),
    suggestions: draftSuggestions(report),
  };
}

/** The sections as printed: each edited text where there is one, else the drafted text. */
export function resolveSections(
  drafted: Record<ReportSectionKey, string>,
  edits: Partial<Record<ReportSectionKey, string>>,
): ReportSection[] {
  return (Object.keys(REPORT_SECTION_TITLES) as ReportSectionKey[]).map((key) => {
    const edit = edits[key];
    const edited = edit !== undefined && edit.trim() !== '' && edit !== drafted[key];
    return {
      key,
      title: REPORT_SECTION_TITLES[key],
      text: edited ? edit : drafted[key],
      drafted: drafted[key],
      edited,
    };
  });
}

/**
 * What a report still lacks before it is issued: binding indicators first, then expected ones — each without a
 * figure for the year (数据缺失) or a target (目标未下达) — then the problem indicators whose unit has given no reason.
 */
export function reportGaps(report: Snapshot): ReportGap[] {
  const rows = rowsOf(report);
  const gaps: ReportGap[] = [];
  for (const attribute of ['binding', 'expected'] as const) {
    for (const r of rows.filter((x) => x.attribute === attribute)) {
      const pending = r.finalVerdict?.verdict === 'target_pending' || r.status === 'target_pending';
      const missing =
        r.finalVerdict !== null ? r.finalVerdict.verdict === 'missing_data' : r.latestYear === null || r.stale;
      if (pending) gaps.push({ code: r.code, name: r.name, attribute, kind: 'target_pending', text: '目标未下达' });
      else if (missing) {
        const text =
          r.latestYear === null ? `数据缺失（无${report.year}年数据）` : `数据缺失（最近为${r.latestYear}年数据）`;
        gaps.push({ code: r.code, name: r.name, attribute, kind: 'missing_data', text });
      }
    }
  }
  for (const attribute of ['binding', 'expected'] as const) {
    for (const r of rows.filter(
      (x) => x.attribute === attribute && isProblemRow(x) && reasonOf(report, x.code) === undefined,
    )) {
      gaps.push({
        code: r.code,
        name: r.name,
        attribute,
        kind: 'reason_missing',
        text: `${r.responsibleUnit ?? '责任单位'}尚未报送原因说明`,
      });
    }
  }
  return gaps;
}

/** The front matter of a report: issuing unit, Chinese date (CST), number, 征求意见稿 / 正式稿, issuer. */
export function frontMatterOf(args: {
  title: string;
  issuingUnit: { value: string; isDefault: boolean };
  issued: { id: number; year: number; createdByName: string | null; createdAt: string } | null;
  now: string;
}): ReportFrontMatter {
  const { issued } = args;
  return {
    title: args.title,
    issuingUnit: args.issuingUnit.value,
    issuingUnitIsDefault: args.issuingUnit.isDefault,
    dateText: chineseDateCst(issued?.createdAt ?? args.now),
    reportNo: issued === null ? null : `评估报告〔${issued.year}〕第${issued.id}号`,
    state: issued === null ? 'draft' : 'issued',
    stateLabel: issued === null ? '征求意见稿' : '正式稿',
    issuerName: issued?.createdByName ?? null,
    issuedAtText: issued === null ? null : cstDateTime(issued.createdAt),
  };
}

/** The header of the 附表 主要指标完成情况表. */
export function appendixColumns(report: Pick<EvaluationSnapshot, 'years'>): string[] {
  return [
    '序号',
    '类别',
    '指标',
    '单位',
    '属性',
    '基期值',
    '目标值',
    ...report.years.map((y) => `${y}年`),
    '完成情况',
    '备注',
  ];
}

/** One line of the 附表. */
export interface AppendixRow {
  no: number;
  category: string;
  name: string;
  unit: string;
  attribute: string;
  baselineText: string;
  targetText: string;
  actuals: EvaluationRow['actuals'];
  verdictText: string;
  colour: string;
  remark: string;
}

/** The 附表 主要指标完成情况表: every indicator in plan order, one line each. */
export function appendixRows(report: Pick<EvaluationSnapshot, 'areas' | 'baselineYear'>): AppendixRow[] {
  let no = 0;
  return report.areas.flatMap((area) =>
    area.rows.map((row) => {
      no += 1;
      return {
        no,
        category: area.name,
        name: row.name,
        unit: row.unit,
        attribute: row.attributeLabel,
        baselineText: baselineCellText(row, report.baselineYear),
        targetText: targetCellText(row) || NO_FIGURE,
        actuals: row.actuals.map((a) => ({ ...a })),
        verdictText: row.verdictText,
        colour: row.finalVerdict
          ? ({ achieved: 'green', not_achieved: 'red' }[row.finalVerdict.verdict as string] ?? 'grey')
          : row.colour,
        remark: row.remark,
      };
    }),
  );
}
