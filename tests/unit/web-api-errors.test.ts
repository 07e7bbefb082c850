import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiRequest } from '../../web/src/api/client.ts';
import { localMessage } from '../../web/src/i18n/messages.ts';

/*
 * Some API field messages carry both languages, "english (中文)", because the API does not know who reads
 * them. The web client shows the side of the UI language; every other message stays as the API wrote it.
 */

describe('localMessage', () => {
  test.each([
    ['the value cannot be negative (数值不能为负)', 'zh-CN', '数值不能为负'],
    ['the value cannot be negative (数值不能为负)', 'en', 'the value cannot be negative'],
    [
      'a rate must lie between -100 and 100 (增速或降幅应在 -100 至 100 之间)',
      'zh-CN',
      '增速或降幅应在 -100 至 100 之间',
    ],
    // full-width brackets count the same
    ['the source is required（请填写来源）', 'zh-CN', '请填写来源'],
    // not of that form: as written
    ['must come before the target year 2025', 'zh-CN', 'must come before the target year 2025'],
    [
      'the workbook needs the sheets 规划 and 指标 (see GET /plans/template.xlsx)',
      'zh-CN',
      'the workbook needs the sheets 规划 and 指标 (see GET /plans/template.xlsx)',
    ],
    ['数值不能为负', 'en', '数值不能为负'],
    // an English part naming something in Chinese is not split: there is no telling which part is which
    ['地区生产总值 must be positive (必须为正)', 'zh-CN', '地区生产总值 must be positive (必须为正)'],
    // a Chinese sentence ending in a remark in brackets is not bilingual
    ['增长7.5%（左右）', 'en', '增长7.5%（左右）'],
  ] as const)('%s (%s) → %s', (message, locale, expected) => {
    expect(localMessage(message, locale)).toBe(expected);
  });
});

describe('apiRequest refusals carry the message of the UI language', () => {
  const problem = {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    code: 'validation_failed',
    detail: 'the value cannot be negative (数值不能为负)',
    errors: [
      { field: 'body.value', message: 'the value cannot be negative (数值不能为负)' },
      { field: 'body.source', message: 'the source is required' },
    ],
  };

  // the UI language is i18next's, as in the app
  beforeAll(() => i18next.init({ lng: 'zh-CN', resources: {}, initAsync: false, showSupportNotice: false }));
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18next.changeLanguage('zh-CN');
  });

  async function refusal(): Promise<ApiError> {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify(problem), { status: 400, headers: { 'content-type': 'application/problem+json' } }),
    );
    const error = await apiRequest('/indicators/gdp/observations/2024', {
      method: 'PUT',
      json: { value: '-5' },
      schema: z.unknown(),
    }).catch((e: unknown) => e);
    if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
    return error;
  }

  test('Chinese UI (the default)', async () => {
    const error = await refusal();
    expect([error.status, error.code, error.detail]).toEqual([400, 'validation_failed', '数值不能为负']);
    expect(error.errors).toEqual([
      { field: 'body.value', message: '数值不能为负' },
      { field: 'body.source', message: 'the source is required' },
    ]);
    expect(error.fieldMessage('value')).toBe('数值不能为负');
    // the problem as the API sent it stays available whole
    expect(error.body).toEqual(problem);
  });

  test('English UI', async () => {
    await i18next.changeLanguage('en');
    const error = await refusal();
    expect(error.fieldMessage('value')).toBe('the value cannot be negative');
    expect(error.detail).toBe('the value cannot be negative');
  });
});
