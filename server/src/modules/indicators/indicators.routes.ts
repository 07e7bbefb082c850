import {
  AttributeSchema,
  FinalTallySchema,
  type Indicator,
  IndicatorCodeSchema,
  IndicatorSchema,
  ObservationHistorySchema,
  PlanProgressSummarySchema,
  TrajectorySchema,
} from '@gz/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problems, QueryBoolean, QueryYear } from '../../lib/http.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { invalidField, problem } from '../../lib/problem.ts';
import type { PlansRepository } from '../plans/plans.repository.ts';
import { cacheDerivedReads } from './indicators.cache.ts';
import type { IndicatorsService } from './indicators.service.ts';

const ReadQuery = z.object({
  plan: PlanQuery,
  year: QueryYear.optional().describe('evaluate as of this year; default: the latest year with an approved value'),
  includePending: QueryBoolean.describe('let pending revisions stand in for approved ones (preview)'),
});
const CodeParams = z.object({ code: IndicatorCodeSchema });
const PlanSummarySchema = PlanProgressSummarySchema.extend({
  planId: z.string(),
  evaluationYear: z.number().int(),
  // FINAL (#11): counts by final verdict from the target year on
  finalTally: FinalTallySchema.nullable().describe('终期评估: counts by final verdict; null before the target year'),
}).meta({ id: 'PlanSummary' });
/** Pages of GET /indicators (SPEED, #13): the largest `limit`, and the size when only a cursor is sent. */
const MAX_PAGE = 500;
const DEFAULT_PAGE = 100;

/** An observation without the name of who entered it (for anonymous readers). */
const anonymous = <T extends { enteredBy: string | null }>(o: T): T => ({ ...o, enteredBy: null });
/** An indicator as the public sees it: no names. */
const forPublic = <T extends { latest: { enteredBy: string | null } | null }>(i: T): T => ({
  ...i,
  latest: i.latest === null ? null : anonymous(i.latest),
});

/**
 * Sends JSON made beforehand (see jsonCache): Fastify sends a string with a JSON content type as it is, without
 * the route's serialiser, so the bytes are exactly those the schema gave.
 */
const sendJson = (reply: FastifyReply, json: string) => reply.type('application/json; charset=utf-8').send(json);

/**
 * SPEED (#13): the JSON of derived objects, made once per object with the route's own schema (the same bytes the
 * reply serialiser would give). The service shares its items for a whole data version, so a list, its pages and
 * one indicator join strings made once instead of validating and serialising thousands of objects per request;
 * a new data version makes new objects, and the old strings go with them (weak keys).
 */
function jsonCache<T extends object>(schema: z.ZodType<T>) {
  const made = new WeakMap<T, string>();
  return (value: T): string => {
    let json = made.get(value);
    if (json === undefined) {
      json = JSON.stringify(schema.parse(value));
      made.set(value, json);
    }
    return json;
  };
}

export const indicatorsRoutes: FastifyPluginAsyncZod<{ service: IndicatorsService; plans: PlansRepository }> = async (
  app,
  { service, plans },
) => {
  // A preview of unapproved values needs a signed-in caller, even when reads are public.
  app.addHook('preHandler', async (request) => {
    const query = request.query as { includePending?: boolean };
    if (query.includePending === true && request.principal === null) {
      throw problem(
        'unauthorized',
        'Previewing pending values (includePending=true) needs a signed-in user or a token.',
      );
    }
  });
  // after the access checks above: every GET below is derived from the data alone, the same for every reader
  cacheDerivedReads(app, service.dataVersion);
  // signed-in readers see who entered a value; the public (PUBLIC_READ) does not: one cache for each
  const signedInJson = jsonCache(IndicatorSchema);
  const publicCopies = new WeakMap<Indicator, Indicator>();
  const publicJson = jsonCache(IndicatorSchema);
  const indicatorJson = (request: FastifyRequest, item: Indicator) => {
    if (request.principal !== null) return signedInJson(item);
    let copy = publicCopies.get(item);
    if (copy === undefined) {
      copy = forPublic(item);
      publicCopies.set(item, copy);
    }
    return publicJson(copy);
  };
  const summaryJson = jsonCache(PlanSummarySchema);

  app.get(
    '/indicators',
    {
      schema: {
        operationId: 'listIndicators',
        tags: ['indicators'],
        summary: 'Indicators of a plan with their latest value and progress',
        description:
          'Without `limit` (and `cursor`) every indicator of the plan. With them one page of at most `limit` ' +
          `(1–${MAX_PAGE}; ${DEFAULT_PAGE} when only \`cursor\` is given) in plan order; the header ` +
          '`x-next-cursor` carries the cursor of the next page and is absent on the last one. A page is the ' +
          'same as the matching part of the whole list: new values or reviews between two pages never repeat ' +
          'or skip an indicator.',
        querystring: ReadQuery.extend({
          category: z.string().max(64).optional().describe('category code, e.g. ecology'),
          attribute: AttributeSchema.optional(),
          // SPEED (#13): pages
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(MAX_PAGE)
            .optional()
            .describe(`a page of at most this many indicators (1–${MAX_PAGE})`),
          cursor: z.string().max(64).optional().describe('opaque: the x-next-cursor of the previous page'),
        }),
        response: { 200: z.array(IndicatorSchema), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const { plan: planId, category, limit, cursor, ...rest } = request.query;
      if (category !== undefined) {
        const plan = service.resolvePlan(planId);
        const codes = plans.categories(plan.id).map((c) => c.code);
        if (!codes.includes(category))
          throw invalidField('query.category', `unknown category; one of ${codes.join(', ')}`);
      }
      const filter = { category, ...rest };
      let items: Indicator[];
      if (limit === undefined && cursor === undefined) items = service.list(planId, filter).items;
      else {
        const page = service.page(planId, filter, decodeCursor('ind', cursor), limit ?? DEFAULT_PAGE);
        if (page.next !== null) reply.header('x-next-cursor', encodeCursor('ind', page.next));
        items = page.items;
      }
      return sendJson(reply, `[${items.map((i) => indicatorJson(request, i)).join(',')}]`);
    },
  );

  app.get(
    '/indicators/:code',
    {
      schema: {
        operationId: 'getIndicator',
        tags: ['indicators'],
        summary: 'One indicator with its latest value and progress',
        params: CodeParams,
        querystring: ReadQuery,
        response: { 200: IndicatorSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const indicator = service.get(request.query.plan, request.params.code, request.query);
      return sendJson(reply, indicatorJson(request, indicator));
    },
  );

  app.get(
    '/indicators/:code/observations',
    {
      schema: {
        operationId: 'listObservations',
        tags: ['observations'],
        summary: "Each year's counted value and every revision behind it",
        params: CodeParams,
        querystring: z.object({ plan: PlanQuery }),
        response: {
          200: ObservationHistorySchema,
          ...problems(400, 404),
        },
      },
    },
    async (request) => {
      const all = service.observations(request.query.plan, request.params.code);
      if (request.principal !== null) return all;
      // SEC (#10, M5): the public sees approved values only, and not who entered or reviewed them
      return {
        ...all,
        current: all.current.map(anonymous),
        revisions: all.revisions
          .filter((r) => r.reviewState === 'approved')
          .map((r) => ({ ...anonymous(r), reviewedBy: null, reviewNote: null })),
      };
    },
  );

  app.get(
    '/indicators/:code/trajectory',
    {
      schema: {
        operationId: 'getTrajectory',
        tags: ['indicators'],
        summary: 'Expected path and actual values from baseline year to target year',
        params: CodeParams,
        querystring: z.object({ plan: PlanQuery, includePending: QueryBoolean }),
        response: { 200: TrajectorySchema, ...problems(400, 404) },
      },
    },
    async (request) => service.trajectory(request.query.plan, request.params.code, request.query),
  );

  app.get(
    '/plans/:planId/summary',
    {
      schema: {
        operationId: 'getPlanSummary',
        tags: ['plans'],
        summary: 'Counts by status and evaluation class (overall, per area, per attribute) and the early-warning list',
        params: z.object({ planId: z.string().max(64) }),
        querystring: ReadQuery.omit({ plan: true }),
        response: {
          200: PlanSummarySchema,
          ...problems(400, 404),
        },
      },
    },
    async (request, reply) => sendJson(reply, summaryJson(service.summary(request.params.planId, request.query))),
  );
};
