import type { Notification } from '@gz/shared';
import { describe, expect, test } from 'vitest';
import { messageText } from '../../web/src/features/messages/message-text.ts';
import { ApiError } from '../../web/src/api/client.ts';
import { errorText } from '../../web/src/components/error-text.ts';
import { en } from '../../web/src/i18n/en.ts';
import { translatorFor } from '../../web/src/i18n/translator.ts';
import { zhCN } from '../../web/src/i18n/zh-CN.ts';

type TFunction = Parameters<typeof messageText>[1];

/** i18next's `t` over one dictionary, as the app has it. */
const translator = (dictionary: typeof zhCN): TFunction =>
  translatorFor(dictionary === en ? 'en' : 'zh-CN', dictionary);

const message = (kind: Notification['kind'], params: Notification['params']): Notification => ({
  id: 1,
  kind,
  params,
  createdAt: '2026-03-20T02:00:00.000Z',
  readAt: null,
});
const round = { roundId: 3, roundName: '2025年度数据填报', dueDate: '2026-03-31', count: 4 };

describe('messages in the UI’s language', () => {
  test.each<[Notification, string, string]>([
    [
      message('value_returned', { indicatorName: 'GDP', year: 2025, valueText: '5500', reason: '与统计公报不一致' }),
      'GDP 2025年的数据 5500 被退回，原因：与统计公报不一致',
      'GDP 2025: the value 5500 was returned. Reason: 与统计公报不一致',
    ],
    [message('review_waiting', { count: 3 }), '有 3 条数据等待审核', '3 values are waiting for review'],
    [
      message('round_opened', round),
      '新的填报任务“2025年度数据填报”：4 项待填报，截止日期 2026-03-31',
      'New reporting round “2025年度数据填报”: 4 items to fill, due 2026-03-31',
    ],
    [
      message('round_due_soon', { ...round, count: 3 }),
      '填报任务“2025年度数据填报”将于 2026-03-31 截止，还有 3 项未完成',
      'Reporting round “2025年度数据填报” is due 2026-03-31; 3 items are still open',
    ],
    [
      message('round_overdue', { ...round, count: 3 }),
      '填报任务“2025年度数据填报”已于 2026-03-31 截止，仍有 3 项未完成',
      'Reporting round “2025年度数据填报” was due 2026-03-31; 3 items are still open',
    ],
    [
      message('task_report_returned', {
        taskId: 7,
        taskTitle: '深赣共建产业园区合作机制',
        reportId: 2,
        reason: '请补充园区签约进度',
      }),
      '任务“深赣共建产业园区合作机制”的进展报告被退回，原因：请补充园区签约进度',
      'The progress report of the task “深赣共建产业园区合作机制” was returned. Reason: 请补充园区签约进度',
    ],
  ])('%#: %s', (n, zh, english) => {
    expect(messageText(n, translator(zhCN))).toBe(zh);
    expect(messageText(n, translator(en))).toBe(english);
  });

  test('refusals with a known code have a message in both dictionaries; others keep the API’s detail', () => {
    const zh = translator(zhCN);
    const english = translator(en);
    const read = (code: string, t: TFunction) => errorText(new ApiError(403, code, 'the API’s detail'), t);
    expect(read('unknown_unit', zh)).toBe('单位不在单位目录中');
    expect(read('no_lead_unit', zh)).toBe('尚未分配牵头单位，请联系管理员');
    expect(read('not_your_unit', zh)).toBe('该指标不属于您所在的单位，不能填报');
    expect(read('role_cannot_enter', english)).toBe('Your role does not enter values');
    expect(read('some_future_code', zh)).toBe('the API’s detail');
  });
});
