import { AuditEntrySchema, IndicatorCodeSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { PlanQuery, problems } from '../../lib/http.ts';
import { seesDrafts } from '../plans/draft-visibility.ts';
import type { AuditRepository } from './audit.repository.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditRepository }> = async (app, { audit }) => {
  app.get(
    '/audit',
    {
      config: { access: 'read_audit' },
      schema: {
        operationId: 'listAuditEntries',
        tags: ['audit'],
        summary: 'The audit log, newest first (reviewer, audit administrator; admin unless ROLE_SEPARATION=strict)',
        description:
          'One page of at most `limit` (max 1000); the header `x-next-cursor` carries the cursor of the next page.',
        querystring: z.object({
          plan: PlanQuery,
          indicator: IndicatorCodeSchema.optional(),
          user: z.string().max(64).optional(),
          from: z.iso.datetime().optional().describe('ISO 8601, inclusive'),
          to: z.iso.datetime().optional().describe('ISO 8601, inclusive'),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          cursor: z.string().max(64).optional().describe('opaque: the x-next-cursor of the previous page'),
          import: z.coerce.number().int().positive().optional().describe('only the entries of one import'),
        }),
        response: { 200: z.array(AuditEntrySchema), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { plan, from, to, cursor, import: importId, limit, ...rest } = request.query;
      // `at` is stored as ISO text with milliseconds, compared as text: bring the bounds to the same form
      // ('…:12Z' would sort after '…:12.345Z' and drop that second's entries from a `from`).
      const instant = (s: string | undefined) => (s === undefined ? undefined : new Date(s).toISOString());
      const rows = audit.list({
        planId: plan,
        from: instant(from),
        to: instant(to),
        importId,
        beforeId: decodeCursor('aud', cursor),
        limit: limit + 1,
        includeDrafts: seesDrafts(request.principal),
        ...rest,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      if (rows.length > limit && last) reply.header('x-next-cursor', encodeCursor('aud', last.id));
      return page;
    },
  );
};
