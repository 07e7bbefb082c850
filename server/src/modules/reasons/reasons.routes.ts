import { IndicatorCodeSchema, IndicatorReasonSchema, IndicatorReasonWriteSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.ts';
import { problems, QueryYear } from '../../lib/http.ts';
import type { ReasonsService } from './reasons.service.ts';

const PlanParams = z.object({ planId: z.string().max(64) });
const IndicatorParams = PlanParams.extend({ code: IndicatorCodeSchema });
const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** 原因说明 and 下一步措施 of indicators: entered by the responsible unit, reviewed like values. */
export const reasonsRoutes: FastifyPluginAsyncZod<{ service: ReasonsService }> = async (app, { service }) => {
  app.get(
    '/plans/:planId/indicators/:code/reasons',
    {
      schema: {
        operationId: 'listIndicatorReasons',
        tags: ['reasons'],
        summary: "An indicator's 原因说明 and 下一步措施, every entry, newest first",
        params: IndicatorParams,
        response: { 200: z.array(IndicatorReasonSchema), ...problems(400, 404) },
      },
    },
    async (request) => service.ofIndicator(request.params.planId, request.params.code),
  );

  app.put(
    '/plans/:planId/indicators/:code/reasons/:year',
    {
      config: { access: ['editor', 'admin'] },
      schema: {
        operationId: 'submitIndicatorReason',
        tags: ['reasons'],
        summary: "The responsible unit's 原因说明 and 下一步措施 for a report year (a new entry, pending review)",
        params: IndicatorParams.extend({ year: QueryYear }),
        body: IndicatorReasonWriteSchema,
        response: { 201: IndicatorReasonSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          service.submit(
            actorOf(request),
            request.params.planId,
            request.params.code,
            request.params.year,
            request.body,
          ),
        ),
  );

  app.get(
    '/plans/:planId/reasons/pending',
    {
      config: { access: ['reviewer', 'admin'] },
      schema: {
        operationId: 'listPendingReasons',
        tags: ['reasons'],
        summary: 'Reasons awaiting review, oldest first',
        params: PlanParams,
        response: { 200: z.array(IndicatorReasonSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.pending(request.params.planId),
  );

  app.post(
    '/reasons/:id/approve',
    {
      config: { access: ['reviewer', 'admin'] },
      schema: {
        operationId: 'approveIndicatorReason',
        tags: ['reasons'],
        summary: 'Approve a pending reason (not one you entered)',
        params: IdParams,
        response: { 200: IndicatorReasonSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.approve(actorOf(request), request.params.id),
  );

  app.post(
    '/reasons/:id/return',
    {
      config: { access: ['reviewer', 'admin'] },
      schema: {
        operationId: 'returnIndicatorReason',
        tags: ['reasons'],
        summary: 'Return a pending reason to its unit with a note',
        params: IdParams,
        body: z.object({ note: z.string().trim().min(1).max(2000) }),
        response: { 200: IndicatorReasonSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.returnForRework(actorOf(request), request.params.id, request.body.note),
  );
};
