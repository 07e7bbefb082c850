import type { Notification } from '@gz/shared';
import type { TFunction } from 'i18next';

/** One message in the UI's language, from its kind and facts. */
export function messageText(n: Notification, t: TFunction): string {
  const p = n.params;
  switch (n.kind) {
    case 'value_returned':
      return t('messages.kinds.value_returned', {
        indicator: p.indicatorName ?? p.indicatorCode ?? '',
        year: p.year ?? '',
        value: p.valueText ?? '',
        reason: p.reason ?? '',
      });
    case 'review_waiting':
      return t('messages.kinds.review_waiting', { count: p.count ?? 0 });
    case 'round_opened':
      return t('messages.kinds.round_opened', {
        round: p.roundName ?? '',
        count: p.count ?? 0,
        dueDate: p.dueDate ?? '',
      });
    case 'round_due_soon':
      return t('messages.kinds.round_due_soon', {
        round: p.roundName ?? '',
        count: p.count ?? 0,
        dueDate: p.dueDate ?? '',
      });
    case 'round_overdue':
      return t('messages.kinds.round_overdue', {
        round: p.roundName ?? '',
        count: p.count ?? 0,
        dueDate: p.dueDate ?? '',
      });
    case 'task_report_returned':
      return t('messages.kinds.task_report_returned', { task: p.taskTitle ?? '', reason: p.reason ?? '' });
  }
}
