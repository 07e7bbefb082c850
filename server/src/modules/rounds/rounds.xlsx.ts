import { type Completeness, type CompletenessRow, SHARE_NUMBER_FORMAT } from '@gz/shared';
import ExcelJS from 'exceljs';
import type { RoundItem } from './rounds.service.ts';

const STATUS_ZH: Record<RoundItem['status'], string> = {
  to_fill: '待填报',
  returned: '已退回',
  pending_review: '待审核',
  approved: '已通过',
};
const OVERDUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8D7DA' } };

/**
 * The 催报表: sheet 完成情况 with asked / filled / approved / returned / overdue and the approved share
 * per lead unit (numbers as numbers; the share as a fraction formatted 0.0%), and sheet 未完成事项 with
 * every item not yet approved, overdue ones shaded.
 */
export async function completenessWorkbook(board: Completeness, items: readonly RoundItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '赣州示范区指标监测平台';
  const summary = wb.addWorksheet('完成情况');
  summary.addRow([`${board.round.name} 催报表`]);
  summary.addRow([`截止日期 ${board.round.dueDate}（北京时间当日24时）`, '', '', `统计时间 ${board.now}`]);
  const header = summary.addRow(['牵头单位', '单位代码', '应报', '已报', '已通过', '已退回', '逾期', '通过率']);
  header.font = { bold: true };
  const names = new Map(board.units.map((u) => [u.unitCode, u.unitName]));
  const add = (label: string, r: CompletenessRow) => {
    const row = summary.addRow([
      label,
      r.unitCode ?? '',
      r.asked,
      r.filled,
      r.approved,
      r.returned,
      r.overdue,
      r.percentApproved / 100,
    ]);
    row.getCell(8).numFmt = SHARE_NUMBER_FORMAT;
    if (r.overdue > 0) row.getCell(7).fill = OVERDUE_FILL;
  };
  for (const r of board.units) add(r.unitName ?? '未分配牵头单位', r);
  add('合计', board.total);
  summary.columns.forEach((c, i) => {
    c.width = i === 0 ? 24 : 10;
  });

  const open = wb.addWorksheet('未完成事项');
  const h = open.addRow(['牵头单位', '指标代码', '指标', '年份', '状态', '退回原因', '逾期']);
  h.font = { bold: true };
  for (const item of items.filter((i) => i.status !== 'approved')) {
    const row = open.addRow([
      item.leadUnit === null ? '未分配牵头单位' : (names.get(item.leadUnit) ?? item.leadUnit),
      item.indicatorCode,
      item.indicatorName,
      item.year,
      STATUS_ZH[item.status],
      item.reason ?? '',
      item.overdue ? '是' : '否',
    ]);
    if (item.overdue) row.eachCell((cell) => (cell.fill = OVERDUE_FILL));
  }
  open.columns.forEach((c, i) => {
    c.width = [20, 22, 36, 8, 10, 30, 6][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
