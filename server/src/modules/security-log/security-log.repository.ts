import type { SecurityEvent } from '@gz/shared';
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { securityLog } from '../../db/schema.ts';

/** One entry of the sign-in and denial log. */
export interface SecurityRecord {
  event: SecurityEvent;
  username?: string | null;
  userId?: number | null;
  tokenId?: number | null;
  ip: string;
  userAgent?: string | null;
  status?: number | null;
  method?: string | null;
  path?: string | null;
  code?: string | null;
}

export interface SecurityLogFilter {
  event?: SecurityEvent | undefined;
  user?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** entries with an id below this one (the page cursor) */
  beforeId?: number | undefined;
  limit: number;
}

const cut = (s: string | null | undefined, n: number) => (s === null || s === undefined ? null : s.slice(0, n));

/** The append-only sign-in and denial log (UPDATE and DELETE are refused by triggers). */
export function createSecurityLogRepository(db: Db) {
  return {
    /** Appends one entry; texts from the client are cut to a sane length. */
    append(r: SecurityRecord) {
      db.insert(securityLog)
        .values({
          event: r.event,
          username: cut(r.username, 64),
          userId: r.userId ?? null,
          tokenId: r.tokenId ?? null,
          ip: cut(r.ip, 64),
          userAgent: cut(r.userAgent, 300),
          status: r.status ?? null,
          method: cut(r.method, 10),
          path: cut(r.path, 300),
          code: cut(r.code, 64),
        })
        .run();
    },
    /** Entries newest first, one page. */
    list(f: SecurityLogFilter) {
      const where: SQL[] = [];
      if (f.event) where.push(eq(securityLog.event, f.event));
      if (f.user) where.push(eq(securityLog.username, f.user));
      if (f.from) where.push(gte(securityLog.at, f.from));
      if (f.to) where.push(lte(securityLog.at, f.to));
      if (f.beforeId !== undefined) where.push(lt(securityLog.id, f.beforeId));
      return db
        .select()
        .from(securityLog)
        .where(and(...where))
        .orderBy(desc(securityLog.id))
        .limit(f.limit)
        .all()
        .map((row) => ({ ...row, event: row.event as SecurityEvent }));
    },
  };
}
export type SecurityLogRepository = ReturnType<typeof createSecurityLogRepository>;
