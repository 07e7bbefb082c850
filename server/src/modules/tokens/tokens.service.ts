import {
  type ApiToken,
  type CreatedToken,
  type CreateTokenBody,
  mayManageAccounts,
  type RoleSeparation,
} from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { randomSecret, sha256 } from '../../lib/crypto.ts';
import { notFound, problem } from '../../lib/problem.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { TokensRepository } from './tokens.repository.ts';

const TOKEN_PREFIX = 'gzt_';
const DAY_MS = 86_400_000;

/** API tokens: created by their owner (shown once, only the hash kept), revoked by the owner or the account manager. */
export function createTokensService(deps: {
  db: Db;
  repo: TokensRepository;
  audit: AuditRepository;
  roleSeparation: RoleSeparation;
}) {
  const { db, repo, audit, roleSeparation } = deps;
  const managesAccounts = (actor: Actor) => mayManageAccounts(actor.role, roleSeparation);
  return {
    /** The actor's tokens; the account manager sees everyone's. */
    list: (actor: Actor): ApiToken[] => repo.list(managesAccounts(actor) ? null : actor.id),

    /** A new token acting with the actor's role; a token cannot create tokens (403). Audited without the secret. */
    create(actor: Actor, body: CreateTokenBody): CreatedToken {
      if (actor.tokenId !== null) throw problem('forbidden', 'A token cannot create tokens; sign in.');
      const token = TOKEN_PREFIX + randomSecret(32);
      const created = db.transaction(() => {
        const expiresAt = new Date(Date.now() + body.expiresInDays * DAY_MS).toISOString();
        const row = repo.insert({
          userId: actor.id,
          name: body.name,
          scope: body.scope,
          tokenHash: sha256(token),
          prefix: token.slice(0, 10),
          expiresAt,
        });
        const view: ApiToken = {
          id: row.id,
          name: row.name,
          scope: row.scope,
          prefix: row.prefix,
          owner: actor.username,
          createdAt: row.createdAt,
          lastUsedAt: null,
          revokedAt: null,
          expiresAt,
          revokedReason: null,
        };
        audit.append(actor, { action: 'token.create', entityType: 'token', entityId: row.id, after: view });
        return view;
      });
      return { ...created, token };
    },

    /** Revokes a token; someone else's token is reported as absent (404), not forbidden, so ids reveal nothing. */
    revoke(actor: Actor, id: number): void {
      const row = repo.active(id);
      if (!row || (row.userId !== actor.id && !managesAccounts(actor))) throw notFound(`token ${id}`);
      db.transaction(() => {
        const revokedAt = new Date().toISOString();
        repo.revoke(row.id, revokedAt);
        audit.append(actor, {
          action: 'token.revoke',
          entityType: 'token',
          entityId: row.id,
          before: { name: row.name, scope: row.scope, revokedAt: null },
          after: { name: row.name, scope: row.scope, revokedAt },
        });
      });
    },
  };
}
export type TokensService = ReturnType<typeof createTokensService>;
