import { AssessmentSchema, AssessmentWriteSchema, IndicatorCodeSchema, YearLockSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problems, QueryYear } from '../../lib/http.ts';
import { actorOf } from '../../plugins/auth.ts';
import type { ReviewService } from './review.service.ts';

const LockParams = z.object({ planId: z.string().max(64), year: QueryYear });

/** Year locks and manual assessments: the reviewer's tools besides approving values. */
export const reviewRoutes: FastifyPluginAsyncZod<{ service: ReviewService }> = async (app, { service }) => {
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
    async (request) => service.locks(request.query.plan),
  );

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
      service.setLock(actorOf(request), request.params.planId, request.params.year, true);
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
      service.setLock(actorOf(request), request.params.planId, request.params.year, false);
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
    async (request, reply) =>
      reply
        .status(201)
        .send(service.addAssessment(actorOf(request), request.query.plan, request.params.code, request.body)),
  );
};
