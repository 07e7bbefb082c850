import {
  daysUntil,
  roundDeadline,
  type CreateWebhookBody,
  type NotificationKind,
  type NotificationList,
  type NotificationParams,
  type Round,
  type TodoTaskReport,
  type UpdateWebhookBody,
  type Webhook,
  type WebhookDelivery,
} from '@gz/shared';
import type { Actor } from '../../plugins/auth.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { IndicatorsRepository } from '../indicators/indicators.repository.ts';
import type { LedgerRepository } from '../ledger/ledger.repository.ts';
import type { ObservationsRepository } from '../observations/observations.repository.ts';
import type { RoundItem, RoundsService, TodoActor } from '../rounds/rounds.service.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import { unknownUnit } from '../units/units.service.ts';
import {
  type Recipient,
  type NotificationsRepository,
  toDelivery,
  toNotification,
  toWebhook,
} from './notifications.repository.ts';
import type { WebhookMessage, WebhookSender } from './webhook-sender.ts';

/** A webhook as the audit log keeps it: a robot's key sits in the URL's query, so the query is masked. */
const forAudit = (hook: Webhook): Webhook => ({ ...hook, url: hook.url.replace(/\?.*$/, '?…') });

/** Days before the deadline from which "due soon" reminders go out. */
export const DUE_SOON_DAYS = 3;

const unfinished = (i: RoundItem) => i.status === 'to_fill' || i.status === 'returned';
const unreported = (r: TodoTaskReport) => r.status === 'to_report' || r.status === 'returned';

/**
 * The message centre and outgoing webhooks: what happened (a value returned, values waiting for review,
 * a round opened) is told when it happens; deadlines (due in 3 days, overdue) are computed from the open
 * rounds — on every read of a user's messages, and for everyone by the periodic job (`sweep`).
 */
export function createNotificationsService(deps: {
  db: Db;
  repo: NotificationsRepository;
  sender: WebhookSender;
  rounds: RoundsService;
  indicators: IndicatorsRepository;
  observations: ObservationsRepository;
  units: UnitsRepository;
  audit: AuditRepository;
  now: () => Date;
  /** task reports and their tasks (ledger, issue 12); without it no task report messages */
  ledger?: Pick<LedgerRepository, 'report' | 'task'>;
}) {
  const { repo, sender, rounds } = deps;
  const unitName = (code: string | null) => (code === null ? '未分配牵头单位' : (deps.units.get(code)?.name ?? code));
  const stamp = () => deps.now().toISOString();

  function notify(userId: number, kind: NotificationKind, params: NotificationParams, key: string): boolean {
    return repo.add(userId, kind, params, key, stamp());
  }

  /** Items per lead unit, in directory order with the unassigned last. */
  function countByUnit(items: readonly RoundItem[]): Map<string | null, number> {
    const counts = new Map<string | null, number>();
    for (const i of items) counts.set(i.leadUnit, (counts.get(i.leadUnit) ?? 0) + 1);
    const order = new Map(deps.units.list().map((u, k) => [u.code, k]));
    const rank = (code: string | null) =>
      code === null ? Number.MAX_SAFE_INTEGER : (order.get(code) ?? Number.MAX_SAFE_INTEGER - 1);
    return new Map([...counts].sort((a, b) => rank(a[0]) - rank(b[0])));
  }
  const unfinishedByUnit = (items: readonly RoundItem[]) => countByUnit(items.filter(unfinished));

  /** Deadline messages of one round for one user (none when nothing of theirs is open). */
  function remind(
    user: Recipient | TodoActor,
    round: Round,
    items: readonly RoundItem[],
    taskReports: readonly TodoTaskReport[],
    now: Date,
  ): void {
    const deadline = roundDeadline(round.dueDate);
    const overdue = now.getTime() >= deadline.getTime();
    if (!overdue && daysUntil(deadline, now) > DUE_SOON_DAYS) return;
    // values not submitted and task reports the round asks of the user's units not submitted
    const open =
      rounds.itemsFor({ ...user }, items).filter(unfinished).length +
      rounds.taskReportsFor(user, taskReports).filter(unreported).length;
    if (open === 0) return;
    const kind = overdue ? 'round_overdue' : 'round_due_soon';
    notify(
      user.id,
      kind,
      { roundId: round.id, roundName: round.name, dueDate: round.dueDate, planId: round.planId, count: open },
      `${kind}:${round.id}`,
    );
  }

  /** Deadline webhooks of one round: each unit's own hooks get its count, the global ones the list. */
  function remindWebhooks(round: Round, items: readonly RoundItem[], now: Date): void {
    const deadline = roundDeadline(round.dueDate);
    const overdue = now.getTime() >= deadline.getTime();
    if (!overdue && daysUntil(deadline, now) > DUE_SOON_DAYS) return;
    const kind = overdue ? 'round_overdue' : 'round_due_soon';
    const byUnit = unfinishedByUnit(items);
    if (byUnit.size === 0) return;
    const title = overdue ? `填报逾期：${round.name}` : `填报即将截止：${round.name}`;
    for (const [unit, count] of byUnit) {
      if (unit === null) continue;
      const text = `- 单位：${unitName(unit)}\n- 未完成：${count} 项\n- 截止日期：${round.dueDate}`;
      sender.enqueue(
        { event: kind, title, text, data: { roundId: round.id, roundName: round.name, dueDate: round.dueDate, count } },
        unit,
        `${kind}:${round.id}:${unit}`,
        'only',
      );
    }
    const lines = [...byUnit].map(([unit, count]) => `- ${unitName(unit)}：${count} 项未完成`).join('\n');
    const total = [...byUnit.values()].reduce((a, b) => a + b, 0);
    sender.enqueue(
      {
        event: kind,
        title,
        text: `${lines}\n- 截止日期：${round.dueDate}`,
        data: { roundId: round.id, roundName: round.name, dueDate: round.dueDate, count: total },
      },
      null,
      `${kind}:${round.id}:*`,
      'only',
    );
  }

  return {
    /** A value was returned with a reason: its author is told (with the reason), and the unit's webhooks. */
    valueReturned(revisionId: number): void {
      const rev = deps.observations.get(revisionId);
      if (rev?.reviewState !== 'returned') return;
      const ref = deps.observations.indicatorRef(rev.indicatorId);
      const indicator = deps.indicators.getByCode(ref.planId, ref.code);
      if (!indicator) return;
      const params: NotificationParams = {
        planId: ref.planId,
        indicatorCode: ref.code,
        indicatorName: indicator.name,
        year: rev.year,
        valueText: rev.valueText,
        reason: rev.reviewNote ?? '',
        revisionId,
      };
      if (rev.enteredBy !== null) notify(rev.enteredBy, 'value_returned', params, `value_returned:${revisionId}`);
      sender.enqueue(
        {
          event: 'value_returned',
          title: `数据退回：${indicator.name}（${rev.year}年）`,
          text: `- 单位：${unitName(indicator.leadUnit)}\n- 填报值：${rev.valueText}\n- 退回原因：${rev.reviewNote ?? ''}`,
          data: params,
        },
        indicator.leadUnit,
        `value_returned:${revisionId}`,
      );
    },

    /** A task report was returned with a reason: the users of the task's lead unit are told (with the reason). */
    taskReportReturned(reportId: number): void {
      const report = deps.ledger?.report(reportId);
      if (report?.state !== 'returned') return;
      const task = deps.ledger?.task(report.taskId);
      const lead = task?.leadUnit ?? null;
      if (!task || lead === null) return;
      const params: NotificationParams = {
        taskId: task.id,
        taskTitle: task.title,
        reportId,
        reason: report.reviewNote ?? '',
      };
      for (const user of repo.recipients().filter((u) => u.units.includes(lead))) {
        notify(user.id, 'task_report_returned', params, `task_report_returned:${reportId}`);
      }
    },

    /** Values were submitted: every reviewer (and admin) has one unread summary with the pending count. */
    valuesSubmitted(): void {
      const count = rounds.pendingReviewCount();
      if (count === 0) return;
      for (const user of repo.recipients().filter((u) => u.role === 'reviewer' || u.role === 'admin')) {
        const open = repo.unreadOfKind(user.id, 'review_waiting');
        if (open) repo.refresh(open.id, { count }, stamp());
        else notify(user.id, 'review_waiting', { count }, `review_waiting:${stamp()}`);
      }
    },

    /** A round was opened: everyone with items in it is told; each unit's webhooks and the global ones too. */
    roundOpened(round: Round, items: readonly RoundItem[]): void {
      const params = { roundId: round.id, roundName: round.name, dueDate: round.dueDate, planId: round.planId };
      for (const user of repo.recipients()) {
        const mine = rounds.itemsFor(user, items);
        if (mine.length > 0)
          notify(user.id, 'round_opened', { ...params, count: mine.length }, `round_opened:${round.id}`);
      }
      const note = round.instructions ? `\n- 说明：${round.instructions}` : '';
      const title = `新填报任务：${round.name}`;
      const byUnit = countByUnit(items);
      for (const [unit, count] of byUnit) {
        if (unit === null) continue;
        const text = `- 单位：${unitName(unit)}\n- 应报：${count} 项\n- 截止日期：${round.dueDate}${note}`;
        sender.enqueue(
          { event: 'round_opened', title, text, data: { ...params, count } },
          unit,
          `round_opened:${round.id}:${unit}`,
          'only',
        );
      }
      const unitCount = [...byUnit.keys()].filter((k) => k !== null).length;
      const text = `- 应报：${items.length} 项，${unitCount} 个单位\n- 截止日期：${round.dueDate}${note}`;
      sender.enqueue(
        { event: 'round_opened', title, text, data: { ...params, count: items.length } },
        null,
        `round_opened:${round.id}:*`,
        'only',
      );
    },

    /** Deadline messages for one user, computed on reading (no job needed for the message centre). */
    remindUser(user: TodoActor): void {
      const now = deps.now();
      for (const { round, items, taskReports } of rounds.openRounds()) remind(user, round, items, taskReports, now);
    },

    /** The periodic job: deadline messages for every user and deadline webhooks, then due retries. */
    sweep(): void {
      const now = deps.now();
      const users = repo.recipients();
      for (const { round, items, taskReports } of rounds.openRounds()) {
        for (const user of users) remind(user, round, items, taskReports, now);
        remindWebhooks(round, items, now);
      }
      sender.retryDue();
    },

    /** The user's messages, newest first, with the unread count (deadline messages computed first). */
    list(user: TodoActor, limit: number): NotificationList {
      this.remindUser(user);
      return { unread: repo.unreadCount(user.id), items: repo.list(user.id, limit).map(toNotification) };
    },

    /** Marks the user's messages read (some, or all); returns the unread count left. */
    markRead(userId: number, ids: readonly number[] | undefined): { unread: number } {
      repo.markRead(userId, ids, stamp());
      return { unread: repo.unreadCount(userId) };
    },

    webhooks: {
      list: (): Webhook[] => repo.webhooks.list().map(toWebhook),
      create(actor: Actor, body: CreateWebhookBody & { unitCode: string | null; active: boolean }): Webhook {
        if (body.unitCode !== null && !deps.units.get(body.unitCode)) throw unknownUnit('body.unitCode', body.unitCode);
        return deps.db.transaction(() => {
          const hook = toWebhook(repo.webhooks.insert({ ...body, createdBy: actor.id, createdAt: stamp() }));
          const after = forAudit(hook);
          deps.audit.append(actor, { action: 'webhook.create', entityType: 'webhook', entityId: hook.id, after });
          return hook;
        });
      },
      update(actor: Actor, id: number, body: UpdateWebhookBody): Webhook {
        if (body.unitCode !== undefined && body.unitCode !== null && !deps.units.get(body.unitCode))
          throw unknownUnit('body.unitCode', body.unitCode);
        return deps.db.transaction(() => {
          const existing = repo.webhooks.get(id);
          if (!existing) throw notFound(`webhook ${id}`);
          const row = repo.webhooks.update(id, body);
          if (!row) throw notFound(`webhook ${id}`);
          const after = toWebhook(row);
          deps.audit.append(actor, {
            action: 'webhook.update',
            entityType: 'webhook',
            entityId: id,
            before: forAudit(toWebhook(existing)),
            after: forAudit(after),
          });
          return after;
        });
      },
      deliveries(id: number, limit: number): WebhookDelivery[] {
        if (!repo.webhooks.get(id)) throw notFound(`webhook ${id}`);
        return repo.deliveries.ofWebhook(id, limit).map(toDelivery);
      },
      /** Sends a test message to one webhook now (through the same queue, log and retries). */
      test(id: number): WebhookDelivery[] {
        const hook = repo.webhooks.get(id);
        if (!hook) throw notFound(`webhook ${id}`);
        const message: WebhookMessage = {
          event: 'test',
          title: '测试消息',
          text: `- 来自赣州示范区指标监测平台\n- 接收地址：${hook.name}`,
          data: {},
        };
        const row = sender.enqueueTo(id, message);
        return row ? [toDelivery(row)] : [];
      },
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
