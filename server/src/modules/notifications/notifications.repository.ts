import type { Notification, NotificationKind, NotificationParams, Webhook, WebhookDelivery } from '@gz/shared';
import { and, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notifications, webhookDeliveries, webhooks } from '../../db/schema.ts';

type NotificationRow = typeof notifications.$inferSelect;
type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  params: JSON.parse(row.params) as NotificationParams,
  createdAt: row.createdAt,
  readAt: row.readAt,
});

export const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  name: row.name,
  url: row.url,
  format: row.format,
  unitCode: row.unitCode,
  active: row.active,
  createdAt: row.createdAt,
});

export const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhookId,
  event: row.event,
  payload: row.payload,
  state: row.state,
  attempts: row.attempts,
  lastStatus: row.lastStatus,
  lastError: row.lastError,
  nextAttemptAt: row.nextAttemptAt,
  createdAt: row.createdAt,
  deliveredAt: row.deliveredAt,
});

/** A user as the message centre addresses them. */
export interface Recipient {
  id: number;
  role: string;
  units: string[];
}

/** Messages, webhooks and their delivery log: data access only. */
export function createNotificationsRepository(db: Db) {
  const activeUsers = db.$client.prepare<[], { id: number; role: string; units: string }>(
    'SELECT id, role, units FROM users WHERE active = 1 ORDER BY id',
  );
  return {
    /** Active users with their role and unit codes. */
    recipients: (): Recipient[] =>
      activeUsers.all().map((u) => ({ id: u.id, role: u.role, units: JSON.parse(u.units) as string[] })),

    /** Adds a message unless the user has one with the same key already; true when added. */
    add(userId: number, kind: NotificationKind, params: NotificationParams, dedupeKey: string, at: string): boolean {
      const res = db
        .insert(notifications)
        .values({ userId, kind, params: JSON.stringify(params), dedupeKey, createdAt: at })
        .onConflictDoNothing()
        .run();
      return res.changes > 0;
    },
    /** The user's unread message of a kind, if any (to refresh a summary rather than add another). */
    unreadOfKind: (userId: number, kind: NotificationKind) =>
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind), isNull(notifications.readAt)))
        .orderBy(desc(notifications.id))
        .get(),
    refresh: (id: number, params: NotificationParams, at: string) =>
      db
        .update(notifications)
        .set({ params: JSON.stringify(params), createdAt: at })
        .where(eq(notifications.id, id))
        .run(),
    list: (userId: number, limit: number) =>
      db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit)
        .all(),
    unreadCount: (userId: number) =>
      db
        .select({ n: sql<number>`count(*)` })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
        .get()?.n ?? 0,
    markRead(userId: number, ids: readonly number[] | undefined, at: string): number {
      const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
      const where = ids === undefined ? mine : and(mine, inArray(notifications.id, [...ids]));
      return db.update(notifications).set({ readAt: at }).where(where).run().changes;
    },

    webhooks: {
      list: () => db.select().from(webhooks).orderBy(webhooks.id).all(),
      get: (id: number) => db.select().from(webhooks).where(eq(webhooks.id, id)).get(),
      insert: (values: typeof webhooks.$inferInsert) => db.insert(webhooks).values(values).returning().get(),
      update: (id: number, values: Partial<typeof webhooks.$inferInsert>) =>
        db.update(webhooks).set(values).where(eq(webhooks.id, id)).returning().get(),
      /**
       * Active webhooks an event goes to: `unit` — the global ones and the unit's own; `only` — exactly
       * the unit's own (or, for null, exactly the global ones).
       */
      targets: (unitCode: string | null, mode: 'unit' | 'only') =>
        db
          .select()
          .from(webhooks)
          .where(eq(webhooks.active, true))
          .all()
          .filter((w) => (mode === 'only' ? w.unitCode === unitCode : w.unitCode === null || w.unitCode === unitCode)),
    },

    deliveries: {
      /** Queues a delivery; with a key, only once per webhook (returns undefined when queued already). */
      insert: (values: {
        webhookId: number;
        event: string;
        dedupeKey: string | null;
        payload: string;
        createdAt: string;
      }) =>
        db
          .insert(webhookDeliveries)
          .values({ ...values, nextAttemptAt: values.createdAt })
          .onConflictDoNothing()
          .returning()
          .get(),
      get: (id: number) => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get(),
      update: (id: number, values: Partial<DeliveryRow>) =>
        db.update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, id)).run(),
      ofWebhook: (webhookId: number, limit: number) =>
        db
          .select()
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.webhookId, webhookId))
          .orderBy(desc(webhookDeliveries.id))
          .limit(limit)
          .all(),
      /** Pending deliveries whose next attempt is due (after a restart, or missed timers). */
      due: (at: string) =>
        db
          .select()
          .from(webhookDeliveries)
          .where(and(eq(webhookDeliveries.state, 'pending'), lte(webhookDeliveries.nextAttemptAt, at)))
          .all(),
    },
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
