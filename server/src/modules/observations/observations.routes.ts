import {
  IndicatorCodeSchema,
  ObservationWriteSchema,
  PendingRevisionSchema,
  REVIEW_STATES,
  ReturnBodySchema,
  RevisionWrittenSchema,
} from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problems, QueryYear } from '../../lib/http.ts';
import { invalidField } from '../../lib/problem.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { actorOf } from '../../plugins/auth.ts';
import { seesDrafts } from '../plans/draft-visibility.ts';

/** SEC (#10, L5): the largest page of /revisions. */
export const REVISIONS_MAX_PAGE = 1000;
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { ObservationsService } from './observations.service.ts';

const RevisionIdParams = z.object({ id: z.coerce.number().int().positive() });

/** `If-Match: "123"` (or 123) names the revision the client edited, like the body's baseRevision. */
function baseFromIfMatch(header: string | undefined): number | null | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+|none)"?$/.exec(header.trim());
  if (!m) throw invalidField('headers.if-match', 'expected a revision id such as "123", or "none"');
  return m[1] === 'none' ? null : Number(m[1]);
}

export const observationsRoutes: FastifyPluginAsyncZod<{
  service: ObservationsService;
  indicators: IndicatorsService;
}> = async (app, { service, indicators }) => {
  app.put(
    '/indicators/:code/observations/:year',
    {
      config: { access: ['editor'] },
      schema: {
        operationId: 'enterObservation',
        tags: ['observations'],
        summary: 'Enter a yearly value: appends a pending revision (never overwrites)',
        description:
          'Editors for the indicators of their departments; admins for all. Send the revision you edited as `baseRevision` or `If-Match`; a stale one gets 409 with `current`. A locked year gets 423.',
        params: z.object({ code: IndicatorCodeSchema, year: QueryYear }),
        querystring: z.object({ plan: PlanQuery }),
        body: ObservationWriteSchema,
        response: { 201: RevisionWrittenSchema, ...problems(400, 401, 403, 404, 409, 423) },
      },
    },
    async (request, reply) => {
      const plan = indicators.resolvePlan(request.query.plan);
      const fromHeader = baseFromIfMatch(request.headers['if-match']);
      const body =
        request.body.baseRevision === undefined && fromHeader !== undefined
          ? { ...request.body, baseRevision: fromHeader }
          : request.body;
      const created = service.write(actorOf(request), plan, request.params.code, request.params.year, body);
      return reply.status(201).header('ETag', `"${created.id}"`).send(created);
    },
  );

  app.get(
    '/revisions',
    {
      // unapproved values and who entered them are never public, even with PUBLIC_READ
      config: { access: 'signed_in' },
      schema: {
        operationId: 'listRevisions',
        tags: ['review'],
        summary: 'Revisions by review state (the review queue with state=pending)',
        description:
          'One page of at most `limit` (default and maximum 1000); the header `x-next-cursor` carries the cursor of the next page when there is one.',
        querystring: z.object({
          state: z.enum(REVIEW_STATES).default('pending'),
          plan: PlanQuery,
          limit: z.coerce.number().int().min(1).max(REVISIONS_MAX_PAGE).default(REVISIONS_MAX_PAGE),
          cursor: z.string().max(64).optional().describe('opaque: the x-next-cursor of the previous page'),
        }),
        response: { 200: z.array(PendingRevisionSchema), ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      const { state, plan, limit, cursor } = request.query;
      const offset = decodeCursor('rev', cursor) ?? 0;
      // one more than the page tells whether another page follows
      const rows = service.queue(state, plan ?? null, {
        limit: limit + 1,
        offset,
        drafts: seesDrafts(request.principal),
      });
      if (rows.length > limit) reply.header('x-next-cursor', encodeCursor('rev', offset + limit));
      return rows.slice(0, limit);
    },
  );

  app.post(
    '/revisions/:id/approve',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'approveRevision',
        tags: ['review'],
        summary: 'Approve a pending revision (not your own)',
        params: RevisionIdParams,
        response: { 200: RevisionWrittenSchema, ...problems(400, 401, 403, 404, 409, 423) },
      },
    },
    async (request) => service.review(actorOf(request), request.params.id, 'approved', null),
  );

  app.post(
    '/revisions/:id/return',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'returnRevision',
        tags: ['review'],
        summary: 'Return a pending revision for correction (退回修改), with a reason',
        params: RevisionIdParams,
        body: ReturnBodySchema,
        response: { 200: RevisionWrittenSchema, ...problems(400, 401, 403, 404, 409, 423) },
      },
    },
    async (request) => service.review(actorOf(request), request.params.id, 'returned', request.body.reason),
  );
};
