import { IndicatorCodeSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problems } from '../../lib/http.ts';
import type { AuditRepository } from './audit.repository.ts';

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.number().int().nullable(),
    username: z.string().nullable(),
    tokenId: z.number().int().nullable(),
    ip: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    planId: z.string().nullable(),
    indicatorCode: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditRepository }> = async (app, { audit }) => {
  app.get(
    '/audit',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'listAuditEntries',
        tags: ['audit'],
        summary: 'The audit log, newest first (admin, reviewer)',
        querystring: z.object({
          plan: PlanQuery,
          indicator: IndicatorCodeSchema.optional(),
          user: z.string().max(64).optional(),
          from: z.iso.datetime().optional().describe('ISO 8601, inclusive'),
          to: z.iso.datetime().optional().describe('ISO 8601, inclusive'),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(AuditEntrySchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { plan, from, to, ...rest } = request.query;
      // `at` is stored as ISO text with milliseconds, compared as text: bring the bounds to the same form
      // ('…:12Z' would sort after '…:12.345Z' and drop that second's entries from a `from`).
      const instant = (s: string | undefined) => (s === undefined ? undefined : new Date(s).toISOString());
      return audit.list({ planId: plan, from: instant(from), to: instant(to), ...rest });
    },
  );
};
