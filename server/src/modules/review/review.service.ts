import { type Assessment, type AssessmentWrite, assessmentYears, StatusSchema } from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { problem } from '../../lib/problem.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { ObservationsRepository } from '../observations/observations.repository.ts';
import type { ObservationsService } from '../observations/observations.service.ts';

/**
 * The reviewer's tools besides approving values: year locks and manual assessments. Every change is
 * written with its audit entry in one transaction.
 */
export function createReviewService(deps: {
  db: Db;
  repo: ObservationsRepository;
  observations: ObservationsService;
  indicators: IndicatorsService;
  audit: AuditRepository;
}) {
  const { db, repo, observations, indicators, audit } = deps;
  return {
    /** The locked years of a plan (the default plan when none is named). */
    locks: (planId: string | undefined) => repo.locks(planId),

    /** Locks or unlocks a plan year; a change (not a repeat) is audited with before and after. */
    setLock(actor: Actor, planId: string, year: number, locked: boolean): void {
      const plan = indicators.resolvePlan(planId);
      db.transaction(() => {
        const changed = locked ? repo.lock(plan.id, year, actor.id) : repo.unlock(plan.id, year);
        if (!changed) return;
        audit.append(actor, {
          action: locked ? 'year.lock' : 'year.unlock',
          entityType: 'year_lock',
          entityId: `${plan.id}/${year}`,
          planId: plan.id,
          before: { locked: !locked },
          after: { locked },
        });
      });
    },

    /** Records a manual assessment (status + justification) of a year, shown beside the computed status. */
    addAssessment(actor: Actor, planId: string | undefined, code: string, body: AssessmentWrite): Assessment {
      const plan = indicators.resolvePlan(planId);
      const indicator = observations.indicatorOf(plan, code);
      const { year, status, justification } = body;
      const span = assessmentYears(plan, indicator);
      if (year < span.min || year > span.max) {
        throw problem('validation_failed', 'body.year: outside the plan', [
          { field: 'body.year', message: 'outside the plan' },
        ]);
      }
      return db.transaction(() => {
        const before = repo.assessmentsOfYear([indicator.id], year).get(indicator.id) ?? null;
        const row = repo.addAssessment({
          indicatorId: indicator.id,
          year,
          status,
          justification,
          assessedBy: actor.id,
        });
        const view = {
          year,
          status: StatusSchema.parse(row.status),
          justification,
          assessedBy: actor.username,
          assessedAt: row.assessedAt,
        };
        audit.append(actor, {
          action: 'assessment.create',
          entityType: 'assessment',
          entityId: row.id,
          planId: plan.id,
          indicatorCode: indicator.code,
          before,
          after: view,
        });
        return view;
      });
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
