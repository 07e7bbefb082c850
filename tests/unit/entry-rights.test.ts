import { completenessOf, daysUntil, isOverdue, mayEnterValues, roundDeadline, todoStatusOf, type EntryDecision } from '@gz/shared';
import { describe, expect, test } from 'vitest';

const gdp = { leadUnit: 'stats', contributingUnits: [] };
const shared = { leadUnit: 'civil_affairs', contributingUnits: ['disabled'] };
const orphan = { leadUnit: null, contributingUnits: [] };

describe('mayEnterValues: may this user enter values for this indicator', () => {
  test.each<[string, Parameters<typeof mayEnterValues>[0], Parameters<typeof mayEnterValues>[1], EntryDecision]>([
    ['nobody signed in', null, gdp, { allowed: false, reason: 'not_signed_in' }],
    ['an admin, any indicator', { role: 'admin', units: [] }, gdp, { allowed: true }],
    ['an admin, one without a lead unit', { role: 'admin', units: [] }, orphan, { allowed: true }],
    ['an editor of the lead unit', { role: 'editor', units: ['stats'] }, gdp, { allowed: true }],
    ['an editor of a contributing unit', { role: 'editor', units: ['disabled'] }, shared, { allowed: true }],
    ['an editor of another unit', { role: 'editor', units: ['commerce'] }, gdp, { allowed: false, reason: 'not_your_unit' }],
    ['an editor without units', { role: 'editor', units: [] }, gdp, { allowed: false, reason: 'not_your_unit' }],
    ['an editor, no lead unit', { role: 'editor', units: ['stats'] }, orphan, { allowed: false, reason: 'no_lead_unit' }],
    ['a reviewer', { role: 'reviewer', units: ['stats'] }, gdp, { allowed: false, reason: 'role_cannot_enter' }],
    ['a viewer', { role: 'viewer', units: ['stats'] }, gdp, { allowed: false, reason: 'role_cannot_enter' }],
  ])('%s', (_, actor, indicator, expected) => {
    expect(mayEnterValues(actor, indicator)).toEqual(expected);
  });
});

describe('rounds: deadlines, statuses, completeness', () => {
  test('a round is due at the end of its due date in UTC+8: 16:00 UTC that day', () => {
    expect(roundDeadline('2026-03-31').toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(roundDeadline('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  test.each([
    ['2026-03-28T16:00:00Z', 3],
    ['2026-03-28T16:00:01Z', 3],
    ['2026-03-29T15:59:59Z', 3],
    ['2026-03-29T16:00:00Z', 2],
    ['2026-03-31T15:00:00Z', 1],
    ['2026-03-31T16:00:00Z', 0],
    ['2026-04-01T16:00:00Z', -1],
  ])('days until 2026-03-31 (UTC+8) at %s: %i', (now, days) => {
    expect(daysUntil(roundDeadline('2026-03-31'), new Date(now))).toBe(days);
  });

  test('the status of an asked value derives from its latest revision', () => {
    expect(todoStatusOf(null)).toBe('to_fill');
    expect(todoStatusOf({ reviewState: 'pending' })).toBe('pending_review');
    expect(todoStatusOf({ reviewState: 'returned' })).toBe('returned');
    expect(todoStatusOf({ reviewState: 'approved' })).toBe('approved');
  });

  test('overdue: open, past the deadline, not submitted', () => {
    const deadline = roundDeadline('2026-03-31');
    const after = new Date('2026-03-31T16:00:00Z');
    const before = new Date('2026-03-31T15:59:59Z');
    expect(isOverdue('to_fill', true, deadline, after)).toBe(true);
    expect(isOverdue('returned', true, deadline, after)).toBe(true);
    expect(isOverdue('pending_review', true, deadline, after)).toBe(false);
    expect(isOverdue('approved', true, deadline, after)).toBe(false);
    expect(isOverdue('to_fill', true, deadline, before)).toBe(false);
    expect(isOverdue('to_fill', false, deadline, after)).toBe(false);
  });

  test('completeness: 6 asked, 1 approved, 2 pending, 1 returned (overdue), 2 to fill (1 overdue)', () => {
    const counts = completenessOf([
      { status: 'approved', overdue: false },
      { status: 'pending_review', overdue: false },
      { status: 'pending_review', overdue: false },
      { status: 'returned', overdue: true },
      { status: 'to_fill', overdue: true },
      { status: 'to_fill', overdue: false },
    ]);
    // filled = approved 1 + pending 2 = 3; approved share 1/6 = 16.67 % → 16.7
    expect(counts).toEqual({ asked: 6, filled: 3, approved: 1, returned: 1, overdue: 2, percentApproved: 16.7 });
    expect(completenessOf([])).toEqual({ asked: 0, filled: 0, approved: 0, returned: 0, overdue: 0, percentApproved: 0 });
  });
});
