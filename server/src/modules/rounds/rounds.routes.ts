import { CompletenessSchema, CreateRoundBodySchema, RoundSchema, TodoSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/auth.ts';
import { problems } from '../../lib/http.ts';
import { problem } from '../../lib/problem.ts';
import { completenessWorkbook } from './rounds.xlsx.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RoundsService } from './rounds.service.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** 填报任务: rounds, the to-do of each user and the completeness board with its 催报表. */
export const roundsRoutes: FastifyPluginAsyncZod<{
  service: RoundsService;
  notifications?: NotificationsService;
}> = async (app, { service, notifications }) => {
  const principalOf = (p: { principal: { id: number; role: string; units: string[] } | null }) => {
    if (!p.principal) throw problem('unauthorized', 'Sign in first.');
    return p.principal;
  };

  app.post(
    '/rounds',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'openRound',
        tags: ['rounds'],
        summary:
          'Open a reporting round (填报任务) for some indicators (default all) and years of a plan, due by a date (admin)',
        body: CreateRoundBodySchema,
        response: { 201: RoundSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(service.open(actorOf(request), request.body)),
  );

  app.get(
    '/rounds',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'listRounds',
        tags: ['rounds'],
        summary: 'All reporting rounds, newest first',
        response: { 200: z.array(RoundSchema), ...problems(401) },
      },
    },
    async () => service.list(),
  );

  app.get(
    '/rounds/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'getRound',
        tags: ['rounds'],
        summary: 'One reporting round',
        params: IdParams,
        response: { 200: RoundSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => service.get(request.params.id),
  );

  app.post(
    '/rounds/:id/close',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'closeRound',
        tags: ['rounds'],
        summary: 'Close a round: its items leave the to-do lists (admin)',
        params: IdParams,
        response: { 200: RoundSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.close(actorOf(request), request.params.id),
  );

  app.get(
    '/rounds/:id/completeness',
    {
      config: { access: ['reviewer', 'viewer'] },
      schema: {
        operationId: 'getRoundCompleteness',
        tags: ['rounds'],
        summary: 'Asked, filled, approved and overdue per lead unit (admins and leaders)',
        params: IdParams,
        response: { 200: CompletenessSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.completeness(request.params.id),
  );

  app.get(
    '/rounds/:id/completeness.xlsx',
    {
      config: { access: ['reviewer', 'viewer'] },
      schema: {
        operationId: 'downloadRoundReminderSheet',
        tags: ['rounds'],
        summary: 'The 催报表 workbook: completeness per unit and every item not yet approved (admins and leaders)',
        params: IdParams,
        response: { 200: z.any().describe('an .xlsx workbook'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const board = service.completeness(request.params.id);
      const file = await completenessWorkbook(board, service.itemsOf(request.params.id));
      const name = encodeURIComponent(`催报表-${board.round.name}.xlsx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="round-${board.round.id}.xlsx"; filename*=UTF-8''${name}`)
        .send(file);
    },
  );

  app.get(
    '/me/todo',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'getMyTodo',
        tags: ['rounds'],
        summary:
          'My to-do: items of open rounds (待填报 / 已退回 / 待审核 / 已通过) with deadlines; ' +
          'admins also the indicators without a lead unit',
        response: { 200: TodoSchema, ...problems(401) },
      },
    },
    async (request) => {
      const me = principalOf(request);
      // deadline reminders are computed on reading, so the header's count matches the to-do
      notifications?.remindUser(me);
      return service.todo(me);
    },
  );
};
