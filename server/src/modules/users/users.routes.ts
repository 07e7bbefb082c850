import { CreateUserBodySchema, UpdateUserBodySchema, UserSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hashPassword } from '../../lib/crypto.ts';
import { problems } from '../../lib/http.ts';
import { notFound, problem } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { toUser, type UsersRepository } from './users.repository.ts';
import { unknownUnit } from '../units/units.service.ts';
import { createUser } from './users.service.ts';
import { defined } from '../../lib/invariant.ts';

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersRepository; audit: AuditRepository }> = async (app, { users, audit }) => {
  app.get(
    '/users',
    {
      config: { access: ['admin'] },
      schema: { operationId: 'listUsers', tags: ['users'], summary: 'All users (admin)', response: { 200: z.array(UserSchema), ...problems(401, 403) } },
    },
    async () => users.list().map(toUser),
  );

  app.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: { operationId: 'createUser', tags: ['users'], summary: 'Create a user (admin)', body: CreateUserBodySchema, response: { 201: UserSchema, ...problems(400, 401, 403, 409) } },
    },
    async (request, reply) => {
      const created = await createUser(users, request.body);
      const user = toUser(created);
      audit.append(request, { action: 'user.create', entityType: 'user', entityId: user.id, after: user });
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary: 'Change a user’s role, units, active flag or password (admin)',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const existing = users.get(request.params.id);
      if (!existing) throw notFound(`user ${request.params.id}`);
      const { password, ...rest } = request.body;
      (rest.units ?? []).forEach((code, i) => {
        if (!users.unitExists(code)) throw unknownUnit(`body.units.${i}`, code);
      });
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      return app.db.transaction(() => {
        // the last active admin cannot be demoted or deactivated: nobody could manage users afterwards
        const losesAdmin = existing.role === 'admin' && existing.active && ((rest.role !== undefined && rest.role !== 'admin') || rest.active === false);
        if (losesAdmin && users.countActiveAdmins() === 1) {
          throw problem('last_admin', 'This is the last active admin; make another user admin first.', [
            { field: rest.active === false ? 'body.active' : 'body.role', message: 'the last active admin must stay an active admin' },
          ]);
        }
        const updated = defined(users.update(existing.id, { ...rest, ...(passwordHash ? { passwordHash } : {}) }), `user ${existing.id}`);
        // a changed password, role or deactivation ends the user's sessions
        app.authRepo.deleteSessionsOf(existing.id);
        const before = toUser(existing);
        const after = toUser(updated);
        audit.append(request, {
          action: 'user.update',
          entityType: 'user',
          entityId: existing.id,
          before,
          after: { ...after, ...(password === undefined ? {} : { passwordChanged: true }) },
        });
        return after;
      });
    },
  );
};
