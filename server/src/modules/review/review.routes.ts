import {
  AssessmentSchema,
  assessmentYears,
  AssessmentWriteSchema,
  IndicatorCodeSchema,
  StatusSchema,
  YearLockSchema,
} from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problems, QueryYear } from '../../lib/http.ts';
import { problem } from '../../lib/problem.ts';
import { actorOf, type Actor } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { ObservationsRepository } from '../observations/observations.repository.ts';
import type { ObservationsService } from '../observations/observations.service.ts';

const LockParams = z.object({ planId: z.string().max(64), year: QueryYear });

/** Year locks and manual assessments: the reviewer's tools besides approving values. */
export const reviewRoutes: FastifyPluginAsyncZod<{
  repo: ObservationsRepository;
  observations: ObservationsService;
  indicators: IndicatorsService;
  audit: AuditRepository;
}> = async (app, { repo, observations, indicators, audit }) => {
  app.get(
    '/locks',
    {
      schema: {
        operationId: 'listLocks',
        tags: ['review'],
        summary: 'Locked plan years',
        querystring: z.object({ plan: PlanQuery }),
        response: { 200: z.array(YearLockSchema), ...problems(400, 401) },
      },
    },
    async (request) => repo.locks(request.query.plan),
  );

  /** Locks or unlocks a plan year; a change (not a repeat) is audited with before and after. */
  function setLock(actor: Actor, params: z.infer<typeof LockParams>, locked: boolean) {
    const plan = indicators.resolvePlan(params.planId);
    const { year } = params;
    app.db.transaction(() => {
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
  }

  app.put(
    '/plans/:planId/locks/:year',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'lockYear',
        tags: ['review'],
        summary: 'Lock a plan year: no value writes or reviews until unlocked',
        params: LockParams,
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      setLock(actorOf(request), request.params, true);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/plans/:planId/locks/:year',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'unlockYear',
        tags: ['review'],
        summary: 'Unlock a plan year',
        params: LockParams,
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      setLock(actorOf(request), request.params, false);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/indicators/:code/assessments',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'createAssessment',
        tags: ['review'],
        summary: 'Record a manual assessment (status + justification), shown beside the computed status',
        params: z.object({ code: IndicatorCodeSchema }),
        querystring: z.object({ plan: PlanQuery }),
        body: AssessmentWriteSchema,
        response: { 201: AssessmentSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const plan = indicators.resolvePlan(request.query.plan);
      const indicator = observations.indicatorOf(plan, request.params.code);
      const { year, status, justification } = request.body;
      const span = assessmentYears(plan, indicator);
      if (year < span.min || year > span.max) {
        throw problem('validation_failed', 'body.year: outside the plan', [
          { field: 'body.year', message: 'outside the plan' },
        ]);
      }
      const p = actorOf(request);
      const created = app.db.transaction(() => {
        const before = repo.assessmentsOfYear([indicator.id], year).get(indicator.id) ?? null;
        const row = repo.addAssessment({ indicatorId: indicator.id, year, status, justification, assessedBy: p.id });
        const view = {
          year,
          status: StatusSchema.parse(row.status),
          justification,
          assessedBy: p.username,
          assessedAt: row.assessedAt,
        };
        audit.append(p, {
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
      return reply.status(201).send(created);
    },
  );
};
