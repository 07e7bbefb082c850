import type { TokenScope } from '@gz/shared';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, users } from '../../db/schema.ts';

/** API tokens (only their hashes): data access only. */
export function createTokensRepository(db: Db) {
  const listQuery = () =>
    db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        scope: apiTokens.scope,
        prefix: apiTokens.prefix,
        owner: users.username,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
        expiresAt: apiTokens.expiresAt,
        revokedReason: apiTokens.revokedReason,
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId));

  return {
    /** Tokens newest first: one user's, or everyone's when ownerId is null. */
    list: (ownerId: number | null) =>
      (ownerId === null ? listQuery() : listQuery().where(eq(apiTokens.userId, ownerId)))
        .orderBy(desc(apiTokens.id))
        .all(),
    insert: (values: {
      userId: number;
      name: string;
      scope: TokenScope;
      tokenHash: string;
      prefix: string;
      expiresAt: string;
    }) => db.insert(apiTokens).values(values).returning().get(),
    /** A token that has not been revoked. */
    active: (id: number) =>
      db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .get(),
    revoke: (id: number, revokedAt: string) =>
      db.update(apiTokens).set({ revokedAt, revokedReason: 'revoked' }).where(eq(apiTokens.id, id)).run(),
  };
}
export type TokensRepository = ReturnType<typeof createTokensRepository>;
