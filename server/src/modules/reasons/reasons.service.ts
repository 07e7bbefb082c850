import { responsibleUnitOf, type IndicatorReason, type IndicatorReasonWrite, type QuotedReason } from '@gz/shared';
import type { Actor } from '../../plugins/auth.ts';
import type { Db } from '../../db/client.ts';
import { invalidField, notFound, problem } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { IndicatorsRepository } from '../indicators/indicators.repository.ts';
import { mayEdit } from '../observations/observations.service.ts';
import type { PlansRepository } from '../plans/plans.repository.ts';
import { toReason, type ReasonsRepository } from './reasons.repository.ts';

/**
 * 原因说明 and 下一步措施: the responsible unit of an indicator explains, for a report year, why it is not achieved,
 * lagging or without data, and what it will do. Entered by those who may enter the indicator's values, reviewed like
 * values (pending → approved / returned, never by the one who entered it), every write audited. The latest approved
 * entry of a year is what reports quote, attributed to the unit.
 */
export function createReasonsService(deps: {
  db: Db;
  repo: ReasonsRepository;
  plans: PlansRepository;
  indicators: IndicatorsRepository;
  audit: AuditRepository;
  /** a unit code's name in the directory */
  unitName: (code: string) => string | null;
}) {
  const { db, repo, audit } = deps;

  function planOf(planId: string) {
    const plan = deps.plans.get(planId);
    if (!plan) throw notFound(`plan ${planId}`);
    return plan;
  }

  function pendingOf(id: number) {
    const row = repo.get(id);
    if (!row) throw notFound(`reason ${id}`);
    if (row.reviewState !== 'pending') {
      throw problem(
        'not_pending',
        `reason ${id} is ${row.reviewState}; only pending entries are reviewed (该原因说明已审核)`,
      );
    }
    return row;
  }

  function review(actor: Actor, id: number, state: 'approved' | 'returned', note: string | null): IndicatorReason {
    const p = actor;
    return db.transaction(
      () => {
        const row = pendingOf(id);
        if (row.enteredById === p.id)
          throw problem('four_eyes', 'Nobody reviews a reason they entered themselves (不能审核本人提交的原因说明)');
        repo.review(id, state, p.id, note);
        const after = repo.get(id);
        if (!after) throw notFound(`reason ${id}`);
        audit.append(actor, {
          action: state === 'approved' ? 'reason.approve' : 'reason.return',
          entityType: 'indicator_reason',
          entityId: id,
          planId: row.planId,
          indicatorCode: row.code,
          before: { reviewState: row.reviewState },
          after: { reviewState: state, reviewNote: note },
        });
        return toReason(after);
      },
      { behavior: 'immediate' },
    );
  }

  return {
    /** Every entry of an indicator, newest year and entry first. */
    ofIndicator(planId: string, code: string): IndicatorReason[] {
      const plan = planOf(planId);
      return repo.ofIndicator(deps.indicators.requireByCode(plan.id, code).id).map(toReason);
    },
    /** Entries of a plan awaiting review (the review queue). */
    pending(planId: string): IndicatorReason[] {
      return repo.ofPlanState(planOf(planId).id, 'pending').map(toReason);
    },
    /** A unit's new entry for a year: pending until a reviewer approves it. 403 for those who may not enter the indicator. */
    submit(actor: Actor, planId: string, code: string, year: number, body: IndicatorReasonWrite): IndicatorReason {
      const plan = planOf(planId);
      const indicator = deps.indicators.requireByCode(plan.id, code);
      const p = actor;
      if (!mayEdit(p, indicator)) {
        throw problem(
          'not_your_indicator',
          `only the unit in charge of ${code} or an admin gives its reasons (只有该指标的责任单位或管理员可以填报原因说明)`,
        );
      }
      if (year <= plan.baselineYear || year > plan.targetYear) {
        throw invalidField(
          'params.year',
          `a report year lies in the plan period, ${plan.baselineYear + 1}–${plan.targetYear} (报告年度须在规划期内)`,
        );
      }
      return db.transaction(
        () => {
          const row = repo.insert({
            indicatorId: indicator.id,
            year,
            ...body,
            unitName: responsibleUnitOf(indicator, deps.unitName),
            enteredBy: p.id,
          });
          audit.append(actor, {
            action: 'reason.submit',
            entityType: 'indicator_reason',
            entityId: row.id,
            planId: plan.id,
            indicatorCode: code,
            after: { year, ...body, unitName: row.unitName },
          });
          return toReason(row);
        },
        { behavior: 'immediate' },
      );
    },
    approve: (actor: Actor, id: number) => review(actor, id, 'approved', null),
    returnForRework: (actor: Actor, id: number, note: string) => review(actor, id, 'returned', note),
    /** The latest approved entry of each indicator for a year, as reports quote them. */
    quoted(planId: string, year: number): QuotedReason[] {
      const latest = new Map<string, QuotedReason>();
      for (const row of repo.ofPlanYear(planId, year)) {
        if (row.reviewState === 'approved')
          latest.set(row.code, { code: row.code, unitName: row.unitName, reason: row.reason, measures: row.measures });
      }
      return [...latest.values()];
    },
  };
}
export type ReasonsService = ReturnType<typeof createReasonsService>;
