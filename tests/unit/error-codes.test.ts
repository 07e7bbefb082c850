/**
 * One list of error codes (shared ERROR_STATUS), one factory on the server, and the web's dictionaries
 * cover every code and every reason a figure can be missing for: the Chinese texts hold no English word
 * (file types aside), so the zh-CN UI never falls back to the API's English detail for a known code.
 */
import { ERROR_CODES, ERROR_STATUS, FIGURE_REASONS, parseFigureReason, type Indicator } from '@gz/shared';
import { problem } from '@gz/server/lib/problem.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiError } from '../../web/src/api/client.ts';
import { errorText } from '../../web/src/components/error-text.ts';
import { figureReasonText } from '../../web/src/format/figure-reason.ts';
import { en } from '../../web/src/i18n/en.ts';
import { translatorFor } from '../../web/src/i18n/translator.ts';
import { zhCN } from '../../web/src/i18n/zh-CN.ts';
import { buildTestApp, expectStatus } from '../helpers/app.ts';

const LATIN_WORD = /[A-Za-z]{2,}/g;
// file types and the megabyte: names a Chinese reader sees in Latin letters too (as in the zh-CN page walk)
const ALLOWED = new Set(['xlsx', 'csv', 'pdf', 'office', 'mb']);
// {{count}} and other placeholders are filled in, never shown
const english = (text: string) =>
  (text.replace(/\{\{\w+\}\}/g, '').match(LATIN_WORD) ?? []).filter((w) => !ALLOWED.has(w.toLowerCase()));

// i18next's `t` over each dictionary, as the app has it
const zh = { getFixedT: (_: string) => translatorFor('zh-CN', zhCN) };
const enT = { getFixedT: (_: string) => translatorFor('en', en) };

describe('error codes', () => {
  test('the factory takes status and title from the code', () => {
    const e = problem('year_locked', '2023 is locked');
    expect([e.status, e.code, e.title, e.message]).toEqual([423, 'year_locked', 'Locked', '2023 is locked']);
    expect(problem('not_your_unit', 'x').status).toBe(403);
    expect(problem('import_rejected', 'x', undefined, { report: 1 }).extra).toEqual({ report: 1 });
  });

  test('every code has a Chinese text without English words, and an English one', () => {
    expect(Object.keys(zhCN.errors).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(en.errors).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      expect(english(zhCN.errors[code]), code).toEqual([]);
      expect(zhCN.errors[code]).not.toBe(en.errors[code]);
    }
    expect(ERROR_STATUS.validation_failed).toBe(400);
  });

  test('no other part of a dictionary repeats an error code’s text: each code has its text in one place', () => {
    for (const messages of [zhCN, en]) {
      const texts = new Set<string>(Object.values(messages.errors));
      const repeats: string[] = [];
      const walk = (node: unknown, path: string): void => {
        if (typeof node === 'string') {
          if (texts.has(node)) repeats.push(`${path}: ${node}`);
        } else if (typeof node === 'object' && node !== null) {
          for (const [key, value] of Object.entries(node))
            if (key !== 'errors' || path !== '') walk(value, `${path}.${key}`);
        }
      };
      walk(messages, '');
      expect(repeats).toEqual([]);
    }
  });

  test('the web shows a known code from the dictionary and an unknown one by its detail', () => {
    const t = zh.getFixedT('zh-CN');
    const known = new ApiError(
      403,
      'not_your_unit',
      'You may not enter values for 地区生产总值: the indicator belongs to another unit.',
    );
    expect(errorText(known, t)).toBe('该指标不属于您所在的单位，不能填报');
    expect(errorText(new ApiError(409, 'some_future_code', 'a detail'), t)).toBe('a detail');
    expect(errorText(new ApiError(0, 'network_error', 'fetch failed'), t)).toBe('无法连接服务器，请检查网络');
  });
});

describe('figure reasons', () => {
  const t = () => zh.getFixedT('zh-CN');
  test('each fixed reason, and the two with a part, read in Chinese', () => {
    for (const reason of Object.values(FIGURE_REASONS)) {
      const text = figureReasonText(reason, t());
      expect(text, reason).not.toBe(reason);
      expect(english(text.replace('-100%', '').replace('100%', '')), reason).toEqual([]);
    }
    expect(figureReasonText('target year reached', t())).toBe('已到目标年');
    expect(figureReasonText('latest value is not positive', t())).toBe('最新值不是正数');
    expect(figureReasonText('not defined for kind qualitative', t())).toBe('不适用于“定性”类目标');
    expect(figureReasonText('target year reached', enT.getFixedT('en'))).toBe('target year reached');
    // a text the rules do not give is shown as it is
    expect(figureReasonText('something new', t())).toBe('something new');
  });

  let app: Awaited<ReturnType<typeof buildTestApp>>;
  beforeAll(async () => {
    app = await buildTestApp({ PUBLIC_READ: true });
  });
  afterAll(() => app.close());

  test('every reason the seeded plan’s figures give is one the dictionaries know', async () => {
    const list = expectStatus<Indicator[]>(await app.inject({ url: '/api/v1/indicators' }), 200);
    const reasons = new Set(
      list.flatMap((i) => Object.values(i.progress.figures).flatMap((f) => (f.reason === null ? [] : [f.reason]))),
    );
    expect(reasons.size).toBeGreaterThan(3);
    for (const reason of reasons) expect(parseFigureReason(reason), reason).not.toBeNull();
  });
});
