/** Task status and roll-ups (shared/docs/task-status.md) on hand-computed fixtures. */
import { rollupMeasures, rollupTasks, taskStatus, type TaskStatusInput } from '@gz/shared';
import { describe, expect, test } from 'vitest';

// A 2026 task: 2026-01-01 … 2026-12-31 (364 days), four quarterly milestones.
const YEAR = { startDate: '2026-01-01', dueDate: '2026-12-31' };
const QUARTERS = [
  { id: 1, dueDate: '2026-03-31' },
  { id: 2, dueDate: '2026-06-30' },
  { id: 3, dueDate: '2026-09-30' },
  { id: 4, dueDate: '2026-12-31' },
];
const approved = (milestonesDone: number[], completed = false, percent: number | null = null) => ({
  id: 7,
  completed,
  milestonesDone,
  percent,
});
const base = (over: Partial<TaskStatusInput>): TaskStatusInput => ({
  ...YEAR,
  milestones: QUARTERS,
  latestApproved: null,
  requested: [],
  now: '2026-04-10',
  ...over,
});

describe('status of a task: first rule that applies', () => {
  test.each([
    // name, input, status, colour, elapsed e, done k, late milestones
    [
      'completed (even past the due date)',
      base({ latestApproved: approved([1, 2, 3], true), now: '2027-02-01' }),
      'completed',
      'green',
      1,
      0.75,
      1,
    ],
    ['not started, 19 days after the start: grey', base({ now: '2026-01-20' }), 'not_started', 'grey', 0.0522, null, 0],
    [
      'not started, exactly 30 days after: still grey',
      base({ now: '2026-01-31' }),
      'not_started',
      'grey',
      0.0824,
      null,
      0,
    ],
    ['not started, 45 days after the start: red', base({ now: '2026-02-15' }), 'not_started', 'red', 0.1236, null, 0],
    [
      'not started and past the due date stays not_started (red)',
      base({ now: '2027-01-10' }),
      'not_started',
      'red',
      1,
      null,
      4,
    ],
    [
      'overdue: 3 of 4 done, 10 days past the due date',
      base({ latestApproved: approved([1, 2, 3]), now: '2027-01-10' }),
      'overdue',
      'red',
      1,
      0.75,
      1,
    ],
    [
      'report missing: a round asked for a report due 2026-04-05, none submitted',
      base({ latestApproved: approved([1]), requested: [{ dueDate: '2026-04-05', submitted: false }] }),
      'report_missing',
      'red',
      0.272,
      0.25,
      0,
    ],
    [
      'a submitted round report or one not yet due is no finding',
      base({
        latestApproved: approved([1]),
        requested: [
          { dueDate: '2026-04-05', submitted: true },
          { dueDate: '2026-04-10', submitted: false },
        ],
      }),
      'on_schedule',
      'green',
      0.272,
      0.25,
      0,
    ],
    // e = 99/364 = 0.27198, k = 1/4 = 0.25 ≥ 0.17198
    [
      'on schedule: Q1 done on 2026-04-10',
      base({ latestApproved: approved([1]) }),
      'on_schedule',
      'green',
      0.272,
      0.25,
      0,
    ],
    // Q1 (2026-03-31) is past and not done: behind at best
    ['behind: Q1 past and not done', base({ latestApproved: approved([]) }), 'behind', 'yellow', 0.272, 0, 1],
    // e = 195/364 = 0.5357, k = 0.5: on schedule
    [
      'on schedule: Q1 and Q2 done on 2026-07-15',
      base({ latestApproved: approved([1, 2]), now: '2026-07-15' }),
      'on_schedule',
      'green',
      0.5357,
      0.5,
      0,
    ],
    // no milestones: e = 181/364 = 0.4973; 30 % < 0.3973 → behind; 40 % ≥ 0.3973 → on schedule
    [
      'behind: 30 % on 2026-07-01, no milestones',
      base({ milestones: [], latestApproved: approved([], false, 30), now: '2026-07-01' }),
      'behind',
      'yellow',
      0.4973,
      0.3,
      0,
    ],
    [
      'on schedule: 40 % on 2026-07-01, no milestones',
      base({ milestones: [], latestApproved: approved([], false, 40), now: '2026-07-01' }),
      'on_schedule',
      'green',
      0.4973,
      0.4,
      0,
    ],
    // a 100-day task (2026-01-01 … 2026-04-11), day 50: e = 0.5 exactly; k = 0.40 = e − 0.10 passes, 0.39 does not
    [
      'boundary k = e − 0.10 exactly is on schedule',
      base({
        startDate: '2026-01-01',
        dueDate: '2026-04-11',
        milestones: [],
        latestApproved: approved([], false, 40),
        now: '2026-02-20',
      }),
      'on_schedule',
      'green',
      0.5,
      0.4,
      0,
    ],
    [
      'boundary: one point below is behind',
      base({
        startDate: '2026-01-01',
        dueDate: '2026-04-11',
        milestones: [],
        latestApproved: approved([], false, 39),
        now: '2026-02-20',
      }),
      'behind',
      'yellow',
      0.5,
      0.39,
      0,
    ],
  ] as const)('%s', (_name, input, status, colour, elapsed, done, late) => {
    const r = taskStatus(input);
    expect(r.status).toBe(status);
    expect(r.colour).toBe(colour);
    expect(r.figures.elapsed).toBe(elapsed);
    expect(r.figures.done).toBe(done);
    expect(r.figures.milestonesLate).toBe(late);
    expect(r.reportId).toBe(input.latestApproved ? 7 : null);
    expect(r.rule.length).toBeGreaterThan(0);
  });

  test('the figures and rule of an overdue task', () => {
    const r = taskStatus(base({ latestApproved: approved([1, 2, 3]), now: '2027-01-10' }));
    expect(r.figures).toEqual({
      now: '2027-01-10',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      elapsed: 1,
      done: 0.75,
      milestonesTotal: 4,
      milestonesDone: 3,
      milestonesDue: 4,
      milestonesLate: 1,
      daysPastDue: 10,
    });
    expect(r.rule).toBe('已过完成时限10天，未完成');
    expect(taskStatus(base({ now: '2026-02-15' })).rule).toContain('45天');
  });
});

describe('roll-ups', () => {
  const t = (status: string) =>
    taskStatus(
      base(
        status === 'on_schedule'
          ? { latestApproved: approved([1]) }
          : status === 'behind'
            ? { latestApproved: approved([]) }
            : status === 'not_started'
              ? { now: '2026-01-20' }
              : status === 'overdue'
                ? { latestApproved: approved([1, 2, 3]), now: '2027-01-10' }
                : { latestApproved: approved([1, 2, 3, 4], true) },
      ),
    );
  const zero = { completed: 0, not_started: 0, overdue: 0, report_missing: 0, on_schedule: 0, behind: 0 };

  test('a measure counts its tasks and takes the worst colour', () => {
    // green + yellow + grey → yellow
    const m = rollupTasks([t('on_schedule'), t('behind'), t('not_started')]);
    expect(m).toEqual({ counts: { ...zero, on_schedule: 1, behind: 1, not_started: 1 }, total: 3, colour: 'yellow' });
    // grey + green → green (a task not yet due to start does not darken a measure)
    expect(rollupTasks([t('not_started'), t('completed')]).colour).toBe('green');
    expect(rollupTasks([])).toEqual({ counts: zero, total: 0, colour: null });
  });

  test('a section sums its measures and takes the worst colour', () => {
    const m1 = rollupTasks([t('on_schedule'), t('behind'), t('not_started')]);
    const m2 = rollupTasks([t('overdue'), t('completed')]);
    const m3 = rollupTasks([]);
    expect(rollupMeasures([m1, m2, m3])).toEqual({
      counts: { completed: 1, not_started: 1, overdue: 1, report_missing: 0, on_schedule: 1, behind: 1 },
      total: 5,
      colour: 'red',
    });
    expect(rollupMeasures([m3])).toEqual({ counts: zero, total: 0, colour: null });
  });
});
