import type { Indicator } from '@gz/shared';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../web/src/api/client.ts';
import { cellProblems } from '../../web/src/features/admin/components/plans/cell-problems.ts';
import { areasOf, filterIndicators } from '../../web/src/features/indicators/use-indicator-filters.ts';

/* Pure pieces split out of the large web components: an import refusal at its cells; the list's filters. */

describe('cellProblems: a plan workbook refusal, each problem at its sheet and cell', () => {
  test('sheet!cell, a bare cell and no place at all', () => {
    const error = new ApiError(422, 'invalid_workbook', 'bad workbook', [
      { field: 'body.指标!M5', message: '目标值不是数字' },
      { field: 'body.A1', message: '缺少标题' },
      { field: 'body', message: '不是 xlsx 文件' },
    ]);
    expect(cellProblems(error)).toEqual([
      { sheet: '指标', cell: 'M5', message: '目标值不是数字' },
      { sheet: '—', cell: 'A1', message: '缺少标题' },
      { sheet: '—', cell: '—', message: '不是 xlsx 文件' },
    ]);
  });
});

/** Just the members the filters read. */
const indicator = (code: string, area: string, attribute: 'binding' | 'expected', status: string) =>
  ({
    code,
    category: { code: area, name: `领域${area}` },
    attribute,
    progress: { status },
  }) as unknown as Indicator;

describe('filterIndicators: area, attribute and status together, in the given order', () => {
  const list = [
    indicator('gdp', 'a', 'expected', 'on_track'),
    indicator('energy', 'b', 'binding', 'lagging'),
    indicator('forest', 'b', 'binding', 'achieved'),
    indicator('income', 'a', 'expected', 'lagging'),
  ];
  test.each([
    ['no filter', { area: null, attribute: undefined, status: undefined }, ['gdp', 'energy', 'forest', 'income']],
    ['one area', { area: 'b', attribute: undefined, status: undefined }, ['energy', 'forest']],
    ['a status across areas', { area: null, attribute: undefined, status: 'lagging' as const }, ['energy', 'income']],
    ['all three', { area: 'b', attribute: 'binding' as const, status: 'lagging' as const }, ['energy']],
    ['nothing matches', { area: 'a', attribute: 'binding' as const, status: undefined }, []],
  ])('%s', (_, filters, codes) => {
    expect(filterIndicators(list, filters).map((i) => i.code)).toEqual(codes);
  });
  test('areas once each, in the order their indicators come', () => {
    expect(areasOf(list)).toEqual([
      ['a', '领域a'],
      ['b', '领域b'],
    ]);
  });
});
