import type { AnnualTargetBasis, TargetSpec } from '@gz/shared';

/**
 * A yearly target (年度目标) that a source document sets for a plan indicator, loaded as the document writes it.
 * `source` names the document and quotes its sentence exactly (line breaks of the extracted text removed).
 */
export interface DocumentedAnnualTarget {
  planId: string;
  code: string;
  year: number;
  spec: TargetSpec;
  /** the wording of the target for this indicator, as the sentence has it */
  text: string;
  basis: AnnualTargetBasis;
  source: string;
}

/** The sentence of the 2023 government work report (seed 002) that sets the 2023 targets, quoted whole. */
export const WORK_REPORT_2023_TARGET_SENTENCE =
  '主要预期目标是：GDP增长 7.5%左右，规模以上工业增加值增长8.5%以上，一般公共预算收入增长3.5%左右，' +
  '固定资产投资增长10%以上，社会消费品零售总额增长 8.5%以上，实际利用省外 2000万元以上项目资金增长 8.5%以上，' +
  '实际使用外商直接投资额稳中有进，出口总额稳中提质，城镇居民人均可支配收入增长7.5%左右，' +
  '农村居民人均可支配收入增长9.5%左右，居民消费价格总水平涨幅控制在 3%左右，城镇调查失业率控制在 5.5%以内，' +
  '节能减排完成省下达任务。';

const SOURCE = `2023年赣州市政府工作报告：${WORK_REPORT_2023_TARGET_SENTENCE}`;
const PLAN = 'ganzhou-2021-2025';

/**
 * The 2023 targets of that sentence that concern plan indicators. Growth targets on indicators recorded as levels
 * are compared with the growth over 2022 (basis growth); 以上 is a minimum (tolerance 0), 左右 the method's default
 * tolerance. 稳中有进 / 稳中提质 are qualitative (not judged numerically); 节能减排完成省下达任务 refers to the
 * province's assignment for 单位GDP能源消耗降幅, not recorded in the report. The other targets of the sentence
 * (一般公共预算收入, 固定资产投资, 城镇居民人均可支配收入, CPI, 失业率, 省外资金) are not plan indicators. The report
 * gives no 2022 result that is exactly a plan indicator (万元GDP能耗下降3%左右 is approximate; 高标准农田63.2万亩 is
 * an increment), so no 2022 value is loaded from it.
 */
export const DOCUMENTED_ANNUAL_TARGETS: readonly DocumentedAnnualTarget[] = [
  {
    planId: PLAN,
    code: 'gdp',
    year: 2023,
    spec: { kind: 'annual_rate', rate: 7.5 },
    text: '增长7.5%左右',
    basis: 'growth',
    source: SOURCE,
  },
  {
    planId: PLAN,
    code: 'industrial_value_added_growth',
    year: 2023,
    spec: { kind: 'annual_rate', rate: 8.5, tolerance: 0 },
    text: '增长8.5%以上',
    basis: 'value',
    source: SOURCE,
  },
  {
    planId: PLAN,
    code: 'retail_sales',
    year: 2023,
    spec: { kind: 'annual_rate', rate: 8.5, tolerance: 0 },
    text: '增长8.5%以上',
    basis: 'growth',
    source: SOURCE,
  },
  {
    planId: PLAN,
    code: 'rural_income',
    year: 2023,
    spec: { kind: 'annual_rate', rate: 9.5 },
    text: '增长9.5%左右',
    basis: 'growth',
    source: SOURCE,
  },
  {
    planId: PLAN,
    code: 'fdi_actual',
    year: 2023,
    spec: { kind: 'qualitative', rule: 'rise' },
    text: '稳中有进',
    basis: 'value',
    source: SOURCE,
  },
  {
    planId: PLAN,
    code: 'exports',
    year: 2023,
    spec: { kind: 'qualitative', rule: 'stable_or_better' },
    text: '稳中提质',
    basis: 'value',
    source: SOURCE,
  },
  {
    planId: PLAN,
    code: 'energy_intensity_cut',
    year: 2023,
    spec: { kind: 'assigned' },
    text: '完成省下达任务',
    basis: 'value',
    source: SOURCE,
  },
];
