import {
  type CreateWebhookBody,
  NotificationListSchema,
  type NotificationList,
  type UpdateWebhookBody,
  WebhookDeliverySchema,
  type WebhookDelivery,
  WebhookSchema,
  type Webhook,
  UnreadCountSchema,
} from '@gz/shared';
import { z } from 'zod';
import { apiRequest } from './client.ts';

export const notificationKeys = {
  list: ['notifications'] as const,
  webhooks: ['webhooks'] as const,
  deliveries: (id: number) => ['webhooks', id, 'deliveries'] as const,
};

/** My messages with the unread count. */
export function fetchNotifications(): Promise<NotificationList> {
  return apiRequest('/me/notifications', { query: { limit: 100 }, schema: NotificationListSchema });
}

/** Marks some (or, without ids, all) of my messages read. */
export function markNotificationsRead(ids?: number[]): Promise<{ unread: number }> {
  return apiRequest('/me/notifications/read', {
    method: 'POST',
    json: ids === undefined ? {} : { ids },
    schema: UnreadCountSchema,
  });
}

export function fetchWebhooks(): Promise<Webhook[]> {
  return apiRequest('/webhooks', { schema: z.array(WebhookSchema) });
}

export function createWebhook(body: CreateWebhookBody): Promise<Webhook> {
  return apiRequest('/webhooks', { method: 'POST', json: body, schema: WebhookSchema });
}

export function updateWebhook(id: number, change: UpdateWebhookBody): Promise<Webhook> {
  return apiRequest(`/webhooks/${id}`, { method: 'PATCH', json: change, schema: WebhookSchema });
}

export function testWebhook(id: number): Promise<WebhookDelivery[]> {
  return apiRequest(`/webhooks/${id}/test`, { method: 'POST', schema: z.array(WebhookDeliverySchema) });
}

export function fetchDeliveries(id: number): Promise<WebhookDelivery[]> {
  return apiRequest(`/webhooks/${id}/deliveries`, { schema: z.array(WebhookDeliverySchema) });
}
