import { CreateUserBodySchema, UpdateUserBodySchema, UserSchema } from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/http.ts';
import { actorOf } from '../../plugins/auth.ts';
import { toUser, type UsersRepository } from './users.repository.ts';
import type { AccountsService } from './users.service.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** Accounts: the account manager (admin when ROLE_SEPARATION=combined, the security administrator when strict). */
export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersRepository; accounts: AccountsService }> = async (
  app,
  { users, accounts },
) => {
  app.get(
    '/users',
    {
      config: { access: 'manage_accounts' },
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'All users (account manager)',
        response: { 200: z.array(UserSchema), ...problems(401, 403) },
      },
    },
    async () => users.list().map(toUser),
  );

  app.post(
    '/users',
    {
      config: { access: 'manage_accounts' },
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        summary: 'Create a user (account manager); the password must be changed at the first sign-in',
        body: CreateUserBodySchema,
        response: { 201: UserSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await accounts.create(actorOf(request), request.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'manage_accounts' },
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary: 'Change a user’s role, units, display name, active flag or password (account manager)',
        description:
          'A password set here must be changed at the next sign-in; it and a deactivation revoke all the user’s tokens.',
        params: IdParams,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => accounts.update(actorOf(request), request.params.id, request.body),
  );

  // SEC (#10): lift a lockout before it runs out
  app.post(
    '/users/:id/unlock',
    {
      config: { access: 'manage_accounts' },
      schema: {
        operationId: 'unlockUser',
        tags: ['users'],
        summary: 'Unlock an account locked by failed sign-ins (account manager)',
        params: IdParams,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => accounts.unlock(actorOf(request), request.params.id),
  );
};
