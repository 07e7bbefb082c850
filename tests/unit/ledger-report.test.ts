/**
 * The evaluation report's 重点任务落实情况 is worded from the ledger's figures: counts by status overall and per
 * section, measures not yet split into tasks, and the overdue tasks with their units. Texts written out by hand.
 */
import { keyTasksSection, type LedgerReportSection, type StatusRollup } from '@gz/shared';
import { describe, expect, test } from 'vitest';

const rollup = (counts: Partial<StatusRollup['counts']>, colour: StatusRollup['colour']): StatusRollup => {
  const full = { completed: 0, not_started: 0, overdue: 0, report_missing: 0, on_schedule: 0, behind: 0, ...counts };
  return { counts: full, total: Object.values(full).reduce((a, b) => a + b, 0), colour };
};
const NAMES: Record<string, string> = { ndrc: '市发展改革委', stats: '市统计局' };
const name = (code: string) => NAMES[code] ?? code;

describe('keyTasksSection', () => {
  test('no task yet: says so, and every section counts its measures as not split', () => {
    const data: LedgerReportSection = {
      asOf: '2026-11-30',
      documentId: 'gz-2026-urban',
      sections: [
        { no: '二', title: '优化城市体系', measureCount: 3, measuresWithoutTask: 3, rollup: rollup({}, null) },
      ],
      total: rollup({}, null),
      overdue: [],
    };
    expect(keyTasksSection(data, '关于推动赣州城市高质量发展的实施意见', '2026年11月30日', name)).toEqual({
      key: 'key_tasks',
      title: '重点任务落实情况',
      text:
        '截至2026年11月30日，《关于推动赣州城市高质量发展的实施意见》的各项举措尚未分解为工作任务，暂无落实情况可报。\n' +
        '“优化城市体系”部分：举措3项，其中3项尚未分解；尚无工作任务。',
    });
  });

  test('tasks by status, per section, and the overdue ones with lead and contributing units', () => {
    const data: LedgerReportSection = {
      asOf: '2026-11-30',
      documentId: 'gz-2026-urban',
      sections: [
        {
          no: '二',
          title: '优化城市体系',
          measureCount: 3,
          measuresWithoutTask: 1,
          rollup: rollup({ completed: 1, not_started: 1 }, 'red'),
        },
        {
          no: '三',
          title: '增强城市发展动能',
          measureCount: 4,
          measuresWithoutTask: 3,
          rollup: rollup({ behind: 1 }, 'yellow'),
        },
      ],
      total: rollup({ completed: 1, not_started: 1, behind: 1 }, 'red'),
      overdue: [
        {
          taskId: 2,
          title: '编制都市区规划',
          measureId: 'gz2026-01',
          measureTitle: '（一）推进区域联动发展',
          leadUnit: 'ndrc',
          contributingUnits: ['stats', 'natres'],
          dueDate: '2026-06-30',
          daysPastDue: 153,
          status: 'not_started',
        },
      ],
    };
    expect(keyTasksSection(data, '实施意见', '2026年11月30日', name).text.split('\n')).toEqual([
      '截至2026年11月30日，《实施意见》共分解工作任务3项，其中已完成1项，未启动1项，进度滞后1项。',
      '“优化城市体系”部分：举措3项，其中1项尚未分解；工作任务2项（已完成1项，未启动1项）。',
      '“增强城市发展动能”部分：举措4项，其中3项尚未分解；工作任务1项（进度滞后1项）。',
      '逾期未完成的任务1项：“编制都市区规划”（牵头单位市发展改革委，配合单位市统计局、natres）应于2026-06-30完成，已逾期153天。',
    ]);
  });
});
