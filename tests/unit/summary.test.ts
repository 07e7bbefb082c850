import {
  DEFAULT_THRESHOLDS,
  PlanProgressSummarySchema,
  evaluationClassOf,
  statusColour,
  statusLabel,
  summarizeProgress,
  type Attribute,
  type Progress,
  type ProgressSummaryItem,
  type Status,
} from '@gz/shared';
import { describe, expect, test } from 'vitest';

/** A computed progress with the given status and schedule ratio; the other fields do not matter to the summary. */
function progress(status: Status, scheduleRatio: number | null = null): Progress {
  const figure = { value: null, reason: 'not needed here' };
  return {
    status,
    label: statusLabel(status, false),
    colour: statusColour(status),
    evaluationClass: evaluationClassOf(status),
    rule: 'test',
    explanation: { zh: '', en: '' },
    evaluationYear: 2023,
    latestYear: 2023,
    latestValue: 1,
    basisYear: 2023,
    stale: false,
    baseline: { year: 2021, value: 1, derived: false },
    target: { kind: 'level', value: 2 },
    targetYear: 2025,
    direction: 1,
    thresholds: DEFAULT_THRESHOLDS,
    figures: {
      elapsedShare: figure,
      completion: figure,
      scheduleRatio: { value: scheduleRatio, reason: scheduleRatio === null ? 'not computable' : null },
      expectedValue: figure,
      requiredPaceFromNow: figure,
      projectedValue: figure,
      actualCagr: figure,
      requiredCagr: figure,
      cagrRatio: figure,
    },
    trend: null,
  };
}

const economy = { code: 'economy', name: '经济发展' };
const green = { code: 'green', name: '绿色生态' };
const people = { code: 'people', name: '民生福祉' };

function item(
  code: string,
  category: { code: string; name: string },
  attribute: Attribute,
  status: Status,
  scheduleRatio: number | null = null,
): ProgressSummaryItem {
  return { code, name: `指标 ${code}`, category, attribute, progress: progress(status, scheduleRatio) };
}

const items: ProgressSummaryItem[] = [
  item('gdp', economy, 'expected', 'on_track', 1.05),
  item('industry', economy, 'expected', 'seriously_lagging', 0.2), // red but expected: not a warning
  item('energy', green, 'binding', 'lagging', 0.8),
  item('carbon', green, 'binding', 'seriously_lagging', null),
  item('water', green, 'binding', 'seriously_lagging', 0.5),
  item('forest', green, 'expected', 'monitoring'),
  item('farmland', economy, 'binding', 'not_achieved'),
  item('pm25', green, 'binding', 'regressing', -0.1),
  item('air', green, 'binding', 'seriously_lagging', 0.5), // ties with water on status and ratio: code decides
  item('childcare', people, 'binding', 'insufficient_data'), // grey, but nothing judged: a warning (数据缺失)
  item('coverage', people, 'binding', 'achieved'), // green: not a warning
  item('soil', green, 'binding', 'target_pending'),
];

describe('summarizeProgress', () => {
  const summary = summarizeProgress(items);

  test('matches the published schema', () => {
    expect(() => PlanProgressSummarySchema.parse(summary)).not.toThrow();
  });

  test('counts every status and class, with zeros present', () => {
    expect(summary.total).toBe(12);
    expect(summary.byStatus).toEqual({
      achieved: 1,
      ahead: 0,
      on_track: 1,
      lagging: 1,
      seriously_lagging: 4, // industry, carbon, water, air
      regressing: 1,
      not_achieved: 1,
      target_pending: 1,
      monitoring: 1,
      insufficient_data: 1,
    });
    // lagging class = lagging 1 + seriously_lagging 4 + regressing 1 + not_achieved 1 = 7; not evaluated = 3
    expect(summary.byClass).toEqual({ achieved: 1, ahead: 0, on_track: 1, lagging: 7, not_evaluated: 3 });
  });

  test('categories in order of first appearance', () => {
    expect(summary.byCategory.map((c) => [c.code, c.name, c.total])).toEqual([
      ['economy', '经济发展', 3], // gdp, industry, farmland
      ['green', '绿色生态', 7], // energy, carbon, water, forest, pm25, air, soil
      ['people', '民生福祉', 2], // childcare, coverage
    ]);
    const economyTally = summary.byCategory[0];
    expect(economyTally?.byStatus.not_achieved).toBe(1);
    expect(economyTally?.byClass).toEqual({ achieved: 0, ahead: 0, on_track: 1, lagging: 2, not_evaluated: 0 });
  });

  test('tallies by attribute', () => {
    // expected: gdp, industry, forest; binding: the other 9
    expect(summary.byAttribute.expected.total).toBe(3);
    expect(summary.byAttribute.binding.total).toBe(9);
    expect(summary.byAttribute.binding.byClass.lagging).toBe(6); // energy, carbon, water, farmland, pm25, air
    expect(summary.byAttribute.expected.byStatus.monitoring).toBe(1);
  });

  test('early warning: binding yellow or red, worst first, then lower ratio (nulls last), then code; then the unknown', () => {
    expect(summary.earlyWarning.map((w) => [w.code, w.status, w.scheduleRatio, w.reason])).toEqual([
      ['farmland', 'not_achieved', null, 'status'],
      ['pm25', 'regressing', -0.1, 'status'],
      ['air', 'seriously_lagging', 0.5, 'status'], // 'air' < 'water'
      ['water', 'seriously_lagging', 0.5, 'status'],
      ['carbon', 'seriously_lagging', null, 'status'],
      ['energy', 'lagging', 0.8, 'status'],
      ['childcare', 'insufficient_data', null, 'missing_data'],
      ['soil', 'target_pending', null, 'target_pending'],
    ]);
    expect(summary.earlyWarning[0]).toEqual({
      code: 'farmland',
      name: '指标 farmland',
      category: economy,
      status: 'not_achieved',
      colour: 'red',
      label: { zh: '未完成', en: 'Not achieved' },
      scheduleRatio: null,
      reason: 'status',
      reasonLabel: { zh: '进度预警', en: 'Behind target' },
      basisYear: 2023,
    });
    expect(summary.earlyWarning.at(5)?.colour).toBe('yellow');
    expect(summary.earlyWarning.at(-1)?.reasonLabel.zh).toBe('目标未下达');
  });

  test('an empty plan has every count at zero', () => {
    const empty = summarizeProgress([]);
    expect(empty.total).toBe(0);
    expect(Object.values(empty.byStatus).every((n) => n === 0)).toBe(true);
    expect(empty.byAttribute.binding.byClass.not_evaluated).toBe(0);
    expect(empty.byCategory).toEqual([]);
    expect(empty.earlyWarning).toEqual([]);
  });
});
