/**
 * The entry grid's rules (issue 14 item 4), pure: what a cell's form opens with (a source is never taken
 * from another value), who may enter what (the reason in the UI's language), a value shown with its
 * qualifier, and a text for every import problem code in both dictionaries.
 */
import { IMPORT_PROBLEM_CODES, type ValueQualifier } from '@gz/shared';
import { describe, expect, test } from 'vitest';
import type { Revision } from '../../web/src/api/observations.ts';
import { entryRefusal, initialEntry } from '../../web/src/features/entry/entry-access.ts';
import { formatPublished } from '../../web/src/format/published.ts';

type TFunction = Parameters<typeof entryRefusal>[2];
import { en } from '../../web/src/i18n/en.ts';
import { zhCN } from '../../web/src/i18n/zh-CN.ts';

/** t over a dictionary: a dotted key, {{name}} replaced. */
function tOf(messages: object): TFunction {
  const t = (key: string, options?: Record<string, unknown>) => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
    if (typeof node !== 'string') throw new Error(`no message ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name] ?? ''));
  };
  return t as unknown as TFunction;
}
const zh = tOf(zhCN);

const revision = (over: Partial<Revision>): Revision => ({
  year: 2023,
  value: 4500,
  valueText: '4500',
  dataStatus: 'preliminary',
  source: '2023年统计快报',
  note: '快报数',
  reviewState: 'approved',
  revisionId: 7,
  revisionNo: 2,
  enteredBy: 'li',
  enteredAt: '2024-01-20T00:00:00Z',
  qualifier: null,
  displayText: '4500',
  growthRateText: null,
  growthRate: null,
  baseRevisionId: null,
  reviewedBy: 'rita',
  reviewedAt: '2024-01-21T00:00:00Z',
  reviewNote: null,
  ...over,
});

describe('what the entry form opens with', () => {
  test('an empty year: nothing filled in, not even the usual source', () => {
    expect(initialEntry(null, 'ed')).toEqual({
      value: '',
      dataStatus: 'preliminary',
      qualifier: null,
      growthRate: '',
      source: '',
      note: '',
    });
  });

  test('a correction of an approved value: its figures, but never its source or note', () => {
    const base = revision({ qualifier: 'about', growthRateText: '5.3' });
    expect(initialEntry(base, 'ed')).toEqual({
      value: '4500',
      dataStatus: 'preliminary',
      qualifier: 'about',
      growthRate: '5.3',
      source: '',
      note: '',
    });
  });

  test("someone else's pending value: its source is not taken either", () => {
    expect(initialEntry(revision({ reviewState: 'pending', enteredBy: 'li' }), 'ed').source).toBe('');
  });

  test('a returned value, or my own pending one, reopens as entered, source included', () => {
    const returned = revision({
      reviewState: 'returned',
      enteredBy: 'ed',
      reviewNote: '多了一个0',
      valueText: '45000',
      dataStatus: 'estimate',
    });
    expect(initialEntry(returned, 'ed')).toEqual({
      value: '45000',
      dataStatus: 'estimate',
      qualifier: null,
      growthRate: '',
      source: '2023年统计快报',
      note: '快报数',
    });
    expect(initialEntry(revision({ reviewState: 'pending', enteredBy: 'ed' }), 'ed').source).toBe('2023年统计快报');
  });
});

describe('who may enter an indicator', () => {
  const editor = { role: 'editor' as const, units: ['stats'] };
  const of = (leadUnit: string | null, contributingUnits: string[] = [], department: string | null = null) => ({
    leadUnit,
    contributingUnits,
    department,
  });
  test.each([
    [editor, of('stats', [], '市统计局'), null],
    [{ role: 'editor' as const, units: ['disabled'] }, of('civil_affairs', ['disabled'], '市民政局、市残联'), null],
    [editor, of('commerce', [], '市商务局'), '该指标由市商务局填报，你无权填报'],
    [editor, of(null), '该指标尚未分配牵头单位，暂不能填报'],
    [{ role: 'reviewer' as const, units: [] }, of('stats', [], '市统计局'), '只有填报员和管理员可以填报数据'],
    [{ role: 'admin' as const, units: [] }, of(null), null],
  ])('%o on %o → %s', (user, indicator, reason) => {
    expect(entryRefusal(user, indicator, zh)).toBe(reason);
  });

  test('in English too', () => {
    expect(entryRefusal(editor, of('commerce', [], '市商务局'), tOf(en))).toBe(
      '市商务局 enters this indicator; you may not',
    );
  });
});

describe('a value shown as published', () => {
  test.each([
    ['10', 'at_least', 'zh-CN', '10以上'],
    ['4606.2', 'approx', 'zh-CN', '约4,606.2'],
    ['10', 'at_least', 'en', '10 (or more)'],
    ['4524', null, 'zh-CN', '4,524'],
  ] as const)('%s %s (%s) → %s', (text, qualifier: ValueQualifier | null, locale, shown) => {
    expect(formatPublished(text, qualifier, locale, locale === 'en' ? tOf(en) : zh)).toBe(shown);
  });
});

test('every import problem code has a text in both dictionaries', () => {
  expect(Object.keys(zhCN.values.importCodes).sort()).toEqual([...IMPORT_PROBLEM_CODES].sort());
  expect(Object.keys(en.values.importCodes).sort()).toEqual([...IMPORT_PROBLEM_CODES].sort());
});
