import type { Attribute } from '../schemas/common.ts';
import { EVALUATION_CLASSES, STATUSES, type Progress } from '../schemas/progress.ts';
import type { PlanProgressSummary, ProgressTally } from '../schemas/summary.ts';
import { earlyWarningList } from './early-warning.ts';

/** One indicator as the plan summary needs it. */
export interface ProgressSummaryItem {
  code: string;
  name: string;
  category: { code: string; name: string };
  attribute: Attribute;
  progress: Progress;
}

function emptyTally(): ProgressTally {
  return {
    total: 0,
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as ProgressTally['byStatus'],
    byClass: Object.fromEntries(EVALUATION_CLASSES.map((c) => [c, 0])) as ProgressTally['byClass'],
  };
}

function count(tally: ProgressTally, progress: Progress): void {
  tally.total += 1;
  tally.byStatus[progress.status] += 1;
  tally.byClass[progress.evaluationClass] += 1;
}

/**
 * The plan at a glance, from already evaluated indicators: counts by status and evaluation class for the
 * whole plan, per category (in order of first appearance) and per attribute, and the early-warning (预警)
 * list — binding indicators that are yellow or red, worst first, then those whose target is pending or that
 * have no current figure — which leaders see first.
 */
export function summarizeProgress(items: ReadonlyArray<ProgressSummaryItem>): PlanProgressSummary {
  const all = emptyTally();
  const byAttribute = { binding: emptyTally(), expected: emptyTally() };
  const byCategory = new Map<string, PlanProgressSummary['byCategory'][number]>();
  for (const item of items) {
    const { progress } = item;
    count(all, progress);
    count(byAttribute[item.attribute], progress);
    let category = byCategory.get(item.category.code);
    if (category === undefined) {
      category = { code: item.category.code, name: item.category.name, ...emptyTally() };
      byCategory.set(item.category.code, category);
    }
    count(category, progress);
  }
  return { ...all, byCategory: [...byCategory.values()], byAttribute, earlyWarning: earlyWarningList(items) };
}
