import type { TodoStatus } from '../schemas/todo.ts';

/**
 * Reporting rounds (填报任务): pure rules for deadlines, the status of an asked value and the
 * completeness of a unit. Statuses derive from the revisions the values already have; a round
 * stores no values of its own.
 */

/** China Standard Time, where the due dates are meant (no daylight saving). */
const UTC_OFFSET_HOURS = 8;
const DAY_MS = 86_400_000;

/** The instant a round is due: the end of its due date (YYYY-MM-DD) in UTC+8, i.e. 16:00 UTC that day. */
export function roundDeadline(dueDate: string): Date {
  const [y, m, d] = dueDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1, -UTC_OFFSET_HOURS));
}

/**
 * Whole days from `now` until the deadline, rounded up (1: due within the next 24 hours; 0 or less:
 * past due). Used for "due in 3 days" reminders.
 */
export function daysUntil(deadline: Date, now: Date): number {
  return Math.ceil((deadline.getTime() - now.getTime()) / DAY_MS);
}

/** The status of an asked indicator-year from its latest revision (none: still to fill). */
export function todoStatusOf(latest: { reviewState: 'pending' | 'approved' | 'returned' } | null | undefined): TodoStatus {
  if (!latest) return 'to_fill';
  if (latest.reviewState === 'pending') return 'pending_review';
  return latest.reviewState === 'approved' ? 'approved' : 'returned';
}

/** Overdue: the round is open, its deadline has passed and the value is not submitted (to fill or returned). */
export function isOverdue(status: TodoStatus, roundOpen: boolean, deadline: Date, now: Date): boolean {
  return roundOpen && now.getTime() >= deadline.getTime() && (status === 'to_fill' || status === 'returned');
}

/** Counts of one unit (or of all) in a round. */
export interface CompletenessCounts {
  asked: number;
  /** submitted: waiting for review or approved */
  filled: number;
  approved: number;
  returned: number;
  overdue: number;
  /** approved / asked × 100, rounded to one decimal (0 when nothing is asked) */
  percentApproved: number;
}

/** Adds up asked items: each has its status and whether it is overdue. */
export function completenessOf(items: readonly { status: TodoStatus; overdue: boolean }[]): CompletenessCounts {
  const asked = items.length;
  const approved = items.filter((i) => i.status === 'approved').length;
  const filled = approved + items.filter((i) => i.status === 'pending_review').length;
  return {
    asked,
    filled,
    approved,
    returned: items.filter((i) => i.status === 'returned').length,
    overdue: items.filter((i) => i.overdue).length,
    percentApproved: asked === 0 ? 0 : Math.round((approved / asked) * 1000) / 10,
  };
}
