import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
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
  return {
    /** Appends one entry for a write by the request's principal; call inside the write's transaction. */
    append(request: FastifyRequest, event: AuditEvent) {
      const p = request.principal;
      db.insert(auditLog)
        .values({
          userId: p?.id ?? null,
          username: p?.username ?? null,
          tokenId: p?.tokenId ?? null,
          ip: request.ip,
          action: event.action,
          entityType: event.entityType,
          entityId: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
          planId: event.planId ?? null,
          indicatorCode: event.indicatorCode ?? null,
          before: json(event.before),
          after: json(event.after),
        })
        .run();
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
