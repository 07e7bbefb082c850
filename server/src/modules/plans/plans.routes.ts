import { PlanSchema, PlanSummaryItemSchema, type Plan } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/http.ts';
import { notFound } from '../../lib/problem.ts';
import type { PlanRow, PlansRepository } from './plans.repository.ts';

const PlanParams = z.object({ planId: z.string().max(64) });

function toListItem(plan: PlanRow, indicatorCount: number) {
  return {
    id: plan.id,
    title: plan.title,
    issuer: plan.issuer,
    document: plan.document,
    baselineYear: plan.baselineYear,
    targetYear: plan.targetYear,
    outlookYear: plan.outlookYear,
    state: plan.state,
    indicatorCount,
  };
}

export const plansRoutes: FastifyPluginAsyncZod<{ plans: PlansRepository }> = async (app, { plans }) => {
  app.get(
    '/plans',
    { schema: { tags: ['plans'], summary: 'List plans, newest first', response: { 200: z.array(PlanSummaryItemSchema) } } },
    async () => plans.list().map((p) => toListItem(p.plan, p.indicatorCount)),
  );

  app.get(
    '/plans/:planId',
    {
      schema: {
        tags: ['plans'],
        summary: 'A plan with its ordered categories, thresholds and table note',
        params: PlanParams,
        response: { 200: PlanSchema, ...problems(400, 404) },
      },
    },
    async (request): Promise<Plan> => {
      const plan = plans.get(request.params.planId);
      if (!plan) throw notFound(`plan ${request.params.planId}`);
      const cats = plans.categories(plan.id);
      return {
        ...toListItem(plan, cats.reduce((n, c) => n + c.indicatorCount, 0)),
        tableTitle: plan.tableTitle,
        tableNote: plan.tableNote,
        thresholds: plans.thresholdsOf(plan),
        categories: cats.map(({ code, name, position, indicatorCount }) => ({ code, name, position, indicatorCount })),
      };
    },
  );
};
