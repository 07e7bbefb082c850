import {
  GROWTH_RATE_RANGE,
  ENTRY_DENIAL_TEXT,
  mayEnterValues,
  type EntryDenial,
  normaliseDecimalInput,
  saneRange,
  type ObservationWrite,
  type ReviewItem,
  entryYears,
} from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { type FieldError, notFound, problem } from '../../lib/problem.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import {
  contributingUnitsOf,
  targetSpecOf,
  type IndicatorRow,
  type IndicatorsRepository,
} from '../indicators/indicators.repository.ts';
import { publishedFields } from '../indicators/indicators.service.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import {
  createReviewQueueQuery,
  type ObservationsRepository,
  type ReviewItemRow,
  type StoredRevision,
} from './observations.repository.ts';

const yearLocked = (planId: string, year: number) =>
  problem('year_locked', `${year} is locked for plan ${planId}; a reviewer must unlock it first.`);

/**
 * Why a principal may not enter values for an indicator, or null when they may: the shared rule
 * `mayEnterValues` (admins anything; editors the indicators whose lead or contributing unit is theirs).
 */
type UnitsOfRow = Pick<IndicatorRow, 'leadUnit' | 'contributingUnits'>;

export function entryDenial(p: Pick<Actor, 'role' | 'units'>, indicator: UnitsOfRow): EntryDenial | null {
  const subject = { leadUnit: indicator.leadUnit, contributingUnits: contributingUnitsOf(indicator) };
  const decision = mayEnterValues(p, subject);
  return decision.allowed ? null : decision.reason;
}

/** Whether a principal may enter values for an indicator (see entryDenial). */
export const mayEdit = (p: Pick<Actor, 'role' | 'units'>, indicator: UnitsOfRow): boolean =>
  entryDenial(p, indicator) === null;

/** The 403 for a refused entry: its code is the rule's reason (not_your_unit, no_lead_unit, role_cannot_enter). */
export const entryRefused = (indicator: Pick<IndicatorRow, 'name'>, reason: EntryDenial) =>
  problem(reason, `You may not enter values for ${indicator.name}: ${ENTRY_DENIAL_TEXT[reason].en}.`);

/** Checks a published comparable growth rate (percent); its decimal text or the field error. */
export function checkGrowthRate(
  raw: string | number | null | undefined,
): { growthRateText: string | null } | { error: FieldError } {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === ''))
    return { growthRateText: null };
  const text =
    typeof raw === 'number'
      ? Number.isFinite(raw)
        ? normaliseDecimalInput(String(raw))
        : null
      : normaliseDecimalInput(raw);
  if (text === null)
    return { error: { field: 'body.growthRate', message: 'not a plain decimal number of percent (e.g. 5.3)' } };
  const n = Number(text);
  if (n < GROWTH_RATE_RANGE.min || n > GROWTH_RATE_RANGE.max) {
    const { min, max } = GROWTH_RATE_RANGE;
    return {
      error: {
        field: 'body.growthRate',
        message: `a growth rate lies between ${min} and ${max} percent (增速应在 ${min} 至 ${max} 之间)`,
      },
    };
  }
  return { growthRateText: text };
}

/**
 * Checks one write against the indicator (value form and sane range, year span); returns the
 * value's decimal text or the field errors. Shared by manual entry and imports.
 */
export function checkWrite(
  plan: PlanRow,
  indicator: IndicatorRow,
  year: number,
  value: string | number,
): { valueText: string } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const span = entryYears(plan, indicator);
  if (!Number.isInteger(year) || year < span.min || year > span.max) {
    errors.push({
      field: 'params.year',
      message: `year must lie between ${span.min} and ${span.max} (年份应在${span.min}至${span.max}年之间)`,
    });
  }
  const valueText =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? normaliseDecimalInput(String(value))
        : null
      : normaliseDecimalInput(value);
  if (valueText === null) {
    errors.push({
      field: 'body.value',
      message: 'not a plain decimal number such as 4523.63 (应为普通数字，如 4523.63)',
    });
    return { errors };
  }
  const range = saneRange({ name: indicator.name, unit: indicator.unit, targetKind: targetSpecOf(indicator).kind });
  const n = Number(valueText);
  if (n < range.min || n > range.max)
    errors.push({ field: 'body.value', message: `${range.reason.en} (${range.reason.zh})` });
  return errors.length > 0 ? { errors } : { valueText };
}

const revisionView = (r: StoredRevision) => ({
  id: r.id,
  year: r.year,
  revisionNo: r.revisionNo,
  valueText: r.valueText,
  value: Number(r.valueText),
  dataStatus: r.dataStatus,
  source: r.source,
  note: r.note,
  reviewState: r.reviewState,
  baseRevisionId: r.baseRevisionId,
  enteredAt: r.enteredAt,
  reviewedAt: r.reviewedAt,
  reviewNote: r.reviewNote,
  ...publishedFields(r),
});
export type RevisionView = ReturnType<typeof revisionView>;

const toReviewItem = (row: ReviewItemRow): ReviewItem => {
  const { previousId, previousValueText, ...rest } = row;
  return {
    ...rest,
    ...publishedFields(row),
    value: Number(row.valueText),
    previous:
      previousId === null || previousValueText === null
        ? null
        : { revisionId: previousId, valueText: previousValueText, value: Number(previousValueText) },
  };
};

/**
 * Entry and review of yearly values. Every write appends a revision (never an update of a value),
 * runs in one immediate transaction with its audit entry, and is refused on a locked year.
 */
export function createObservationsService(deps: {
  db: Db;
  repo: ObservationsRepository;
  indicators: IndicatorsRepository;
  audit: AuditRepository;
}) {
  const { db, repo, audit } = deps;
  const reviewQueue = createReviewQueueQuery(db);

  function indicatorOf(plan: PlanRow, code: string): IndicatorRow {
    return deps.indicators.requireByCode(plan.id, code);
  }

  function reviewable(id: number, p: Actor) {
    const rev = repo.get(id);
    if (!rev) throw notFound(`revision ${id}`);
    if (rev.reviewState !== 'pending')
      throw problem('not_pending', `revision ${id} is ${rev.reviewState}, not pending`);
    if (rev.enteredBy === p.id) throw problem('four_eyes', 'Nobody reviews a value they entered themselves.');
    return rev;
  }

  return {
    /** Appends a pending revision of one indicator-year, after checking rights, the value, the lock and the base revision. */
    write(actor: Actor, plan: PlanRow, code: string, year: number, body: ObservationWrite): RevisionView {
      const p = actor;
      const indicator = indicatorOf(plan, code);
      const denied = entryDenial(p, indicator);
      if (denied !== null) throw entryRefused(indicator, denied);
      const checked = checkWrite(plan, indicator, year, body.value);
      const growth = checkGrowthRate(body.growthRate);
      const errors = [...('errors' in checked ? checked.errors : []), ...('error' in growth ? [growth.error] : [])];
      if ('errors' in checked || 'error' in growth) {
        throw problem('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      }
      return db.transaction(
        () => {
          if (repo.isLocked(plan.id, year)) throw yearLocked(plan.id, year);
          const latest = repo.latest(indicator.id, year);
          if (body.baseRevision !== undefined && (body.baseRevision ?? null) !== (latest?.id ?? null)) {
            throw problem(
              'conflict',
              `The value was changed meanwhile: the latest revision is ${latest?.id ?? 'none'}, you edited ${body.baseRevision ?? 'none'}.`,
              undefined,
              {
                current: latest ? revisionView(latest) : null,
              },
            );
          }
          const created = repo.insert({
            indicatorId: indicator.id,
            year,
            revisionNo: (latest?.revisionNo ?? 0) + 1,
            valueText: checked.valueText,
            dataStatus: body.dataStatus,
            source: body.source,
            note: body.note ?? null,
            baseRevisionId: latest?.id ?? null,
            enteredBy: p.id,
            qualifier: body.qualifier ?? null,
            growthRateText: growth.growthRateText,
          });
          const view = revisionView(created);
          audit.append(actor, {
            action: 'observation.write',
            entityType: 'revision',
            entityId: created.id,
            planId: plan.id,
            indicatorCode: code,
            before: latest ? revisionView(latest) : null,
            after: view,
          });
          return view;
        },
        { behavior: 'immediate' },
      );
    },

    /** Approves a pending revision (it becomes the year's counted value) or returns it with a reason. */
    review(actor: Actor, id: number, state: 'approved' | 'returned', reason: string | null): RevisionView {
      const p = actor;
      return db.transaction(
        () => {
          const rev = reviewable(id, p);
          const { planId, code, planState } = repo.indicatorRef(rev.indicatorId);
          // SEC (#10, M1): a draft plan's values are not reviewed until the plan is published
          if (planState === 'draft') {
            throw problem(
              'plan_not_published',
              `revision ${id} belongs to the draft plan ${planId}; publish the plan first`,
            );
          }
          if (repo.isLocked(planId, rev.year)) throw yearLocked(planId, rev.year);
          const before = revisionView(rev);
          const after = revisionView(repo.setReview(id, state, p.id, reason));
          audit.append(actor, {
            action: state === 'approved' ? 'revision.approve' : 'revision.return',
            entityType: 'revision',
            entityId: id,
            planId,
            indicatorCode: code,
            before,
            after,
          });
          return after;
        },
        { behavior: 'immediate' },
      );
    },

    /** The review queue (or the approved / returned lists), with the value each would replace. */
    queue: (
      state: 'pending' | 'approved' | 'returned',
      planId: string | null,
      page?: { limit: number; offset: number; drafts: boolean },
    ) => reviewQueue(state, planId, page).map(toReviewItem),

    indicatorOf,
  };
}
export type ObservationsService = ReturnType<typeof createObservationsService>;
