import { z } from 'zod';
import { AttributeSchema, ReviewStateSchema } from './common.ts';

/*
 * The official evaluation report (docs/evaluation-report.md): front matter, the numbered sections drafted from the
 * figures and edited per section, optional extra sections (e.g. 重点任务落实情况 from the ledger), and what the
 * report still lacks before it is issued.
 */

export const REPORT_SECTION_KEYS = ['overall', 'indicators', 'problems', 'suggestions'] as const;
/** 总体评价 · 主要指标完成情况 · 存在的问题 · 下一步建议 */
export type ReportSectionKey = (typeof REPORT_SECTION_KEYS)[number];
export const ReportSectionKeySchema = z.enum(REPORT_SECTION_KEYS).meta({ id: 'ReportSectionKey' });

/** One numbered section of the body. */
export const ReportSectionSchema = z
  .object({
    key: ReportSectionKeySchema,
    title: z.string().describe('e.g. 总体评价'),
    text: z
      .string()
      .describe('the text printed: the edited one, else the drafted one; paragraphs separated by blank lines'),
    drafted: z.string().describe('the text drafted from the figures'),
    edited: z.boolean(),
  })
  .meta({ id: 'ReportSection' });
export type ReportSection = z.infer<typeof ReportSectionSchema>;

/**
 * An optional section another module provides (e.g. 重点任务落实情况 from the measures ledger); printed after
 * 主要指标完成情况 in the order given.
 */
export const ExtraReportSectionSchema = z
  .object({ key: z.string(), title: z.string(), text: z.string() })
  .meta({ id: 'ExtraReportSection' });
export type ExtraReportSection = z.infer<typeof ExtraReportSectionSchema>;

/** The first lines of the printed report. */
export const ReportFrontMatterSchema = z
  .object({
    title: z.string().describe('《plan》终期评估报告（2025年）'),
    issuingUnit: z.string(),
    issuingUnitIsDefault: z.boolean().describe('true when no admin has set the issuing unit (the default applies)'),
    dateText: z.string().describe('2026年11月30日, in China Standard Time: the issue date, or today for a draft'),
    reportNo: z.string().nullable().describe('报告编号; null until issued'),
    state: z.enum(['draft', 'issued']),
    stateLabel: z.string().describe('征求意见稿 or 正式稿'),
    issuerName: z.string().nullable().describe('display name (真实姓名) of who issued it'),
    issuedAtText: z.string().nullable().describe('2026-11-30 10:05 (北京时间)'),
  })
  .meta({ id: 'ReportFrontMatter' });
export type ReportFrontMatter = z.infer<typeof ReportFrontMatterSchema>;

export const REPORT_GAP_KINDS = ['missing_data', 'target_pending', 'reason_missing'] as const;
/** What a report still lacks: a figure, a target, or the responsible unit's 原因说明. */
export const ReportGapSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    attribute: AttributeSchema,
    kind: z.enum(REPORT_GAP_KINDS),
    text: z.string().describe('e.g. 数据缺失（2025年无数据） / 目标未下达 / 市统计局尚未报送原因说明'),
  })
  .meta({ id: 'ReportGap' });
export type ReportGap = z.infer<typeof ReportGapSchema>;

/** A responsible unit's 原因说明 and 下一步措施, as the report quotes it. */
export const QuotedReasonSchema = z
  .object({ code: z.string(), unitName: z.string().nullable(), reason: z.string(), measures: z.string() })
  .meta({ id: 'QuotedReason' });
export type QuotedReason = z.infer<typeof QuotedReasonSchema>;

/** An indicator's 原因说明 and 下一步措施 for a year, as entered and reviewed. */
export const IndicatorReasonSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    year: z.number().int(),
    reason: z.string(),
    measures: z.string(),
    unitName: z.string().nullable().describe('the responsible unit it is attributed to'),
    reviewState: ReviewStateSchema,
    enteredBy: z.string().nullable(),
    enteredAt: z.string(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewNote: z.string().nullable(),
  })
  .meta({ id: 'IndicatorReason' });
export type IndicatorReason = z.infer<typeof IndicatorReasonSchema>;

/** PUT …/reasons/{year}: the unit's reason and measures (a new pending entry). */
export const IndicatorReasonWriteSchema = z
  .object({
    reason: z.string().trim().min(1).max(4000).describe('原因说明'),
    measures: z.string().trim().min(1).max(4000).describe('下一步措施'),
  })
  .meta({ id: 'IndicatorReasonWrite' });
export type IndicatorReasonWrite = z.infer<typeof IndicatorReasonWriteSchema>;

/** PUT …/evaluations/{year}/draft: edited section texts; a key absent keeps its text, null goes back to the drafted text. */
export const ReportDraftWriteSchema = z
  .object({ sections: z.partialRecord(ReportSectionKeySchema, z.string().trim().max(20000).nullable()) })
  .meta({ id: 'ReportDraftWrite' });
export type ReportDraftWrite = z.infer<typeof ReportDraftWriteSchema>;
