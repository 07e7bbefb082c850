import { and, desc, eq, gte, lt, lte, notInArray, or, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog, plans } from '../../db/schema.ts';
import type { Actor, AnonymousCaller } from '../../plugins/auth.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  planId?: string | null;
  indicatorCode?: string | null;
  before?: unknown;
  after?: unknown;
  /** the import a per-value entry belongs to */
  importId?: number | null;
}

export interface AuditFilter {
  planId?: string | undefined;
  indicator?: string | undefined;
  user?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  importId?: number | undefined;
  limit: number;
  /** entries with an id below this one (the page cursor) */
  beforeId?: number | undefined;
  offset?: number | undefined;
  /** false: entries of draft plans are left out (only their admins see drafts) */
  includeDrafts: boolean;
}

/** Who wrote: the actor built once by the auth plugin, or an anonymous caller known by address. */
export type AuditSource = Actor | AnonymousCaller;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** The append-only audit log (UPDATE and DELETE are refused by triggers). */
export function createAuditRepository(db: Db) {
  // prepared once: every write appends here (a plain statement: an import appends one entry per value, SPEED #13)
  const insert = db.$client.prepare(
    `INSERT INTO audit_log (user_id, username, token_id, ip, action, entity_type, entity_id, plan_id, indicator_code,
       before, after, import_id, role)
     VALUES (@userId, @username, @tokenId, @ip, @action, @entityType, @entityId, @planId, @indicatorCode,
       @before, @after, @importId, @role)`,
  );
  return {
    /** Appends one entry for a write by the actor; call inside the write's transaction. */
    append(who: AuditSource, event: AuditEvent) {
      insert.run({
        userId: who.id,
        username: who.username,
        tokenId: who.tokenId,
        ip: who.ip,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
        planId: event.planId ?? null,
        indicatorCode: event.indicatorCode ?? null,
        before: json(event.before),
        after: json(event.after),
        importId: event.importId ?? null,
        role: 'role' in who ? who.role : null,
      });
    },
    list(filter: AuditFilter) {
      const where: SQL[] = [];
      if (filter.planId) where.push(eq(auditLog.planId, filter.planId));
      if (filter.indicator) where.push(eq(auditLog.indicatorCode, filter.indicator));
      if (filter.user) where.push(eq(auditLog.username, filter.user));
      if (filter.from) where.push(gte(auditLog.at, filter.from));
      if (filter.to) where.push(lte(auditLog.at, filter.to));
      if (filter.importId !== undefined) where.push(eq(auditLog.importId, filter.importId));
      if (filter.beforeId !== undefined) where.push(lt(auditLog.id, filter.beforeId));
      if (!filter.includeDrafts) {
        const drafts = db.select({ id: plans.id }).from(plans).where(eq(plans.state, 'draft'));
        const draftIds = drafts.all().map((d) => d.id);
        if (draftIds.length > 0) {
          const hidden = or(isNull(auditLog.planId), notInArray(auditLog.planId, draftIds));
          if (hidden) where.push(hidden);
        }
      }
      return db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit)
        .offset(filter.offset ?? 0)
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
