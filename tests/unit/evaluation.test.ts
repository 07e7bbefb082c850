/**
 * The pure report builder and narrative (shared/src/domain/evaluation.ts) and yearly targets
 * (shared/src/domain/annual-targets.ts), on the fixture plan of tests/helpers/evaluation-fixture.ts
 * evaluated with the progress method. Every expectation is worked out by hand.
 */
import {
  annualTargetLine,
  baselineCellText,
  buildEvaluationReport,
  DEFAULT_THRESHOLDS,
  defaultAnnualTargetBasis,
  evaluateProgress,
  evaluationKindOf,
  EvaluationSnapshotSchema,
  judgeAnnualTarget,
  PlanDefinitionSchema,
  reportYears,
  targetCellText,
  type AnnualTargetRecord,
  type AnnualTargetSubject,
  type EvaluationIndicatorInput,
  type EvaluationSnapshot,
} from '@gz/shared';
import { describe, expect, test } from 'vitest';
import { FIXTURE_FINAL_NARRATIVE, FIXTURE_PLAN, FIXTURE_VALUES } from '../helpers/evaluation-fixture.ts';
import { defined } from '../../server/src/lib/invariant.ts';

const PLAN = PlanDefinitionSchema.parse(FIXTURE_PLAN);

/** The fixture's indicators evaluated as of `year`, with the given yearly targets, as the server would build them. */
function inputs(year: number, annualTargets: Record<string, AnnualTargetRecord> = {}): EvaluationIndicatorInput[] {
  let position = 0;
  return PLAN.categories.flatMap((category) =>
    category.indicators.map((ind) => {
      position += 1;
      const values = FIXTURE_VALUES.filter(([code, y]) => code === ind.code && y <= year).map(([, y, valueText]) => ({
        year: y,
        valueText,
      }));
      const baselineValue = ind.baseline.valueText === null ? null : Number(ind.baseline.valueText);
      return {
        code: ind.code,
        name: ind.name,
        position,
        unit: ind.unit,
        attribute: ind.attribute,
        category: { code: category.code, name: category.name },
        direction: ind.direction,
        baseline: {
          value: baselineValue,
          valueText: ind.baseline.valueText,
          year: ind.baseline.year,
          note: ind.baseline.note,
          pending: false,
        },
        target: {
          spec: ind.target.spec,
          text: ind.target.text,
          note: ind.target.note,
          year: PLAN.targetYear,
          undecided: false,
        },
        progress: evaluateProgress({
          direction: ind.direction,
          baseline: { year: ind.baseline.year, value: baselineValue },
          target: ind.target.spec,
          targetYear: PLAN.targetYear,
          observations: values.map((v) => ({ year: v.year, value: Number(v.valueText) })),
          evaluationYear: year,
          thresholds: PLAN.thresholds,
        }),
        assessment: null,
        values,
        annualTarget: annualTargets[ind.code] ?? null,
      };
    }),
  );
}

function report(year: number, annualTargets: Record<string, AnnualTargetRecord> = {}): EvaluationSnapshot {
  return buildEvaluationReport({
    plan: { id: PLAN.id, title: PLAN.title, baselineYear: PLAN.baselineYear, targetYear: PLAN.targetYear },
    year,
    indicators: inputs(year, annualTargets),
    generatedAt: '2026-03-01T00:00:00.000Z',
  });
}

describe('evaluation kind', () => {
  test.each([
    [2021, 2025, 2022, 'annual'],
    [2021, 2025, 2023, 'midterm'],
    [2021, 2025, 2024, 'annual'],
    [2021, 2025, 2025, 'final'],
    [2020, 2025, 2022, 'annual'],
    [2020, 2025, 2023, 'midterm'],
    [2020, 2025, 2025, 'final'],
  ] as const)('plan %i–%i, year %i → %s', (t0, T, year, kind) => {
    expect(evaluationKindOf(t0, T, year)).toBe(kind);
  });

  test('report years run from the year after the earliest baseline to the report year', () => {
    expect(reportYears(2021, [2021, 2020, 2021], 2023)).toEqual([2021, 2022, 2023]);
    expect(reportYears(2021, [2021], 2023)).toEqual([2022, 2023]);
  });
});

describe('final evaluation of the fixture plan (2025)', () => {
  const final = report(2025);

  test('is a final report over the whole period and matches the schema', () => {
    expect(EvaluationSnapshotSchema.parse(final)).toEqual(final);
    expect(final).toMatchObject({
      kind: 'final',
      kindLabel: { zh: '终期评估' },
      title: '测试规划终期评估报告（2025年）',
      elapsedShare: 1,
    });
    expect(final.years).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  test('counts by evaluation class, overall and by attribute', () => {
    expect(final.total).toBe(11);
    expect(final.byClass).toEqual({ achieved: 3, ahead: 1, on_track: 1, lagging: 3, not_evaluated: 3 });
    expect(final.byAttribute.binding.total).toBe(5);
    expect(final.byAttribute.binding.byClass).toEqual({
      achieved: 1,
      ahead: 1,
      on_track: 0,
      lagging: 2,
      not_evaluated: 1,
    });
    expect(final.byAttribute.expected.byClass).toEqual({
      achieved: 2,
      ahead: 0,
      on_track: 1,
      lagging: 1,
      not_evaluated: 2,
    });
    expect(final.byStatus).toMatchObject({ not_achieved: 3, target_pending: 1, monitoring: 1, insufficient_data: 1 });
  });

  test('statuses of each row, area by area', () => {
    expect(final.areas.map((a) => [a.code, a.rows.map((r) => `${r.code}:${r.status}`)])).toEqual([
      ['economy', ['gdp:achieved', 'growth:achieved', 'retail:not_achieved']],
      ['ecology', ['farmland:achieved', 'energy_cut:not_achieved', 'water:target_pending', 'forest:monitoring']],
      ['livelihood', ['beds:on_track', 'coverage:not_achieved', 'childcare:insufficient_data', 'pension:ahead']],
    ]);
    expect(final.areas.map((a) => a.tally.byClass)).toEqual([
      { achieved: 2, ahead: 0, on_track: 0, lagging: 1, not_evaluated: 0 },
      { achieved: 1, ahead: 0, on_track: 0, lagging: 1, not_evaluated: 2 },
      { achieved: 0, ahead: 1, on_track: 1, lagging: 1, not_evaluated: 1 },
    ]);
  });

  test('the early-warning list: binding red ones, the known schedule ratio first, then the unknown with reasons', () => {
    expect(final.earlyWarning.map((w) => [w.code, w.status, w.colour, w.reason])).toEqual([
      ['energy_cut', 'not_achieved', 'red', 'status'],
      ['coverage', 'not_achieved', 'red', 'status'],
      // green, but on a figure older than 2025: 数据滞后
      ['pension', 'ahead', 'green', 'stale_data'],
      ['water', 'target_pending', 'grey', 'target_pending'],
    ]);
  });

  test('the table cells of the economy area', () => {
    const [gdp, growth, retail] = defined(final.areas[0], 'final.areas[0]').rows;
    expect(defined(gdp, 'gdp').actuals.map((a) => a.valueText)).toEqual(['110', '120', '130', null, '155']);
    // c = (155 − 100)/(150 − 100) = 1.1; e = 1
    expect(gdp).toMatchObject({
      completionText: '110.0%',
      elapsedText: '100.0%',
      label: { zh: '已完成' },
      attributeLabel: '预期性',
    });
    expect(defined(gdp, 'gdp').completion).toBeCloseTo(1.1, 12);
    // m = (1.08·1.07·1.075·1.072·1.07)^(1/5) − 1 = 7.3395…%
    expect(growth).toMatchObject({ completion: null, completionText: '年均7.34%', elapsedText: '100.0%' });
    expect(retail).toMatchObject({ completionText: '80.0%', label: { zh: '未完成' } });
    expect(targetCellText(defined(growth, 'growth'))).toBe('年均7.5左右');
    expect(baselineCellText(defined(gdp, 'gdp'), 2020)).toBe('100');
  });

  test('cells of rows without a completion figure', () => {
    const rows = final.areas.flatMap((a) => a.rows);
    const byCode = (code: string) =>
      defined(
        rows.find((r) => r.code === code),
        'rows.find((r) => r.code === code)',
      );
    expect(byCode('water')).toMatchObject({ completionText: '—', elapsedText: '—', label: { zh: '目标待下达' } });
    expect(targetCellText(byCode('water'))).toBe('按省下达');
    expect(targetCellText(byCode('forest'))).toBe('—');
    expect(byCode('childcare').baseline).toEqual({ valueText: '3', year: 2025, derived: true });
    expect(baselineCellText(byCode('childcare'), 2020)).toBe('3（2025年，首个数据）');
  });

  test('the drafted narrative states the figures exactly', () => {
    expect(final.draftNarrative).toBe(FIXTURE_FINAL_NARRATIVE);
  });
});

describe('mid-term evaluation with yearly targets (2023)', () => {
  const targets: Record<string, AnnualTargetRecord> = {
    gdp: {
      year: 2023,
      spec: { kind: 'annual_rate', rate: 7.5 },
      text: '增长7.5%左右',
      source: '2023年政府工作报告',
      basis: 'growth',
    },
    growth: {
      year: 2023,
      spec: { kind: 'annual_rate', rate: 8.5, tolerance: 0 },
      text: '增长8.5%以上',
      source: '2023年政府工作报告',
      basis: 'value',
    },
    pension: {
      year: 2023,
      spec: { kind: 'level', value: 93 },
      text: '93',
      source: '2023年政府工作报告',
      basis: 'value',
    },
  };
  const midterm = report(2023, targets);

  test('is a mid-term report for the middle year of 2021–2025, with columns up to 2023', () => {
    expect(midterm).toMatchObject({
      kind: 'midterm',
      title: '测试规划中期评估报告（2023年）',
      elapsedShare: 0.6,
      years: [2021, 2022, 2023],
    });
  });

  test('judges each yearly target beside the plan target', () => {
    const rows = midterm.areas.flatMap((a) => a.rows);
    const judged = Object.fromEntries(
      rows.filter((r) => r.annualTarget !== null).map((r) => [r.code, defined(r.annualTarget, 'r.annualTarget')]),
    );
    // gdp: 130/120 − 1 = 8.33% ≥ 7.5 − 0.5 → met
    expect(judged.gdp).toMatchObject({ status: 'achieved', label: { zh: '已完成' } });
    expect(defined(judged.gdp, 'judged.gdp').measured).toBeCloseTo((130 / 120 - 1) * 100, 10);
    expect(defined(judged.gdp, 'judged.gdp').explanation.zh).toBe(
      '2023年比上年增长8.33%，年度目标增长7.5%左右，已完成。',
    );
    // growth: 7.5 < 8.5 with no tolerance → missed
    expect(judged.growth).toMatchObject({
      status: 'not_achieved',
      measured: 7.5,
      explanation: { zh: '2023年为7.5，年度目标增长8.5%以上，未完成。' },
    });
    expect(judged.pension).toMatchObject({ status: 'achieved', measured: 94 });
    expect(midterm.annualTargets).toEqual({ total: 3, achieved: 2, notAchieved: 1, insufficientData: 0 });
  });

  test('the narrative ends with the yearly targets', () => {
    expect(midterm.draftNarrative.split('\n\n').at(-1)).toBe(
      '2023年设定年度目标的指标3项中，完成2项，未完成1项。未完成年度目标的指标：规模以上工业增加值增速（2023年为7.5，年度目标增长8.5%以上，未完成）。',
    );
    expect(midterm.draftNarrative.split('\n\n')[0]).toBe(
      '本报告对《测试规划》实施情况进行中期评估，评估截至2023年。规划基期为2020年，目标年为2025年，截至2023年序时进度为60.0%。',
    );
  });

  test('an annual report names its year and counts achieved targets as 提前实现', () => {
    const annual = report(2022);
    expect(annual.kind).toBe('annual');
    expect(annual.draftNarrative.split('\n\n')[0]).toBe(
      '本报告对《测试规划》2022年实施情况进行年度评估。规划基期为2020年，目标年为2025年，截至2022年序时进度为40.0%。',
    );
    expect(annual.draftNarrative.split('\n\n')[1]).toMatch(/^11项主要指标中，提前实现\d+项，/);
  });
});

describe('yearly targets', () => {
  const subject: AnnualTargetSubject = {
    direction: 1,
    thresholds: DEFAULT_THRESHOLDS,
    baseline: { year: 2021, value: 4169.4 },
    values: [{ year: 2022, value: 4524 }],
  };
  const growth = (year: number): AnnualTargetRecord => ({
    year,
    spec: { kind: 'annual_rate', rate: 7.5 },
    text: '7.5%左右',
    source: 's',
    basis: 'growth',
  });

  test('growth from the baseline when the previous year is the baseline year', () => {
    // 4524 / 4169.4 − 1 = 8.5048…% ≥ 7.0
    const judged = judgeAnnualTarget(growth(2022), subject);
    expect(judged.status).toBe('achieved');
    expect(judged.measured).toBeCloseTo((4524 / 4169.4 - 1) * 100, 10);
  });

  test('no value for the year, or none for the year before it → insufficient data', () => {
    expect(judgeAnnualTarget(growth(2023), subject)).toMatchObject({
      status: 'insufficient_data',
      measured: null,
      explanation: { zh: '年度目标7.5%左右；2023年尚无数据。' },
    });
    const gap = { ...subject, values: [{ year: 2024, value: 5000 }] };
    expect(judgeAnnualTarget(growth(2024), gap)).toMatchObject({
      status: 'insufficient_data',
      explanation: { zh: '年度目标7.5%左右；2023年无数据，无法计算增速。' },
    });
  });

  test('a lower-is-better level target', () => {
    const ratio = { ...subject, direction: -1 as const, values: [{ year: 2023, value: 2.65 }] };
    const target = (value: number): AnnualTargetRecord => ({
      year: 2023,
      spec: { kind: 'level', value },
      text: null,
      source: 's',
      basis: 'value',
    });
    expect(judgeAnnualTarget(target(2.7), ratio).status).toBe('achieved');
    expect(judgeAnnualTarget(target(2.6), ratio)).toMatchObject({
      status: 'not_achieved',
      explanation: { zh: '2023年为2.65，年度目标2.6，未完成。' },
    });
  });

  test('the chart point: the target itself, or the previous value grown by the rate', () => {
    expect(annualTargetLine(growth(2023), subject)).toBeCloseTo(4524 * 1.075, 9);
    expect(annualTargetLine(growth(2022), subject)).toBeCloseTo(4169.4 * 1.075, 9);
    expect(annualTargetLine(growth(2025), subject)).toBeNull();
    expect(annualTargetLine({ ...growth(2023), basis: 'value' }, subject)).toBe(7.5);
  });

  test('default basis: growth only for a rate target on an indicator of levels', () => {
    expect(defaultAnnualTargetBasis({ kind: 'annual_rate', rate: 7.5 }, 'level')).toBe('growth');
    expect(defaultAnnualTargetBasis({ kind: 'annual_rate', rate: 8.5 }, 'annual_rate')).toBe('value');
    expect(defaultAnnualTargetBasis({ kind: 'annual_rate', rate: 3 }, 'cumulative_reduction')).toBe('value');
    expect(defaultAnnualTargetBasis({ kind: 'level', value: 5000 }, 'level')).toBe('value');
  });
});
