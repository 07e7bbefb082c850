/**
 * The seeded plan against the printed table "赣州革命老区高质量发展示范区主要发展指标"
 * (shared/seeds/003_5c55f6ac4dfacb5d.txt, lines 64–253).
 *
 * The EXPECTED table below is typed by hand from the source text, not generated from the seed file:
 * a change to either has to be checked against the printed table.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_THRESHOLDS, DecimalTextSchema, PlanDefinitionSchema } from '@gz/shared';
import type { Attribute, Direction, IndicatorDefinition, TargetSpec } from '@gz/shared';
import { DOCUMENTED_OBSERVATIONS, GANZHOU_2021_2025 } from '@gz/seeds';

type Row = [
  categoryCode: string,
  code: string,
  name: string,
  unit: string,
  baselineText: string | null,
  baselineYear: number,
  targetText: string | null,
  targetSpec: TargetSpec,
  attribute: Attribute,
  direction: Direction,
];

const E: Attribute = 'expected';
const B: Attribute = 'binding';

// prettier-ignore
const EXPECTED: Row[] = [
  // 综合实力
  ['economy', 'gdp', 'GDP', '亿元', '4169.4', 2021, '5500', { kind: 'level', value: 5500 }, E, 1],
  ['economy', 'gdp_per_capita', '人均GDP', '元', '46452', 2021, '54403', { kind: 'level', value: 54403 }, E, 1],
  // 现代产业聚集区
  [
    'industry',
    'industrial_value_added_growth',
    '规模以上工业增加值增速',
    '%',
    '11.6',
    2021,
    '年均7.5左右',
    { kind: 'annual_rate', rate: 7.5 },
    E,
    1,
  ],
  [
    'industry',
    'digital_economy_share',
    '数字经济核心产业增加值占GDP比重',
    '%',
    '7.4',
    2021,
    '9.6',
    { kind: 'level', value: 9.6 },
    E,
    1,
  ],
  [
    'industry',
    'retail_sales',
    '社会消费品零售总额',
    '亿元',
    '1987.68',
    2021,
    '2475',
    { kind: 'level', value: 2475 },
    E,
    1,
  ],
  [
    'industry',
    'rd_intensity',
    '全社会研发投入占GDP比重',
    '%',
    '1.71',
    2021,
    '2.5',
    { kind: 'level', value: 2.5 },
    E,
    1,
  ],
  [
    'industry',
    'strategic_emerging_share',
    '战略性新兴产业增加值占规上工业比重',
    '%',
    '30.3',
    2020,
    '33',
    { kind: 'level', value: 33 },
    E,
    1,
  ],
  // 乡村振兴示范区
  ['rural', 'grain_capacity', '粮食综合生产能力', '亿斤', '51.7', 2021, '52左右', { kind: 'approx', value: 52 }, B, 1],
  [
    'rural',
    'farm_mechanization',
    '主要农作物耕种收综合机械化水平',
    '%',
    '76.3',
    2021,
    '80',
    { kind: 'level', value: 80 },
    E,
    1,
  ],
  [
    'rural',
    'high_standard_farmland',
    '高标准农田面积',
    '万亩',
    '310',
    2021,
    '430',
    { kind: 'level', value: 430 },
    B,
    1,
  ],
  ['rural', 'agri_processing_rate', '农产品加工转化率', '%', '62', 2021, '70', { kind: 'level', value: 70 }, E, 1],
  ['rural', 'rural_sewage_treatment', '农村生活污水处理率', '%', '30', 2021, '40', { kind: 'level', value: 40 }, E, 1],
  [
    'rural',
    'rural_income',
    '农村居民人均可支配收入',
    '元',
    '14675',
    2021,
    '19600',
    { kind: 'level', value: 19600 },
    E,
    1,
  ],
  ['rural', 'urbanization_rate', '常住人口城镇化率', '%', '56.35', 2021, '60', { kind: 'level', value: 60 }, E, 1],
  // 生态文明建设典范区
  ['ecology', 'cultivated_land', '耕地保有量', '万亩', null, 2021, '536.86', { kind: 'floor', value: 536.86 }, B, 1],
  ['ecology', 'energy_intensity_cut', '单位GDP能源消耗降幅', '%', '3.1', 2021, null, { kind: 'assigned' }, B, 1],
  ['ecology', 'non_fossil_share', '非化石能源占一次能源消费比重', '%', '28.8', 2021, null, { kind: 'assigned' }, B, 1],
  ['ecology', 'carbon_intensity_cut', '单位GDP二氧化碳排放降幅', '%', '21', 2020, null, { kind: 'assigned' }, B, 1],
  [
    'ecology',
    'air_quality_good_days',
    '县级及以上城市空气质量优良天数比例',
    '%',
    '99.1',
    2021,
    null,
    { kind: 'assigned' },
    B,
    1,
  ],
  [
    'ecology',
    'surface_water_grade3',
    '地表水达到或好于\u2162类水体比例',
    '%',
    '98.6',
    2021,
    null,
    { kind: 'assigned' },
    B,
    1,
  ],
  ['ecology', 'forest_coverage', '森林覆盖率', '%', '76.23', 2021, null, { kind: 'none' }, E, 1],
  // 革命老区改革开放先行区
  [
    'opening',
    'exports',
    '出口总额',
    '亿元',
    '576.47',
    2021,
    '量稳质升',
    { kind: 'qualitative', rule: 'stable_or_better' },
    E,
    1,
  ],
  [
    'opening',
    'fdi_actual',
    '实际使用外资金额',
    '亿美元',
    '3.58',
    2021,
    '保持稳定',
    { kind: 'qualitative', rule: 'stable' },
    E,
    1,
  ],
  ['opening', 'airport_cargo', '机场货邮吞吐量', '万吨', '0.46', 2021, '1', { kind: 'level', value: 1 }, E, 1],
  [
    'opening',
    'airport_passengers',
    '机场旅客吞吐量',
    '万人次',
    '180.8',
    2021,
    '300',
    { kind: 'level', value: 300 },
    E,
    1,
  ],
  // 革命老区共同富裕试验区
  [
    'prosperity',
    'urban_rural_income_ratio',
    '城乡居民人均可支配收入比',
    '%',
    '2.74',
    2021,
    '2.6',
    { kind: 'level', value: 2.6 },
    E,
    -1,
  ],
  [
    'prosperity',
    'childcare_places',
    '每千人口拥有3岁以下婴幼儿托位数',
    '个',
    null,
    2021,
    '4.5',
    { kind: 'level', value: 4.5 },
    E,
    1,
  ],
  [
    'prosperity',
    'schooling_years',
    '劳动年龄人口平均受教育年限',
    '年',
    '10.24',
    2020,
    '11.3',
    { kind: 'level', value: 11.3 },
    E,
    1,
  ],
  [
    'prosperity',
    'hospital_beds',
    '每千常住人口医疗床位数',
    '张',
    '6.7',
    2021,
    '7.5',
    { kind: 'level', value: 7.5 },
    E,
    1,
  ],
  ['prosperity', 'life_expectancy', '人均预期寿命', '岁', '77.37', 2020, '78.6', { kind: 'level', value: 78.6 }, E, 1],
  [
    'prosperity',
    'pension_coverage',
    '基本养老保险参保率',
    '%',
    '95',
    2021,
    '95.5',
    { kind: 'level', value: 95.5 },
    E,
    1,
  ],
  [
    'prosperity',
    'disability_subsidy_coverage',
    '困难残疾人生活补贴和重度残疾人护理补贴目标人群覆盖率',
    '%',
    '100',
    2021,
    '100',
    { kind: 'maintain', value: 100 },
    B,
    1,
  ],
  // 传承红色基因样板区
  [
    'red_heritage',
    'red_tourism_visitors',
    '红色旅游接待总人数',
    '亿人次',
    '0.635',
    2021,
    '0.8',
    { kind: 'level', value: 0.8 },
    E,
    1,
  ],
  [
    'red_heritage',
    'red_tourism_revenue',
    '红色旅游总收入',
    '亿元',
    '613.5',
    2021,
    '800',
    { kind: 'level', value: 800 },
    E,
    1,
  ],
  [
    'red_heritage',
    'revolutionary_relics',
    '省级及以上革命文物保护单位',
    '个',
    '114',
    2021,
    '稳中有升',
    { kind: 'qualitative', rule: 'rise' },
    E,
    1,
  ],
  [
    'red_heritage',
    'patriotic_bases',
    '省级及以上爱国主义教育基地',
    '个',
    '18',
    2021,
    '稳中有升',
    { kind: 'qualitative', rule: 'rise' },
    E,
    1,
  ],
];

const ASSIGNED_NOTE = '约束性指标具体数值按省下达任务执行';

const seeded: Array<{ categoryCode: string; indicator: IndicatorDefinition }> = PlanDefinitionSchema.parse(
  GANZHOU_2021_2025,
).categories.flatMap((c) => c.indicators.map((indicator) => ({ categoryCode: c.code, indicator })));

function find(code: string) {
  const hit = seeded.find((s) => s.indicator.code === code);
  if (!hit) throw new Error(`indicator ${code} missing from the seed`);
  return hit;
}

describe('plan ganzhou-2021-2025: header', () => {
  test('passes PlanDefinitionSchema', () => {
    expect(() => PlanDefinitionSchema.parse(GANZHOU_2021_2025)).not.toThrow();
  });

  test('plan fields', () => {
    const p = GANZHOU_2021_2025;
    expect(p.id).toBe('ganzhou-2021-2025');
    expect(p.title).toBe('赣州革命老区高质量发展示范区发展规划');
    expect(p.tableTitle).toBe('赣州革命老区高质量发展示范区主要发展指标');
    expect(p.issuer).toBe('国家发展改革委');
    expect(p.document).toContain('发改振兴〔2022〕423号');
    expect(p.document).toContain('赣州革命老区高质量发展示范区建设方案');
    expect(p.baselineYear).toBe(2021);
    expect(p.targetYear).toBe(2025);
    expect(p.outlookYear).toBe(2035);
    expect(PlanDefinitionSchema.parse(p).thresholds).toEqual(DEFAULT_THRESHOLDS);
  });

  test('table note, as printed under the table (注: 约束性指标具体数值按省下达任务执行。)', () => {
    expect(GANZHOU_2021_2025.tableNote).toBe('约束性指标具体数值按省下达任务执行。');
  });

  test('7 categories, in table order', () => {
    expect(GANZHOU_2021_2025.categories.map((c) => [c.code, c.name])).toEqual([
      ['economy', '综合实力'],
      ['industry', '现代产业聚集区'],
      ['rural', '乡村振兴示范区'],
      ['ecology', '生态文明建设典范区'],
      ['opening', '革命老区改革开放先行区'],
      ['prosperity', '革命老区共同富裕试验区'],
      ['red_heritage', '传承红色基因样板区'],
    ]);
    expect(GANZHOU_2021_2025.categories.map((c) => c.indicators.length)).toEqual([2, 5, 7, 7, 4, 7, 4]);
  });

  test('36 indicators, unique codes, in table order; 9 binding and 27 expected', () => {
    expect(seeded).toHaveLength(36);
    expect(EXPECTED).toHaveLength(36);
    expect(new Set(seeded.map((s) => s.indicator.code)).size).toBe(36);
    expect(seeded.map((s) => s.indicator.code)).toEqual(EXPECTED.map((r) => r[1]));
    expect(seeded.filter((s) => s.indicator.attribute === 'binding').map((s) => s.indicator.code)).toEqual([
      'grain_capacity',
      'high_standard_farmland',
      'cultivated_land',
      'energy_intensity_cut',
      'non_fossil_share',
      'carbon_intensity_cut',
      'air_quality_good_days',
      'surface_water_grade3',
      'disability_subsidy_coverage',
    ]);
    expect(seeded.filter((s) => s.indicator.attribute === 'expected')).toHaveLength(27);
  });
});

describe('plan ganzhou-2021-2025: every row against the printed table', () => {
  test.each(EXPECTED)(
    '%s / %s',
    (categoryCode, code, name, unit, baselineText, baselineYear, targetText, targetSpec, attribute, direction) => {
      const { categoryCode: seededCategory, indicator: i } = find(code);
      expect(seededCategory).toEqual(categoryCode);
      expect(i.name).toEqual(name);
      expect(i.unit).toEqual(unit);
      expect(i.baseline.valueText).toEqual(baselineText);
      expect(i.baseline.year).toEqual(baselineYear);
      expect(i.target.text).toEqual(targetText);
      expect(i.target.spec).toEqual(targetSpec);
      expect(i.attribute).toEqual(attribute);
      expect(i.direction).toEqual(direction);
    },
  );

  test('numeric target parameters agree with the printed target text', () => {
    for (const { indicator } of seeded) {
      const { spec, text } = indicator.target;
      if (spec.kind === 'level' || spec.kind === 'floor' || spec.kind === 'maintain')
        expect(String(spec.value)).toBe(text);
      if (spec.kind === 'approx') expect(`${spec.value}左右`).toBe(text);
      if (spec.kind === 'annual_rate') expect(`年均${spec.rate}左右`).toBe(text);
      if (spec.kind === 'assigned' || spec.kind === 'none') expect(text).toBeNull();
    }
  });

  test('names carry no PDF line-break spaces', () => {
    for (const { indicator } of seeded) expect(indicator.name).not.toMatch(/\s/);
  });

  test('blank baselines are null with a note; printed (2020) baselines are noted', () => {
    for (const { indicator } of seeded) {
      if (indicator.baseline.valueText === null) expect(indicator.baseline.note).toBe('规划表未列基期值');
      else expect(DecimalTextSchema.safeParse(indicator.baseline.valueText).success).toBe(true);
      if (indicator.baseline.year === 2020) expect(indicator.baseline.note).toMatch(/2020/);
    }
    expect(seeded.filter((s) => s.indicator.baseline.valueText === null).map((s) => s.indicator.code)).toEqual([
      'cultivated_land',
      'childcare_places',
    ]);
  });

  test('the five binding targets left to the province carry the table note', () => {
    const assigned = seeded.filter((s) => s.indicator.target.spec.kind === 'assigned');
    expect(assigned.map((s) => s.indicator.code)).toEqual([
      'energy_intensity_cut',
      'non_fossil_share',
      'carbon_intensity_cut',
      'air_quality_good_days',
      'surface_water_grade3',
    ]);
    for (const { indicator } of assigned) {
      expect(indicator.attribute).toBe('binding');
      expect(indicator.target.note).toBe(ASSIGNED_NOTE);
    }
  });

  test('unit remarks: only the income ratio, printed as % but a ratio', () => {
    const withNote = seeded.filter((s) => s.indicator.unitNote !== null);
    expect(withNote.map((s) => [s.indicator.code, s.indicator.unitNote])).toEqual([
      ['urban_rural_income_ratio', '规划表印作%，实为城乡收入之比（倍）'],
    ]);
  });

  test('reduction-rate indicators explain that a larger cut is better', () => {
    for (const code of ['energy_intensity_cut', 'carbon_intensity_cut']) {
      const { indicator } = find(code);
      expect(indicator.direction).toBe(1);
      expect(indicator.definition).toMatch(/降幅/);
    }
  });
});

describe('documented observations (figures the plan itself reports)', () => {
  test('exactly the two figures of chapter 1', () => {
    expect(DOCUMENTED_OBSERVATIONS).toEqual([
      {
        planId: 'ganzhou-2021-2025',
        code: 'gdp',
        year: 2022,
        valueText: '4524',
        dataStatus: 'preliminary',
        source: '《赣州革命老区高质量发展示范区发展规划》第一章：2022年总量达4524亿元',
        note: null,
      },
      {
        planId: 'ganzhou-2021-2025',
        code: 'fdi_actual',
        year: 2022,
        valueText: '3.73',
        dataStatus: 'preliminary',
        source: '《赣州革命老区高质量发展示范区发展规划》第一章：2022年,实际利用外资3.73亿美元',
        note: null,
      },
    ]);
  });

  test('each refers to an indicator of the plan, with valid decimal text', () => {
    for (const o of DOCUMENTED_OBSERVATIONS) {
      expect(o.planId).toBe(GANZHOU_2021_2025.id);
      expect(find(o.code).indicator.code).toBe(o.code);
      expect(DecimalTextSchema.safeParse(o.valueText).success).toBe(true);
      expect(o.year).toBeGreaterThan(GANZHOU_2021_2025.baselineYear);
    }
  });
});
