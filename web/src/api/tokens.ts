import { type ApiToken, ApiTokenSchema, CreatedTokenSchema, type TokenScope } from '@gz/shared';
import { z } from 'zod';
import { apiRequest, NO_CONTENT } from './client.ts';

export const tokenKeys = { list: ['tokens'] as const };

export function fetchTokens(): Promise<ApiToken[]> {
  return apiRequest('/tokens', { schema: z.array(ApiTokenSchema) });
}

/** Creates a token; the reply's `token` is the only time the secret is ever shown. */
export function createToken(body: {
  name: string;
  scope: TokenScope;
  expiresInDays?: number;
}): Promise<z.infer<typeof CreatedTokenSchema>> {
  return apiRequest('/tokens', { method: 'POST', json: body, schema: CreatedTokenSchema });
}

export async function revokeToken(id: number): Promise<void> {
  await apiRequest(`/tokens/${id}`, { method: 'DELETE', schema: NO_CONTENT });
}
