import {
  CreateUnitBodySchema,
  IndicatorCodeSchema,
  IndicatorUnitsBodySchema,
  IndicatorUnitsSchema,
  UnitCodeSchema,
  UnitSchema,
  UpdateUnitBodySchema,
} from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.ts';
import { PlanQuery, problems } from '../../lib/http.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { UnitsService } from './units.service.ts';

/** The unit directory (单位) and the units of an indicator (牵头单位 / 配合单位). */
export const unitsRoutes: FastifyPluginAsyncZod<{ service: UnitsService; indicators: IndicatorsService }> = async (
  app,
  { service, indicators },
) => {
  app.get(
    '/units',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'listUnits',
        tags: ['units'],
        summary: 'The unit directory (市直部门 and 县（市、区）), inactive units included',
        response: { 200: z.array(UnitSchema), ...problems(401) },
      },
    },
    async () => service.list(),
  );

  app.post(
    '/units',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'createUnit',
        tags: ['units'],
        summary: 'Add a unit to the directory (admin); its code never changes',
        body: CreateUnitBodySchema,
        response: { 201: UnitSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(service.create(actorOf(request), request.body)),
  );

  app.patch(
    '/units/:code',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'updateUnit',
        tags: ['units'],
        summary: 'Rename, re-parent, re-order or (de)activate a unit (admin)',
        params: z.object({ code: UnitCodeSchema }),
        body: UpdateUnitBodySchema,
        response: { 200: UnitSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.update(actorOf(request), request.params.code, request.body),
  );

  app.put(
    '/indicators/:code/units',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'assignIndicatorUnits',
        tags: ['units'],
        summary:
          'Set an indicator’s lead unit (牵头单位) and contributing units (配合单位) (admin); ' +
          'marks the assignment as the admin’s',
        params: z.object({ code: IndicatorCodeSchema }),
        querystring: z.object({ plan: PlanQuery }),
        body: IndicatorUnitsBodySchema,
        response: { 200: IndicatorUnitsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.assign(
        actorOf(request),
        indicators.resolvePlan(request.query.plan).id,
        request.params.code,
        request.body,
      ),
  );
};
