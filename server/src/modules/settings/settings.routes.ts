import { SettingsPatchSchema, SettingsSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/auth.ts';
import { problems } from '../../lib/http.ts';
import type { SettingsService } from './settings.service.ts';

/** Admin settings: read by anyone who may read (the web shows the issuing unit), changed by admins. */
export const settingsRoutes: FastifyPluginAsyncZod<{ service: SettingsService }> = async (app, { service }) => {
  app.get(
    '/settings',
    {
      schema: {
        operationId: 'getSettings',
        tags: ['settings'],
        summary: 'The issuing unit of reports and the default plan, each with whether it is the default',
        response: { 200: SettingsSchema },
      },
    },
    async () => service.read(),
  );

  app.patch(
    '/settings',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'updateSettings',
        tags: ['settings'],
        summary: 'Set the issuing unit or the default plan (null: back to the default)',
        body: SettingsPatchSchema,
        response: { 200: SettingsSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => service.update(actorOf(request), request.body),
  );
};
