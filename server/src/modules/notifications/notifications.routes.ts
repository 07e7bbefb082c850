import {
  CreateWebhookBodySchema,
  MarkReadBodySchema,
  NotificationListSchema,
  UpdateWebhookBodySchema,
  WebhookDeliverySchema,
  WebhookSchema,
  UnreadCountSchema,
} from '@gz/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/http.ts';
import { problem } from '../../lib/problem.ts';
import { actorOf, type Principal } from '../../plugins/auth.ts';
import type { NotificationsService } from './notifications.service.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

const signedIn = (principal: Principal | null): Principal => {
  if (!principal) throw problem('unauthorized', 'Sign in first.');
  return principal;
};

/** The message centre of the signed-in user, and the webhooks admins keep. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ service: NotificationsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/me/notifications',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'listMyNotifications',
        tags: ['notifications'],
        summary: 'My messages, newest first, with the unread count (deadline reminders are computed on reading)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: NotificationListSchema, ...problems(400, 401) },
      },
    },
    async (request) => service.list(signedIn(request.principal), request.query.limit),
  );

  app.post(
    '/me/notifications/read',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'markMyNotificationsRead',
        tags: ['notifications'],
        summary: 'Mark some (ids) or all of my messages read',
        body: MarkReadBodySchema,
        response: { 200: UnreadCountSchema, ...problems(400, 401) },
      },
    },
    async (request) => service.markRead(signedIn(request.principal).id, request.body.ids),
  );

  app.get(
    '/webhooks',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'listWebhooks',
        tags: ['notifications'],
        summary: 'Outgoing webhooks (admin)',
        response: { 200: z.array(WebhookSchema), ...problems(401, 403) },
      },
    },
    async () => service.webhooks.list(),
  );

  app.post(
    '/webhooks',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'createWebhook',
        tags: ['notifications'],
        summary: 'Add a webhook: 企业微信 or 钉钉 group robot, or plain JSON; global or for one unit (admin)',
        body: CreateWebhookBodySchema,
        response: { 201: WebhookSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(service.webhooks.create(actorOf(request), request.body)),
  );

  app.patch(
    '/webhooks/:id',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'updateWebhook',
        tags: ['notifications'],
        summary: 'Change or (de)activate a webhook (admin)',
        params: IdParams,
        body: UpdateWebhookBodySchema,
        response: { 200: WebhookSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.webhooks.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/webhooks/:id/test',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'testWebhook',
        tags: ['notifications'],
        summary: 'Send a test message to a webhook (admin); see its delivery log for the outcome',
        params: IdParams,
        response: { 202: z.array(WebhookDeliverySchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(202).send(service.webhooks.test(request.params.id)),
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'listWebhookDeliveries',
        tags: ['notifications'],
        summary: 'The delivery log of a webhook, newest first: attempts, last status and error (admin)',
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.array(WebhookDeliverySchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.webhooks.deliveries(request.params.id, request.query.limit),
  );
};

/**
 * Tells the message centre about reviews and entries as they succeed, without touching the routes that
 * make them: after a 2xx of returning a revision, of entering a value or of an import that wrote.
 * Registered with fastify-plugin so that it sees the whole API scope.
 */
export const reviewEventsHook = fp(async (api: FastifyInstance, opts: { service: NotificationsService }) => {
  api.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 200 || reply.statusCode >= 300 || request.method === 'GET') return payload;
    const route = request.routeOptions.url ?? '';
    try {
      if (route === '/api/v1/revisions/:id/return') {
        const id = Number((request.params as { id?: unknown }).id);
        if (Number.isInteger(id)) opts.service.valueReturned(id);
      } else if (
        route === '/api/v1/indicators/:code/observations/:year' ||
        (route === '/api/v1/import' && !/dryRun=true/.test(request.url))
      ) {
        opts.service.valuesSubmitted();
      }
    } catch (error) {
      // a message that cannot be written never undoes the write it is about
      request.log.error({ err: error }, 'notification after a write failed');
    }
    return payload;
  });
});
