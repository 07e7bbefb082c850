import { type CreateUserBodySchema, type UpdateUserBodySchema, type User, UserSchema } from '@gz/shared';
import { z } from 'zod';
import { apiRequest } from './client.ts';

export const userKeys = { list: ['users'] as const };

export type NewUser = z.input<typeof CreateUserBodySchema>;
export type UserChange = z.input<typeof UpdateUserBodySchema>;

export function fetchUsers(): Promise<User[]> {
  return apiRequest('/users', { schema: z.array(UserSchema) });
}

export function createUser(body: NewUser): Promise<User> {
  return apiRequest('/users', { method: 'POST', json: body, schema: UserSchema });
}

export function updateUser(id: number, change: UserChange): Promise<User> {
  return apiRequest(`/users/${id}`, { method: 'PATCH', json: change, schema: UserSchema });
}
