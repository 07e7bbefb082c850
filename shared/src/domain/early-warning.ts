import type { Attribute } from '../schemas/common.ts';
import type { Progress } from '../schemas/progress.ts';
import type { EarlyWarningItem, EarlyWarningReason } from '../schemas/summary.ts';
import type { BilingualText } from './status-labels.ts';
import { compareSeverity } from './status-labels.ts';
import { statusWithBasis } from './stale.ts';

/*
 * Early warning includes the unknown (docs/progress-method.md): a binding indicator is on the list when it is
 * yellow or red, and also when its target is still pending or it has no figure for the evaluation year.
 * "约束性指标无预警" may be said only when the list is empty.
 */

/** Labels of the reasons an indicator is on the early-warning list. */
export const EARLY_WARNING_REASON_LABELS: Readonly<Record<EarlyWarningReason, BilingualText>> = {
  status: { zh: '进度预警', en: 'Behind target' },
  target_pending: { zh: '目标未下达', en: 'Target not assigned' },
  missing_data: { zh: '数据缺失', en: 'Data missing' },
  stale_data: { zh: '数据滞后', en: 'Data out of date' },
};

/**
 * Why a binding indicator is on the early-warning list, or null when it is not: target_pending (target not
 * assigned), status (yellow or red), missing_data (no figure at all, or none the method can judge), stale_data
 * (its latest figure is older than the evaluation year). Expected (预期性) indicators are never listed.
 */
export function earlyWarningReason(attribute: Attribute, progress: Progress): EarlyWarningReason | null {
  if (attribute !== 'binding') return null;
  if (progress.status === 'target_pending') return 'target_pending';
  if (progress.colour === 'yellow' || progress.colour === 'red') return 'status';
  if (progress.latestYear === null || progress.status === 'insufficient_data') return 'missing_data';
  if (progress.latestYear < progress.evaluationYear) return 'stale_data';
  return null;
}

/** One indicator as the early-warning list needs it. */
export interface EarlyWarningCandidate {
  code: string;
  name: string;
  category: { code: string; name: string };
  attribute: Attribute;
  progress: Progress;
}

const REASON_ORDER: readonly EarlyWarningReason[] = ['status', 'missing_data', 'stale_data', 'target_pending'];

/** Early-warning order: red/yellow first (worst status, lowest ratio), then the unknown; ties by code. */
function compareWarnings(a: EarlyWarningItem, b: EarlyWarningItem): number {
  const byReason = REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason);
  if (byReason !== 0) return byReason;
  const bySeverity = compareSeverity(a.status, b.status);
  if (bySeverity !== 0) return bySeverity;
  if (a.scheduleRatio !== b.scheduleRatio) {
    if (a.scheduleRatio === null) return 1;
    if (b.scheduleRatio === null) return -1;
    return a.scheduleRatio - b.scheduleRatio;
  }
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** The early-warning (预警) list of a set of evaluated indicators, in the order leaders read it. */
export function earlyWarningList(items: ReadonlyArray<EarlyWarningCandidate>): EarlyWarningItem[] {
  const list: EarlyWarningItem[] = [];
  for (const item of items) {
    const reason = earlyWarningReason(item.attribute, item.progress);
    if (reason === null) continue;
    const { progress } = item;
    list.push({
      code: item.code,
      name: item.name,
      category: { ...item.category },
      status: progress.status,
      colour: progress.colour,
      label: statusWithBasis(progress),
      scheduleRatio: progress.figures.scheduleRatio.value,
      reason,
      reasonLabel: { ...EARLY_WARNING_REASON_LABELS[reason] },
      basisYear: progress.basisYear,
    });
  }
  return list.sort(compareWarnings);
}

/**
 * The sentence on binding indicators a report or the overview may print: "约束性指标无预警" only when the list is
 * empty (every binding indicator has a current figure and none is yellow or red); otherwise it names them.
 */
export function earlyWarningSentence(
  list: ReadonlyArray<Pick<EarlyWarningItem, 'name' | 'label' | 'reason' | 'reasonLabel'>>,
): string {
  if (list.length === 0) return '约束性指标无预警。';
  const named = list.map((w) => `${w.name}（${w.reason === 'status' ? w.label.zh : w.reasonLabel.zh}）`);
  return `列入预警的约束性指标${list.length}项：${named.join('、')}。`;
}
