/**
 * The entry grid's rules (issue 14 item 4), pure: what a cell's form opens with (a source is never taken
 * from another value), who may enter what (the reason in the UI's language), a value shown with its
 * qualifier, and a text for every import problem code in both dictionaries.
 */
import { IMPORT_PROBLEM_CODES, isErrorCode, type ValueQualifier } from '@gz/shared';
import { describe, expect, test } from 'vitest';
import type { Revision } from '../../web/src/api/observations.ts';
import { importProblemText } from '../../web/src/components/error-text.ts';
import { entryRefusal, initialEntry } from '../../web/src/features/entry/entry-access.ts';
import { formatPublished } from '../../web/src/format/published.ts';

type TFunction = Parameters<typeof entryRefusal>[2];
import { en } from '../../web/src/i18n/en.ts';
import { translatorFor } from '../../web/src/i18n/translator.ts';
import { zhCN } from '../../web/src/i18n/zh-CN.ts';

/** i18next's `t` over one dictionary, as the app has it. */
const tOf = (messages: typeof zhCN): TFunction => translatorFor(messages === en ? 'en' : 'zh-CN', messages);
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
    // the API's own refusal texts (one text per error code), except the one that names who enters it
    [editor, of(null), '尚未分配牵头单位，请联系管理员'],
    [{ role: 'reviewer' as const, units: [] }, of('stats', [], '市统计局'), '您的角色不能填报数值'],
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

test('every import problem code has one text in both dictionaries: a refusal’s in `errors`, the others’ in importCodes', () => {
  const own = IMPORT_PROBLEM_CODES.filter((c) => !isErrorCode(c)).sort();
  expect(own.length).toBeLessThan(IMPORT_PROBLEM_CODES.length);
  expect(Object.keys(zhCN.values.importCodes).sort()).toEqual(own);
  expect(Object.keys(en.values.importCodes).sort()).toEqual(own);
  expect(importProblemText('year_locked', zh)).toBe('该年度已锁定，需审核员解锁后才能填报或审核');
  expect(importProblemText('bad_year', zh)).toBe('年份格式不正确，应如 2023');
  expect(importProblemText('bad_year', tOf(en))).toBe(en.values.importCodes.bad_year);
});
