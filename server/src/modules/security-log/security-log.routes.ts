import { SECURITY_EVENTS, SecurityLogEntrySchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { problems } from '../../lib/http.ts';
import type { SecurityLogRepository } from './security-log.repository.ts';

const instant = (s: string | undefined) => (s === undefined ? undefined : new Date(s).toISOString());

/** The sign-in and denial log, for whoever reads the audit log. */
export const securityLogRoutes: FastifyPluginAsyncZod<{ securityLog: SecurityLogRepository }> = async (
  app,
  { securityLog },
) => {
  app.get(
    '/security-log',
    {
      config: { access: 'read_audit' },
      schema: {
        operationId: 'listSecurityLog',
        tags: ['audit'],
        summary: 'Sign-ins (success, failure, lockout, throttled) and refused requests (401, 403, 429), newest first',
        description: 'One page of at most `limit`; the header `x-next-cursor` carries the cursor of the next page.',
        querystring: z.object({
          event: z.enum(SECURITY_EVENTS).optional(),
          user: z.string().max(64).optional(),
          from: z.iso.datetime().optional().describe('ISO 8601, inclusive'),
          to: z.iso.datetime().optional().describe('ISO 8601, inclusive'),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          cursor: z.string().max(64).optional().describe('opaque: the x-next-cursor of the previous page'),
        }),
        response: { 200: z.array(SecurityLogEntrySchema), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { from, to, cursor, limit, ...rest } = request.query;
      const rows = securityLog.list({
        ...rest,
        from: instant(from),
        to: instant(to),
        beforeId: decodeCursor('sec', cursor),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      if (rows.length > limit && last) reply.header('x-next-cursor', encodeCursor('sec', last.id));
      return page;
    },
  );
};
