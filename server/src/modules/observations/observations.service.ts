import {
  normaliseDecimalInput,
  saneRange,
  type ObservationWrite,
  type ReviewItem,
} from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { type FieldError, notFound, ProblemError } from '../../lib/problem.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { targetSpecOf, type IndicatorRow, type IndicatorsRepository } from '../indicators/indicators.repository.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import { createReviewQueueQuery, type ObservationsRepository, type ReviewItemRow, type StoredRevision } from './observations.repository.ts';

/** How many years past the target year values may still be entered (carrying into the next plan). */
export const YEARS_AFTER_TARGET = 5;

const yearLocked = (planId: string, year: number) =>
  new ProblemError(423, 'year_locked', 'Locked', `${year} is locked for plan ${planId}; a reviewer must unlock it first.`);

/**
 * Whether a principal may enter values for an indicator: admins anything, editors their departments'
 * indicators. An indicator shared by several departments lists them with 、 ('市民政局、市残联'); each may enter it.
 */
export function mayEdit(p: Pick<Actor, 'role' | 'departments'>, indicator: Pick<IndicatorRow, 'department'>): boolean {
  if (p.role === 'admin') return true;
  if (p.role !== 'editor' || indicator.department === null) return false;
  return [indicator.department, ...indicator.department.split('、')].some((d) => p.departments.includes(d.trim()));
}

/** The years a value may be entered for: from the indicator's baseline year to a few years past the plan. */
export const entryYears = (plan: PlanRow, indicator: Pick<IndicatorRow, 'baselineYear'>) => ({
  min: Math.min(indicator.baselineYear, plan.baselineYear),
  max: plan.targetYear + YEARS_AFTER_TARGET,
});

/**
 * Checks one write against the indicator (value form and sane range, year span); returns the
 * value's decimal text or the field errors. Shared by manual entry and imports.
 */
export function checkWrite(plan: PlanRow, indicator: IndicatorRow, year: number, value: string | number): { valueText: string } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const span = entryYears(plan, indicator);
  if (!Number.isInteger(year) || year < span.min || year > span.max) {
    errors.push({ field: 'params.year', message: `year must lie between ${span.min} and ${span.max}` });
  }
  const valueText = typeof value === 'number' ? (Number.isFinite(value) ? normaliseDecimalInput(String(value)) : null) : normaliseDecimalInput(value);
  if (valueText === null) {
    errors.push({ field: 'body.value', message: 'not a plain decimal number (e.g. 4523.63)' });
    return { errors };
  }
  const range = saneRange({ name: indicator.name, unit: indicator.unit, targetKind: targetSpecOf(indicator).kind });
  const n = Number(valueText);
  if (n < range.min || n > range.max) errors.push({ field: 'body.value', message: `${range.reason.en} (${range.reason.zh})` });
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
});
export type RevisionView = ReturnType<typeof revisionView>;

const toReviewItem = (row: ReviewItemRow): ReviewItem => {
  const { previousId, previousValueText, ...rest } = row;
  return {
    ...rest,
    value: Number(row.valueText),
    previous: previousId === null || previousValueText === null ? null : { revisionId: previousId, valueText: previousValueText, value: Number(previousValueText) },
  };
};

/**
 * Entry and review of yearly values. Every write appends a revision (never an update of a value),
 * runs in one immediate transaction with its audit entry, and is refused on a locked year.
 */
export function createObservationsService(deps: { db: Db; repo: ObservationsRepository; indicators: IndicatorsRepository; audit: AuditRepository }) {
  const { db, repo, audit } = deps;
  const reviewQueue = createReviewQueueQuery(db);

  function indicatorOf(plan: PlanRow, code: string): IndicatorRow {
    return deps.indicators.requireByCode(plan.id, code);
  }

  function reviewable(id: number, p: Actor) {
    const rev = repo.get(id);
    if (!rev) throw notFound(`revision ${id}`);
    if (rev.reviewState !== 'pending') throw new ProblemError(409, 'not_pending', 'Conflict', `revision ${id} is ${rev.reviewState}, not pending`);
    if (rev.enteredBy === p.id) throw new ProblemError(403, 'four_eyes', 'Forbidden', 'Nobody reviews a value they entered themselves.');
    return rev;
  }

  return {
    /** Appends a pending revision of one indicator-year, after checking rights, the value, the lock and the base revision. */
    write(actor: Actor, plan: PlanRow, code: string, year: number, body: ObservationWrite): RevisionView {
      const p = actor;
      const indicator = indicatorOf(plan, code);
      if (!mayEdit(p, indicator)) {
        throw new ProblemError(403, 'not_your_department', 'Forbidden', `You may not enter values for ${indicator.name} (department ${indicator.department ?? 'none'}).`);
      }
      const checked = checkWrite(plan, indicator, year, body.value);
      if ('errors' in checked) {
        throw new ProblemError(400, 'validation_failed', 'Bad Request', checked.errors.map((e) => `${e.field}: ${e.message}`).join('; '), checked.errors);
      }
      return db.transaction(
        () => {
          if (repo.isLocked(plan.id, year)) throw yearLocked(plan.id, year);
          const latest = repo.latest(indicator.id, year);
          if (body.baseRevision !== undefined && (body.baseRevision ?? null) !== (latest?.id ?? null)) {
            throw new ProblemError(409, 'conflict', 'Conflict', `The value was changed meanwhile: the latest revision is ${latest?.id ?? 'none'}, you edited ${body.baseRevision ?? 'none'}.`, undefined, {
              current: latest ? revisionView(latest) : null,
            });
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
            throw new ProblemError(409, 'plan_not_published', 'Conflict', `revision ${id} belongs to the draft plan ${planId}; publish the plan first`);
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
    queue: (state: 'pending' | 'approved' | 'returned', planId: string | null, page?: { limit: number; offset: number; drafts: boolean }) =>
      reviewQueue(state, planId, page).map(toReviewItem),

    indicatorOf,
  };
}
export type ObservationsService = ReturnType<typeof createObservationsService>;
