import {
  DEFAULT_THRESHOLDS,
  earlyWarningList,
  earlyWarningSentence,
  evaluateProgress,
  finalVerdict,
  isProvisionalDataStatus,
  staleMark,
  statusWithBasis,
  type FinalVerdictInput,
  type TargetSpec,
} from '@gz/shared';
import { describe, expect, test } from 'vitest';

/** GDP of the method's worked example: x0 = 4169.4 (2021), X = 5500 (2025), d = +1. */
function gdp(
  values: Array<[number, number, string]>,
  target: TargetSpec = { kind: 'level', value: 5500 },
): FinalVerdictInput {
  return {
    direction: 1,
    baseline: { year: 2021, value: 4169.4 },
    target,
    targetYear: 2025,
    observations: values.map(([year, value]) => ({ year, value })),
    dataStatuses: new Map(values.map(([year, , status]) => [year, status])),
    thresholds: DEFAULT_THRESHOLDS,
  };
}

describe('finalVerdict: every verdict, hand-computed', () => {
  // level X = 5500, tolerance for 超额完成 = 2 % of 5500 = 110.
  test.each([
    ['5600 final: 100 ≤ 110 beyond → 完成', [[2025, 5600, 'final']], 'achieved', '完成', false, false],
    ['5700 final: 200 > 110 beyond → 超额完成', [[2025, 5700, 'final']], 'achieved', '超额完成', false, true],
    ['5610 revised: exactly 110 is not beyond → 完成', [[2025, 5610, 'revised']], 'achieved', '完成', false, false],
    ['5600 preliminary → 预计完成', [[2025, 5600, 'preliminary']], 'achieved', '预计完成', true, false],
    ['5400 final → 未完成', [[2025, 5400, 'final']], 'not_achieved', '未完成', false, false],
    [
      '5400 estimate (a status added later) → 预计未完成',
      [[2025, 5400, 'estimate']],
      'not_achieved',
      '预计未完成',
      true,
      false,
    ],
  ] as const)('%s', (_name, values, verdict, label, provisional, exceeded) => {
    const v = finalVerdict(gdp(values.map((x) => [...x])));
    expect(v.verdict).toBe(verdict);
    expect(v.label.zh).toBe(label);
    expect(v.provisional).toBe(provisional);
    expect(v.exceeded).toBe(exceeded);
    expect(v.year).toBe(2025);
    expect(v.value).toBe(values[0][1]);
  });

  test('no value of T → 数据缺失, the 2023 figure only as context (never judged)', () => {
    const v = finalVerdict(
      gdp([
        [2022, 4524, 'final'],
        [2023, 4900, 'final'],
      ]),
    );
    expect(v.verdict).toBe('missing_data');
    expect(v.label.zh).toBe('数据缺失');
    expect(v.value).toBeNull();
    expect(v.context).toEqual({ year: 2023, value: 4900 });
    expect(v.explanation.zh).toBe('2025年无审核通过的数据（最近为2023年的4900，不作评价）');
  });

  test('assigned target → 目标未下达; no target → 仅监测', () => {
    expect(finalVerdict(gdp([[2025, 3, 'final']], { kind: 'assigned' }))).toMatchObject({
      verdict: 'target_pending',
      label: { zh: '目标未下达' },
    });
    expect(finalVerdict(gdp([[2025, 3, 'final']], { kind: 'none' }))).toMatchObject({
      verdict: 'monitoring',
      label: { zh: '仅监测' },
      value: 3,
    });
  });

  test('annual_rate 年均7.5 (tol 0.5): mean 8 → 完成 (0.5 not beyond); mean 9 → 超额完成; mean 6.9 → 未完成', () => {
    const rate = (v: number) =>
      finalVerdict({
        ...gdp([2022, 2023, 2024, 2025].map((y) => [y, v, 'final'])),
        baseline: { year: 2021, value: null },
        target: { kind: 'annual_rate', rate: 7.5 },
      });
    expect(rate(8)).toMatchObject({ verdict: 'achieved', exceeded: false, label: { zh: '完成' } });
    expect(rate(9)).toMatchObject({ verdict: 'achieved', exceeded: true, label: { zh: '超额完成' } });
    // 6.9 < 7.5 − 0.5 = 7.0
    expect(rate(6.9)).toMatchObject({ verdict: 'not_achieved', label: { zh: '未完成' } });
  });

  test('interim classes never appear in a final verdict: 4900 in 2025 is 未完成, not 滞后于预期', () => {
    const v = finalVerdict(
      gdp([
        [2023, 4900, 'final'],
        [2025, 4900, 'final'],
      ]),
    );
    expect(v.verdict).toBe('not_achieved');
    expect(v.label.zh).not.toMatch(/预期/);
  });

  test('provisional: any status but final or revised', () => {
    expect(['final', 'revised', 'preliminary', 'estimate'].map(isProvisionalDataStatus)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('floor breach in the first reported year', () => {
  // 耕地保有量: floor 536.86, the plan leaves the baseline blank; 534.46 reported for 2022.
  const farmland = (values: Array<[number, number]>, evaluationYear: number) =>
    evaluateProgress({
      direction: 1,
      baseline: { year: 2021, value: null },
      target: { kind: 'floor', value: 536.86 },
      targetYear: 2025,
      observations: values.map(([year, value]) => ({ year, value })),
      evaluationYear,
      thresholds: DEFAULT_THRESHOLDS,
    });

  test('534.46 in 2022 < 536.86 → not_achieved (not insufficient_data)', () => {
    const p = farmland([[2022, 534.46]], 2022);
    expect(p.status).toBe('not_achieved');
    expect(p.rule).toBe('floor.breached');
    expect(p.colour).toBe('red');
  });

  test('537.00 in 2022 holds → on_track; no value at all → insufficient_data', () => {
    expect(farmland([[2022, 537]], 2022).status).toBe('on_track');
    expect(farmland([], 2022).status).toBe('insufficient_data');
  });

  test('the final verdict of a breached floor is 未完成', () => {
    const v = finalVerdict({
      direction: 1,
      baseline: { year: 2021, value: null },
      target: { kind: 'floor', value: 536.86 },
      targetYear: 2025,
      observations: [{ year: 2025, value: 534.46 }],
      dataStatuses: new Map([[2025, 'final']]),
      thresholds: DEFAULT_THRESHOLDS,
    });
    expect(v.verdict).toBe('not_achieved');
  });
});

describe('stale marks', () => {
  const base = gdp([[2023, 4900, 'final']]);
  test('judged in 2025 on the 2023 figure: basisYear 2023, 基本符合预期 · 以2023年数据判断', () => {
    // e = (2023 − 2021)/4 = 0.5; c = (4900 − 4169.4)/(5500 − 4169.4) = 730.6/1330.6 = 0.54908; p = 1.0982 → on_track
    const p = evaluateProgress({ ...base, evaluationYear: 2025 });
    expect(p.status).toBe('on_track');
    expect(p.basisYear).toBe(2023);
    expect(p.stale).toBe(true);
    expect(staleMark(p)).toEqual({ zh: '以2023年数据判断', en: 'judged on 2023 data' });
    expect(statusWithBasis(p).zh).toBe('基本符合预期 · 以2023年数据判断');
  });
  test('judged in 2023 on the 2023 figure: not stale, no mark', () => {
    const p = evaluateProgress({ ...base, evaluationYear: 2023 });
    expect(p.basisYear).toBe(2023);
    expect(p.stale).toBe(false);
    expect(staleMark(p)).toBeNull();
    expect(statusWithBasis(p).zh).toBe('基本符合预期');
  });
});

describe('early warning includes the unknown', () => {
  const category = { code: 'ecology', name: '生态文明建设典范区' };
  const judge = (target: TargetSpec, values: Array<[number, number]>, x0: number | null = 100) =>
    evaluateProgress({
      direction: 1,
      baseline: { year: 2021, value: x0 },
      target,
      targetYear: 2025,
      observations: values.map(([year, value]) => ({ year, value })),
      evaluationYear: 2023,
      thresholds: DEFAULT_THRESHOLDS,
    });
  const items = [
    // binding, on track with a current figure: not listed. e = 0.5, c = (105 − 100)/(110 − 100) = 0.5, p = 1
    {
      code: 'ok',
      name: '甲',
      category,
      attribute: 'binding' as const,
      progress: judge({ kind: 'level', value: 110 }, [[2023, 105]]),
    },
    // binding, no figure at all
    {
      code: 'nofig',
      name: '乙',
      category,
      attribute: 'binding' as const,
      progress: judge({ kind: 'level', value: 110 }, []),
    },
    // binding, target pending (按省下达)
    {
      code: 'pending',
      name: '丙',
      category,
      attribute: 'binding' as const,
      progress: judge({ kind: 'assigned' }, [[2023, 3]]),
    },
    // binding, on track but only a 2022 figure in 2023: 数据滞后. e = 0.25, c = 0.3, p = 1.2 → ahead
    {
      code: 'old',
      name: '丁',
      category,
      attribute: 'binding' as const,
      progress: judge({ kind: 'level', value: 110 }, [[2022, 103]]),
    },
    // expected and without a figure: never listed
    {
      code: 'exp',
      name: '戊',
      category,
      attribute: 'expected' as const,
      progress: judge({ kind: 'level', value: 110 }, []),
    },
  ];
  const list = earlyWarningList(items);

  test('lists the binding indicator without a figure, the pending target and the stale one, with reasons', () => {
    expect(list.map((w) => [w.code, w.reason, w.reasonLabel.zh])).toEqual([
      ['nofig', 'missing_data', '数据缺失'],
      ['old', 'stale_data', '数据滞后'],
      ['pending', 'target_pending', '目标未下达'],
    ]);
    expect(list.find((w) => w.code === 'old')?.label.zh).toBe('快于预期 · 以2022年数据判断');
  });

  test('"约束性指标无预警" is not said', () => {
    const sentence = earlyWarningSentence(list);
    expect(sentence).not.toContain('约束性指标无预警');
    expect(sentence).toBe('列入预警的约束性指标3项：乙（数据缺失）、丁（数据滞后）、丙（目标未下达）。');
  });

  test('only when every binding indicator has a current figure and none is yellow or red', () => {
    expect(earlyWarningSentence(earlyWarningList(items.filter((i) => i.code === 'ok' || i.code === 'exp')))).toBe(
      '约束性指标无预警。',
    );
  });
});
