import { z } from 'zod';
import { UnitCodeSchema } from './unit.ts';

/** What a message is about; the web words each kind in the UI's language from its params. */
export const NOTIFICATION_KINDS = [
  'value_returned',
  'review_waiting',
  'round_opened',
  'round_due_soon',
  'round_overdue',
  'task_report_returned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The facts a message carries (which apply depends on its kind). */
export const NotificationParamsSchema = z
  .object({
    planId: z.string().optional(),
    indicatorCode: z.string().optional(),
    indicatorName: z.string().optional(),
    year: z.number().int().optional(),
    valueText: z.string().optional(),
    reason: z.string().optional().describe('the reviewer’s reason for returning a value'),
    revisionId: z.number().int().optional(),
    roundId: z.number().int().optional(),
    roundName: z.string().optional(),
    dueDate: z.string().optional(),
    count: z.number().int().optional().describe('items concerned (values waiting, items open)'),
    taskId: z.number().int().optional(),
    taskTitle: z.string().optional(),
    reportId: z.number().int().optional(),
  })
  .meta({ id: 'NotificationParams' });
export type NotificationParams = z.infer<typeof NotificationParamsSchema>;

export const NotificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(NOTIFICATION_KINDS),
    params: NotificationParamsSchema,
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z
  .object({
    unread: z.number().int().describe('unread messages in all'),
    items: z.array(NotificationSchema).describe('newest first, at most `limit`'),
  })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof NotificationListSchema>;

/** The reply to marking messages read: the unread count left. */
export const UnreadCountSchema = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCount' });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

export const MarkReadBodySchema = z.object({
  ids: z
    .array(z.number().int().positive())
    .max(500)
    .optional()
    .describe('messages to mark read; all of mine when absent'),
});

/** The JSON a webhook receives: 企业微信 group robot, 钉钉 robot, or plain JSON. */
export const WEBHOOK_FORMATS = ['wecom', 'dingtalk', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const WebhookSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    url: z.string(),
    format: z.enum(WEBHOOK_FORMATS),
    unitCode: z.string().nullable().describe('only this unit’s events; null: every event (global)'),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof WebhookSchema>;

const HttpUrlSchema = z
  .string()
  .max(2000)
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'an http(s) URL');

export const CreateWebhookBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  url: HttpUrlSchema,
  format: z.enum(WEBHOOK_FORMATS),
  unitCode: UnitCodeSchema.nullable().default(null),
  active: z.boolean().default(true),
});
export type CreateWebhookBody = z.input<typeof CreateWebhookBodySchema>;

export const UpdateWebhookBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    url: HttpUrlSchema.optional(),
    format: z.enum(WEBHOOK_FORMATS).optional(),
    unitCode: UnitCodeSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBodySchema>;

export const WebhookDeliverySchema = z
  .object({
    id: z.number().int(),
    webhookId: z.number().int(),
    event: z.string(),
    payload: z.string().describe('the JSON body sent'),
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable().describe('HTTP status of the last attempt; null when no reply'),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
