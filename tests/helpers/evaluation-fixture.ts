import { DEFAULT_THRESHOLDS, type IndicatorDefinition, type PlanDefinition, type TargetSpec } from '@gz/shared';
import { expectStatus, type buildTestApp, type Session } from './app.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

/*
 * A small plan with known values, used by the evaluation tests at two levels: the pure report builder
 * (tests/unit/evaluation.test.ts) and the API (tests/api/evaluations.test.ts). Eleven indicators in three
 * areas, chosen so that the final (2025) evaluation touches every evaluation class; the expected statuses are
 * worked out by hand in those tests.
 */

export const FIXTURE_PLAN_ID = 'test-2020-2025';

function indicator(
  code: string,
  name: string,
  unit: string,
  attribute: 'binding' | 'expected',
  baseline: string | null,
  spec: TargetSpec,
  text: string | null,
): IndicatorDefinition {
  return {
    code,
    name,
    unit,
    unitNote: null,
    attribute,
    direction: 1,
    baseline: { valueText: baseline, year: 2020, note: null },
    target: { spec, text, note: null },
    definition: null,
    leadUnit: null,
    contributingUnits: [],
    dataSource: null,
  };
}

export const FIXTURE_PLAN: PlanDefinition = {
  id: FIXTURE_PLAN_ID,
  title: '测试规划',
  tableTitle: '测试规划主要指标',
  issuer: null,
  document: null,
  baselineYear: 2020,
  targetYear: 2025,
  outlookYear: null,
  thresholds: { ...DEFAULT_THRESHOLDS },
  tableNote: null,
  categories: [
    {
      code: 'economy',
      name: '经济发展',
      indicators: [
        indicator('gdp', 'GDP', '亿元', 'expected', '100', { kind: 'level', value: 150 }, '150'),
        indicator(
          'growth',
          '规模以上工业增加值增速',
          '%',
          'expected',
          '9',
          { kind: 'annual_rate', rate: 7.5 },
          '年均7.5左右',
        ),
        indicator('retail', '社会消费品零售总额', '亿元', 'expected', '200', { kind: 'level', value: 300 }, '300'),
      ],
    },
    {
      code: 'ecology',
      name: '生态环境',
      indicators: [
        indicator('farmland', '耕地保有量', '万亩', 'binding', '510', { kind: 'floor', value: 500 }, '500'),
        indicator(
          'energy_cut',
          '单位GDP能耗降幅',
          '%',
          'binding',
          '3.1',
          { kind: 'cumulative_reduction', value: 13.5 },
          '13.5',
        ),
        indicator('water', '地表水达到或好于Ⅲ类水体比例', '%', 'binding', '98', { kind: 'assigned' }, null),
        indicator('forest', '森林覆盖率', '%', 'expected', '76', { kind: 'none' }, null),
      ],
    },
    {
      code: 'livelihood',
      name: '民生保障',
      indicators: [
        indicator('beds', '每千人口医疗床位数', '张', 'expected', '6', { kind: 'level', value: 7 }, '7'),
        indicator('coverage', '残疾人补贴覆盖率', '%', 'binding', '100', { kind: 'maintain', value: 100 }, '100'),
        indicator('childcare', '每千人口托位数', '个', 'expected', null, { kind: 'level', value: 4.5 }, '4.5'),
        indicator('pension', '基本养老保险参保率', '%', 'binding', '90', { kind: 'level', value: 95 }, '95'),
      ],
    },
  ],
};

/** The approved values of the fixture, as [code, year, value]. */
export const FIXTURE_VALUES: ReadonlyArray<readonly [string, number, string]> = [
  ['gdp', 2021, '110'],
  ['gdp', 2022, '120'],
  ['gdp', 2023, '130'],
  ['gdp', 2025, '155'],
  ['growth', 2021, '8'],
  ['growth', 2022, '7'],
  ['growth', 2023, '7.5'],
  ['growth', 2024, '7.2'],
  ['growth', 2025, '7.0'],
  ['retail', 2025, '280'],
  ['farmland', 2025, '505'],
  ['energy_cut', 2021, '3'],
  ['energy_cut', 2022, '3'],
  ['energy_cut', 2023, '3'],
  ['energy_cut', 2024, '2'],
  ['energy_cut', 2025, '2'],
  ['forest', 2024, '77'],
  ['beds', 2024, '6.8'],
  ['coverage', 2025, '99'],
  ['childcare', 2025, '3'],
  ['pension', 2023, '94'],
];

/**
 * The narrative the final (2025) evaluation of the fixture drafts, worked out by hand:
 * achieved — gdp (155 ≥ 150), growth (geometric mean 7.34% ≥ 7.5 − 0.5), farmland (505 holds the floor 500);
 * ahead — pension (2023: e = 3/5, c = 4/5, p = 1.33); on track — beds (2024: e = 4/5, c = 0.8, p = 1.0);
 * not achieved — retail (280 < 300), energy_cut (cut 1 − 0.97³·0.98² = 12.35% < 13.5), coverage (99 < 100);
 * not evaluated — water (target pending), forest (monitoring), childcare (one value, no baseline).
 */
export const FIXTURE_FINAL_NARRATIVE = [
  '本报告对《测试规划》实施情况进行终期评估，评估截至规划目标年2025年。规划基期为2020年，目标年为2025年，截至2025年序时进度为100.0%。',
  '11项主要指标中，已完成3项，快于预期1项，基本符合预期1项，滞后于预期3项（其中未完成3项），未评估3项（目标待下达1项、仅监测1项、数据不足1项）。',
  '约束性指标5项中，已完成1项，快于预期1项，基本符合预期0项，滞后于预期2项（其中未完成2项），未评估1项（目标待下达1项）。' +
    '列入预警的约束性指标4项：单位GDP能耗降幅（未完成）、残疾人补贴覆盖率（未完成）、基本养老保险参保率（数据滞后）、地表水达到或好于Ⅲ类水体比例（目标未下达）。',
  '预期性指标6项中，已完成2项，快于预期0项，基本符合预期1项，滞后于预期1项（其中未完成1项），未评估2项（仅监测1项、数据不足1项）。' +
    '滞后于预期的预期性指标：社会消费品零售总额（未完成）。',
].join('\n\n');

/**
 * The same narrative as the API drafts it, where every row carries its final verdict on the value of 2025 (the
 * method's 终期 rule, worked out by hand): 完成 — gdp (155 ≥ 150, and 155 − 150 = 5 > 2 % of 150 = 3: 超额完成),
 * growth (7.34 ≥ 7.0; not beyond 7.5 + 0.5), farmland (505 ≥ 500; 5 ≤ 2 % of 500 = 10); 未完成 — retail,
 * energy_cut, coverage, childcare (3 < 4.5 in 2025); 数据缺失 — pension (latest 2023), beds (latest 2024);
 * 目标未下达 — water; 仅监测 — forest.
 */
export const FIXTURE_FINAL_NARRATIVE_API = [
  '本报告对《测试规划》实施情况进行终期评估，评估截至规划目标年2025年。规划基期为2020年，目标年为2025年，截至2025年序时进度为100.0%。',
  '11项主要指标中，完成3项（其中超额完成1项），未完成4项，数据缺失2项，目标未下达1项，仅监测1项。',
  '5项约束性指标中，完成1项，未完成2项，数据缺失1项，目标未下达1项。' +
    '列入预警的约束性指标4项：单位GDP能耗降幅（未完成）、残疾人补贴覆盖率（未完成）、基本养老保险参保率（数据滞后）、地表水达到或好于Ⅲ类水体比例（目标未下达）。',
  '6项预期性指标中，完成2项（其中超额完成1项），未完成2项，数据缺失1项，仅监测1项。',
].join('\n\n');

/** Enters a value as `editor` and approves it as `reviewer` (two people: nobody reviews their own entry). */
export async function enterApproved(
  app: App,
  editor: Session,
  reviewer: Session,
  planId: string,
  code: string,
  year: number,
  value: string,
): Promise<number> {
  const written = await app.inject({
    method: 'PUT',
    url: `/api/v1/indicators/${code}/observations/${year}?plan=${planId}`,
    headers: editor.headers,
    payload: { value, dataStatus: 'final', source: '测试数据' },
  });
  const { id } = expectStatus<{ id: number }>(written, 201);
  expectStatus(
    await app.inject({ method: 'POST', url: `/api/v1/revisions/${id}/approve`, headers: reviewer.headers }),
    200,
  );
  return id;
}

/** Creates the fixture plan through the API as `admin`, publishes it and enters its values (approved by `reviewer`). */
export async function loadFixturePlan(app: App, admin: Session, reviewer: Session): Promise<void> {
  expectStatus(
    await app.inject({ method: 'POST', url: '/api/v1/plans', headers: admin.headers, payload: FIXTURE_PLAN }),
    201,
  );
  expectStatus(
    await app.inject({ method: 'POST', url: `/api/v1/plans/${FIXTURE_PLAN_ID}/publish`, headers: admin.headers }),
    200,
  );
  for (const [code, year, value] of FIXTURE_VALUES)
    await enterApproved(app, admin, reviewer, FIXTURE_PLAN_ID, code, year, value);
}
