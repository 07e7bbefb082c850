import type { NotificationParams, WebhookFormat } from '@gz/shared';
import type { DeliveryRow, NotificationsRepository } from './notifications.repository.ts';

/** One event as webhooks carry it: a title and a Markdown text in Chinese, and its facts. */
export interface WebhookMessage {
  event: string;
  title: string;
  /** Markdown (both robots render it) */
  text: string;
  data: NotificationParams;
}

/**
 * The JSON body for a receiver: 企业微信 group robot `{"msgtype":"markdown","markdown":{"content"}}`,
 * 钉钉 robot `{"msgtype":"markdown","markdown":{"title","text"}}`, or plain JSON with the facts.
 */
export function webhookBody(format: WebhookFormat, message: WebhookMessage, sentAt: string): string {
  const markdown = `### ${message.title}\n${message.text}`;
  if (format === 'wecom') return JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown } });
  if (format === 'dingtalk')
    return JSON.stringify({ msgtype: 'markdown', markdown: { title: message.title, text: markdown } });
  return JSON.stringify({ event: message.event, title: message.title, text: message.text, data: message.data, sentAt });
}

/** Options of the sender; tests shorten the back-off. */
export interface SenderOptions {
  repo: NotificationsRepository;
  now: () => Date;
  /** first retry after this many ms, then doubling (exponential back-off) */
  baseDelayMs: number;
  /** attempts in all before a delivery is marked failed */
  maxAttempts: number;
  timeoutMs?: number;
  log?: { warn: (obj: object, msg: string) => void };
}

/**
 * Delivers queued webhook messages by HTTP POST, in the background: a reply outside 2xx (or a robot's
 * `errcode` other than 0, or no reply) is retried after baseDelay × 2^(attempt−1) until maxAttempts;
 * every attempt is recorded on the delivery (the log admins read).
 */
export function createWebhookSender(opts: SenderOptions) {
  const { repo } = opts;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const running = new Set<Promise<void>>();
  const busy = new Set<number>();
  let closed = false;

  async function post(url: string, body: string): Promise<{ status: number | null; error: string | null }> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      const text = await res.text();
      if (res.status < 200 || res.status >= 300)
        return { status: res.status, error: text.slice(0, 500) || res.statusText };
      // the robots answer 200 with {"errcode": n, "errmsg": …}; n ≠ 0 is a refusal
      try {
        const reply = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown };
        if (typeof reply.errcode === 'number' && reply.errcode !== 0)
          return { status: res.status, error: `errcode ${reply.errcode}: ${String(reply.errmsg ?? '')}` };
      } catch {
        // not JSON: a plain receiver, fine
      }
      return { status: res.status, error: null };
    } catch (error) {
      return { status: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function attempt(id: number): Promise<void> {
    const delivery = repo.deliveries.get(id);
    if (delivery?.state !== 'pending' || closed) return;
    const hook = repo.webhooks.get(delivery.webhookId);
    if (!hook) return;
    const result = await post(hook.url, delivery.payload);
    if (closed) return;
    const attempts = delivery.attempts + 1;
    const at = opts.now().toISOString();
    if (result.error === null) {
      repo.deliveries.update(id, {
        state: 'delivered',
        attempts,
        lastStatus: result.status,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: at,
      });
      return;
    }
    if (attempts >= opts.maxAttempts) {
      repo.deliveries.update(id, {
        state: 'failed',
        attempts,
        lastStatus: result.status,
        lastError: result.error,
        nextAttemptAt: null,
      });
      opts.log?.warn({ deliveryId: id, webhookId: hook.id, status: result.status }, 'webhook delivery failed for good');
      return;
    }
    const delay = opts.baseDelayMs * 2 ** (attempts - 1);
    const next = new Date(opts.now().getTime() + delay).toISOString();
    repo.deliveries.update(id, { attempts, lastStatus: result.status, lastError: result.error, nextAttemptAt: next });
    schedule(id, delay);
  }

  function track(id: number): void {
    if (busy.has(id)) return;
    busy.add(id);
    const p = attempt(id).finally(() => {
      busy.delete(id);
      running.delete(p);
    });
    running.add(p);
  }

  function schedule(id: number, delay: number): void {
    const timer = setTimeout(() => {
      timers.delete(id);
      track(id);
    }, delay);
    timer.unref();
    timers.set(id, timer);
  }

  return {
    /**
     * Queues a message for every active webhook it concerns (mode `unit`: the global ones and those of
     * `unitCode`; `only`: exactly those of `unitCode`, or the global ones for null) and starts delivering.
     * With a `dedupeKey` a webhook gets the message once. Returns the deliveries queued.
     */
    enqueue(
      message: WebhookMessage,
      unitCode: string | null,
      dedupeKey: string | null = null,
      mode: 'unit' | 'only' = 'unit',
    ): DeliveryRow[] {
      const at = opts.now().toISOString();
      const queued: DeliveryRow[] = [];
      for (const hook of repo.webhooks.targets(unitCode, mode)) {
        const row = repo.deliveries.insert({
          webhookId: hook.id,
          event: message.event,
          dedupeKey,
          payload: webhookBody(hook.format, message, at),
          createdAt: at,
        });
        if (row) queued.push(row);
      }
      for (const row of queued) track(row.id);
      return queued;
    },
    /** Queues a message for one webhook (a test message), active or not. */
    enqueueTo(webhookId: number, message: WebhookMessage): DeliveryRow | undefined {
      const hook = repo.webhooks.get(webhookId);
      if (!hook) return undefined;
      const at = opts.now().toISOString();
      const row = repo.deliveries.insert({
        webhookId,
        event: message.event,
        dedupeKey: null,
        payload: webhookBody(hook.format, message, at),
        createdAt: at,
      });
      if (row) track(row.id);
      return row;
    },
    /** Retries pending deliveries that are due (the periodic job; after a restart). */
    retryDue(): void {
      for (const row of repo.deliveries.due(opts.now().toISOString())) if (!timers.has(row.id)) track(row.id);
    },
    /** Resolves when nothing is being sent and no retry is waiting (tests). */
    async settled(): Promise<void> {
      while (running.size > 0 || timers.size > 0) {
        await Promise.race([...running, new Promise((r) => setTimeout(r, 5))]);
      }
    },
    close(): void {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
export type WebhookSender = ReturnType<typeof createWebhookSender>;
