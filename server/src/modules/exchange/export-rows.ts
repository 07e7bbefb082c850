/**
 * The rows of the values export (SPEED, #13: one body of code for both threads, like import-run.ts): read on the
 * main thread for a CSV or an in-memory database, and in the workbook worker over its own connection for an
 * xlsx export, so that writing a workbook of 2,000 indicators × 16 years holds no reader up.
 */
import { DATA_STATUS_ZH, publishedValueText, type ReviewState, VALUE_QUALIFIER_LABELS } from '@gz/shared';
import type { IndicatorsRepository } from '../indicators/indicators.repository.ts';
import type { StoredRevision } from '../observations/observations.repository.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import type { ExchangeRepository } from './exchange.repository.ts';
import { stateOf } from './import-run.ts';
import type { ExchangeRow } from './workbook.ts';

/** What an export reads through: the repositories over one connection (the main one or the worker's). */
export interface ExportDeps {
  indicators: Pick<IndicatorsRepository, 'listByPlan'>;
  exchange: Pick<ExchangeRepository, 'yearStates'>;
}

const REVIEW_STATE_ZH: Readonly<Record<ReviewState, string>> = {
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
};

/** A revision as the workbook shows it: the value as published, its status and review state in Chinese. */
export function revisionText(rev: StoredRevision): string {
  const shown = publishedValueText(rev.valueText, rev.qualifier);
  const growth = rev.growthRateText === null ? '' : `，可比价增长${rev.growthRateText}%`;
  const reason = rev.reviewState === 'returned' && rev.reviewNote ? `；退回原因：${rev.reviewNote}` : '';
  return `${REVIEW_STATE_ZH[rev.reviewState]}：${shown}（${DATA_STATUS_ZH[rev.dataStatus]}${growth}，修订号${rev.id}）${reason}`;
}

/** Whether a revision stands apart from the value that counts: the newest one, not approved. */
export const apart = (latest: StoredRevision | undefined) =>
  latest !== undefined && latest.reviewState !== 'approved' ? latest : undefined;

/**
 * One row per indicator and year, from the indicator's baseline year to the plan's target year:
 * the counted (approved) value with its data status, source and note; then the review state and id
 * of the year's newest revision. That id comes back as the base of an edit, as the entry form sends
 * it: any revision entered after the export makes the edited row a conflict, while a returned or an
 * own pending revision does not block the year for good. Years without a value suggest the usual source.
 */
export function exportRows({ indicators, exchange }: ExportDeps, plan: PlanRow): ExchangeRow[] {
  const rows: ExchangeRow[] = [];
  const states = exchange.yearStates(plan.id);
  for (const ind of indicators.listByPlan(plan.id)) {
    for (let year = ind.baselineYear; year <= plan.targetYear; year++) {
      const { counted, latest } = stateOf(states, ind.id, year);
      const other = apart(latest);
      rows.push({
        code: ind.code,
        category: ind.categoryName,
        indicator: ind.name,
        unit: ind.unit,
        year,
        value: counted?.valueText ?? null,
        qualifier: counted?.qualifier ? VALUE_QUALIFIER_LABELS[counted.qualifier].zh : null,
        growthRate: counted?.growthRateText ?? null,
        dataStatus: counted ? DATA_STATUS_ZH[counted.dataStatus] : null,
        source: counted?.source ?? ind.dataSource,
        note: counted?.note ?? null,
        counted: counted ? `计入：已通过（修订号${counted.id}）` : '无计入值',
        pending: other ? revisionText(other) : null,
        revision: latest?.id ?? null,
      });
    }
  }
  return rows;
}
