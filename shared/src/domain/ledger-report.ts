/*
 * The evaluation report's section 重点任务落实情况, worded from the ledger's figures (task-status.md): counts by
 * status overall and per section of the document, and the tasks past their due date with their units.
 */
import type { LedgerReportSection } from '../schemas/ledger.ts';
import type { ExtraReportSection } from '../schemas/official-report.ts';
import { TASK_STATUS_ZH, TASK_STATUSES } from './task-status.ts';

/** The key of the section in a report's `extraSections`. */
export const KEY_TASKS_SECTION_KEY = 'key_tasks';

const countsText = (counts: Readonly<Record<string, number>>) =>
  TASK_STATUSES.filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${TASK_STATUS_ZH[s]}${counts[s]}项`)
    .join('，');

/**
 * The section text: one paragraph for the whole document, one per section, one for the overdue tasks.
 * `asOfText` is the Chinese date the statuses were judged at; `unitName` names a unit code.
 */
export function keyTasksSection(
  data: LedgerReportSection,
  documentTitle: string,
  asOfText: string,
  unitName: (code: string) => string,
): ExtraReportSection {
  const paragraphs: string[] = [];
  const { total } = data;
  if (total.total === 0) {
    paragraphs.push(`截至${asOfText}，《${documentTitle}》的各项举措尚未分解为工作任务，暂无落实情况可报。`);
  } else {
    paragraphs.push(
      `截至${asOfText}，《${documentTitle}》共分解工作任务${total.total}项，其中${countsText(total.counts)}。`,
    );
  }
  for (const s of data.sections) {
    const tasks =
      s.rollup.total === 0 ? '尚无工作任务' : `工作任务${s.rollup.total}项（${countsText(s.rollup.counts)}）`;
    const undivided = s.measuresWithoutTask > 0 ? `，其中${s.measuresWithoutTask}项尚未分解` : '';
    // the document's own part number (二、…) would read as a heading of the report: the part is named by its title
    paragraphs.push(`“${s.title}”部分：举措${s.measureCount}项${undivided}；${tasks}。`);
  }
  if (data.overdue.length > 0) {
    const items = data.overdue.map((t) => {
      const lead = t.leadUnit === null ? '未明确牵头单位' : `牵头单位${unitName(t.leadUnit)}`;
      const helpers = t.contributingUnits.length > 0 ? `，配合单位${t.contributingUnits.map(unitName).join('、')}` : '';
      return `“${t.title}”（${lead}${helpers}）应于${t.dueDate}完成，已逾期${t.daysPastDue}天`;
    });
    paragraphs.push(`逾期未完成的任务${data.overdue.length}项：${items.join('；')}。`);
  }
  return { key: KEY_TASKS_SECTION_KEY, title: '重点任务落实情况', text: paragraphs.join('\n') };
}
