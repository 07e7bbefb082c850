import { AnnualTargetSchema, AnnualTargetWriteSchema, IndicatorCodeSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problems, QueryYear } from '../../lib/http.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { AnnualTargetsService } from './annual-targets.service.ts';
import { actorOf } from '../../plugins/auth.ts';

const CodeParams = z.object({ code: IndicatorCodeSchema });

/** Yearly targets (年度目标): set by admins with their source, read by anyone who may read. */
export const annualTargetsRoutes: FastifyPluginAsyncZod<{
  service: AnnualTargetsService;
  indicators: IndicatorsService;
}> = async (app, { service, indicators }) => {
  app.put(
    '/indicators/:code/annual-targets/:year',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'setAnnualTarget',
        tags: ['annual-targets'],
        summary:
          "Set an indicator's target for one year (年度目标, e.g. from that year's work report); versioned and audited",
        params: CodeParams.extend({ year: QueryYear }),
        querystring: z.object({ plan: PlanQuery }),
        body: AnnualTargetWriteSchema,
        response: { 200: AnnualTargetSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.set(
        actorOf(request),
        indicators.resolvePlan(request.query.plan),
        request.params.code,
        request.params.year,
        request.body,
      ),
  );

  app.get(
    '/indicators/:code/annual-targets',
    {
      schema: {
        operationId: 'listAnnualTargets',
        tags: ['annual-targets'],
        summary: "An indicator's yearly targets in force, by year",
        params: CodeParams,
        querystring: z.object({ plan: PlanQuery }),
        response: { 200: z.array(AnnualTargetSchema), ...problems(400, 404) },
      },
    },
    async (request) => service.ofIndicator(indicators.resolvePlan(request.query.plan), request.params.code),
  );

  app.get(
    '/plans/:planId/annual-targets',
    {
      schema: {
        operationId: 'listPlanAnnualTargets',
        tags: ['annual-targets'],
        summary: "The yearly targets in force of a plan's indicators, in table order",
        params: z.object({ planId: z.string().max(64) }),
        querystring: z.object({ year: QueryYear.optional() }),
        response: { 200: z.array(AnnualTargetSchema), ...problems(400, 404) },
      },
    },
    async (request) => service.ofPlan(indicators.resolvePlan(request.params.planId), request.query.year),
  );
};
