import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  planId?: string | null;
  indicatorCode?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  planId?: string | undefined;
  indicator?: string | undefined;
  user?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** The append-only audit log (UPDATE and DELETE are refused by triggers). */
export function createAuditRepository(db: Db) {
  const p = sql.placeholder;
  // prepared once: every write appends here
  const insert = db
    .insert(auditLog)
    .values({
      userId: p('userId'),
      username: p('username'),
      tokenId: p('tokenId'),
      ip: p('ip'),
      action: p('action'),
      entityType: p('entityType'),
      entityId: p('entityId'),
      planId: p('planId'),
      indicatorCode: p('indicatorCode'),
      before: p('before'),
      after: p('after'),
    })
    .prepare();
  return {
    /** Appends one entry for a write by the request's principal; call inside the write's transaction. */
    append(request: FastifyRequest, event: AuditEvent) {
      const who = request.principal;
      insert.run({
        userId: who?.id ?? null,
        username: who?.username ?? null,
        tokenId: who?.tokenId ?? null,
        ip: request.ip,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
        planId: event.planId ?? null,
        indicatorCode: event.indicatorCode ?? null,
        before: json(event.before),
        after: json(event.after),
      });
    },
    list(filter: AuditFilter) {
      const where: SQL[] = [];
      if (filter.planId) where.push(eq(auditLog.planId, filter.planId));
      if (filter.indicator) where.push(eq(auditLog.indicatorCode, filter.indicator));
      if (filter.user) where.push(eq(auditLog.username, filter.user));
      if (filter.from) where.push(gte(auditLog.at, filter.from));
      if (filter.to) where.push(lte(auditLog.at, filter.to));
      return db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit)
        .offset(filter.offset)
        .all()
        .map((row) => ({
          ...row,
          before: row.before === null ? null : (JSON.parse(row.before) as unknown),
          after: row.after === null ? null : (JSON.parse(row.after) as unknown),
        }));
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
