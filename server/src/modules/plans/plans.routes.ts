import {
  IndicatorCodeSchema,
  IndicatorPatchSchema,
  IndicatorSchema,
  NewIndicatorSchema,
  NewPlanDefinitionSchema,
  PlanDefinitionSchema,
  PlanPatchSchema,
  PlanSchema,
  PlanSummaryItemSchema,
  SuccessorPlanSchema,
  type Plan,
} from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems, QueryBoolean } from '../../lib/http.ts';
import { problem } from '../../lib/problem.ts';
import { XLSX_TYPE } from '../evaluations/evaluations.xlsx.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import { seesDrafts } from './draft-visibility.ts';
import type { PlansRepository } from './plans.repository.ts';
import { toPlanListItem, type PlansService } from './plans.service.ts';
import { writePlanWorkbook } from './plans.xlsx.ts';
import { actorOf } from '../../plugins/auth.ts';

const PlanParams = z.object({ planId: z.string().max(64) });
const IndicatorParams = PlanParams.extend({ code: IndicatorCodeSchema });
const ADMIN = { access: ['admin'] as const };

/** Plans: read by anyone who may read; created, edited while draft, and published by admins. */
export const plansRoutes: FastifyPluginAsyncZod<{
  plans: PlansRepository;
  service: PlansService;
  indicators: IndicatorsService;
}> = async (app, { plans, service, indicators }) => {
  // A plan-definition workbook is uploaded as the request body itself (no multipart form needed).
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    '/plans',
    {
      schema: {
        operationId: 'listPlans',
        tags: ['plans'],
        summary: 'List plans, newest first',
        response: { 200: z.array(PlanSummaryItemSchema) },
      },
    },
    async (request) =>
      plans
        .list()
        .filter((p) => p.plan.state !== 'draft' || seesDrafts(request.principal))
        .map((p) => toPlanListItem(p.plan, p.indicatorCount)),
  );

  app.get(
    '/plans/template.xlsx',
    {
      schema: {
        operationId: 'getPlanTemplate',
        tags: ['plans'],
        summary: 'The empty plan-definition workbook to fill in and upload to POST /plans/import',
        response: { 200: z.any().describe(`the workbook (${XLSX_TYPE})`) },
      },
    },
    async (_request, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="plan-template.xlsx"')
        .send(await writePlanWorkbook(null)),
  );

  app.get(
    '/plans/:planId',
    {
      schema: {
        operationId: 'getPlan',
        tags: ['plans'],
        summary: 'A plan with its ordered categories, thresholds and table note',
        params: PlanParams,
        response: { 200: PlanSchema, ...problems(400, 404) },
      },
    },
    async (request): Promise<Plan> => service.toPlan(request.params.planId),
  );

  app.get(
    '/plans/:planId/definition.xlsx',
    {
      schema: {
        operationId: 'exportPlanDefinition',
        tags: ['plans'],
        summary: 'A plan as a plan-definition workbook (the layout of the import template)',
        params: PlanParams,
        response: { 200: z.any().describe(`the workbook (${XLSX_TYPE})`), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const def = service.definitionOf(request.params.planId);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${def.id}.xlsx"`)
        .send(await writePlanWorkbook(def));
    },
  );

  app.post(
    '/plans',
    {
      config: ADMIN,
      schema: {
        operationId: 'createPlan',
        tags: ['plans'],
        summary: 'Create a plan (title, period, areas, indicators) as a draft',
        body: NewPlanDefinitionSchema,
        response: { 201: PlanSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(service.create(actorOf(request), request.body)),
  );

  app.post(
    '/plans/import',
    {
      config: ADMIN,
      schema: {
        operationId: 'importPlan',
        tags: ['plans'],
        summary:
          'Create a draft plan from a plan-definition workbook (the body is the XLSX file; see GET /plans/template.xlsx)',
        description: `Send the file as the body with Content-Type ${XLSX_TYPE} (or application/octet-stream). Problems are reported at their cells, e.g. body.指标!M5.`,
        querystring: z.object({
          dryRun: QueryBoolean.describe('true: check the file and return the definition it holds; nothing is written'),
        }),
        response: {
          200: PlanDefinitionSchema.describe('the definition the file holds (dry run)'),
          201: PlanSchema,
          ...problems(400, 401, 403, 409, 415),
        },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw problem('unsupported_media_type', `send the workbook as the body with Content-Type ${XLSX_TYPE}`);
      }
      const result = await service.importWorkbook(actorOf(request), request.body, request.query.dryRun ?? false);
      return result.plan === null ? reply.code(200).send(result.definition) : reply.code(201).send(result.plan);
    },
  );

  app.post(
    '/plans/:planId/successor',
    {
      config: ADMIN,
      schema: {
        operationId: 'createSuccessorPlan',
        tags: ['plans'],
        summary:
          "Create the next plan as a draft: areas and indicators copied, targets 待定, baselines the source's target-year values",
        params: PlanParams,
        body: SuccessorPlanSchema,
        response: { 201: PlanSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(service.successor(actorOf(request), request.params.planId, request.body)),
  );

  app.post(
    '/plans/:planId/archive',
    {
      config: ADMIN,
      schema: {
        operationId: 'archivePlan',
        tags: ['plans'],
        summary: 'Archive (停用) a published plan: no longer current, its data kept and still readable',
        params: PlanParams,
        response: { 200: PlanSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.archive(actorOf(request), request.params.planId),
  );

  app.patch(
    '/plans/:planId',
    {
      config: ADMIN,
      schema: {
        operationId: 'updatePlan',
        tags: ['plans'],
        summary: "Edit a draft plan's title, period, note or thresholds (409 once published)",
        params: PlanParams,
        body: PlanPatchSchema,
        response: { 200: PlanSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.patch(actorOf(request), request.params.planId, request.body),
  );

  app.post(
    '/plans/:planId/indicators',
    {
      config: ADMIN,
      schema: {
        operationId: 'addPlanIndicator',
        tags: ['plans'],
        summary: 'Add an indicator at the end of an area of a draft plan',
        params: PlanParams,
        body: NewIndicatorSchema,
        response: { 201: IndicatorSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      service.addIndicator(actorOf(request), request.params.planId, request.body);
      return reply.code(201).send(indicators.get(request.params.planId, request.body.code, {}));
    },
  );

  app.patch(
    '/plans/:planId/indicators/:code',
    {
      config: ADMIN,
      schema: {
        operationId: 'updatePlanIndicator',
        tags: ['plans'],
        summary:
          'Edit an indicator of a draft plan: name, unit, attribute, direction, baseline, target, … (409 once published)',
        params: IndicatorParams,
        body: IndicatorPatchSchema,
        response: { 200: IndicatorSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      service.patchIndicator(actorOf(request), request.params.planId, request.params.code, request.body);
      return indicators.get(request.params.planId, request.params.code, {});
    },
  );

  app.delete(
    '/plans/:planId/indicators/:code',
    {
      config: ADMIN,
      schema: {
        operationId: 'removePlanIndicator',
        tags: ['plans'],
        summary: 'Remove an indicator of a draft plan that has no values, yearly targets or assessments',
        params: IndicatorParams,
        response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      service.removeIndicator(actorOf(request), request.params.planId, request.params.code);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/plans/:planId/publish',
    {
      config: ADMIN,
      schema: {
        operationId: 'publishPlan',
        tags: ['plans'],
        summary: 'Publish a draft plan: it becomes read-only, and the default plan when it is the newest published one',
        params: PlanParams,
        response: { 200: PlanSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.publish(actorOf(request), request.params.planId),
  );
};
