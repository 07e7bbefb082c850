import { IndicatorCodeSchema, IndicatorSchema, TargetWriteSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problems } from '../../lib/http.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { ObservationsService } from '../observations/observations.service.ts';
import { createTargetsRepository } from './targets.repository.ts';
import { actorOf } from '../../plugins/auth.ts';
import { targetSpecProblem } from '@gz/shared';
import { invalidField } from '../../lib/problem.ts';

/** Province-assigned (or corrected) targets: a new target version; the old ones stay. */
export const targetsRoutes: FastifyPluginAsyncZod<{
  indicators: IndicatorsService;
  observations: ObservationsService;
  audit: AuditRepository;
}> = async (app, { indicators, observations, audit }) => {
  const repo = createTargetsRepository(app.db);
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
    async (request) => {
      const actor = actorOf(request);
      const plan = indicators.resolvePlan(request.query.plan);
      const row = observations.indicatorOf(plan, request.params.code);
      const { spec, text, documentNo, issuedOn, note } = request.body;
      const noteText = note ?? null;
      // SEC (#10): a target is checked against its unit (shares 0–100, finite, sane magnitude)
      const wrong = targetSpecProblem(spec, { name: row.name, unit: row.unit });
      if (wrong) throw invalidField('body.spec', `${wrong.en} (${wrong.zh})`);
      app.db.transaction(() => {
        repo.setTarget(row.id, { spec, text, note: noteText, documentNo, issuedOn, createdBy: actor.id });
        audit.append(actor, {
          action: 'target.set',
          entityType: 'indicator',
          entityId: row.id,
          planId: plan.id,
          indicatorCode: row.code,
          before: { spec: JSON.parse(row.targetSpec) as unknown, text: row.targetText, note: row.targetNote },
          after: { spec, text, note: noteText, documentNo, issuedOn },
        });
      });
      return indicators.get(plan.id, row.code, {});
    },
  );
};
