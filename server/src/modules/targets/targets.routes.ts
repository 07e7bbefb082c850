import { IndicatorCodeSchema, IndicatorSchema, TargetWriteSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problems } from '../../lib/http.ts';
import { actorOf } from '../../plugins/auth.ts';
import type { TargetsService } from './targets.service.ts';

/** Province-assigned (or corrected) targets: a new target version; the old ones stay. */
export const targetsRoutes: FastifyPluginAsyncZod<{ service: TargetsService }> = async (app, { service }) => {
  app.put(
    '/indicators/:code/target',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'setTarget',
        tags: ['indicators'],
        summary:
          'Record a target (e.g. the province-assigned figure of an 按省下达 indicator) with its document; versioned',
        params: z.object({ code: IndicatorCodeSchema }),
        querystring: z.object({ plan: PlanQuery }),
        body: TargetWriteSchema,
        response: { 200: IndicatorSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.set(actorOf(request), request.query.plan, request.params.code, request.body),
  );
};
