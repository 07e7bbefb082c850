/**
 * A reporting round asks for task reports as well as values (issue 12): the lead unit's to-do lists
 * them with their state (待报送 / 已退回 / 待审核 / 已通过) and the round's deadline, a returned
 * report is a message to the unit, and the deadline reminders count the reports not submitted.
 */
import { buildApp } from '@gz/server';
import type { NotificationList, Todo, TodoRound } from '@gz/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, expectStatus, login, signIn, type Session } from '../helpers/app.ts';
import { createTask } from '../helpers/ledger.ts';

let clock = new Date('2026-12-01T02:00:00Z'); // 2026-12-01 10:00 China time
let app: FastifyInstance;
let admin: Session;
let office: Session; // reviewer: reviews task reports
let fgw: Session; // editor of ndrc, the lead unit of the tasks
let jtj: Session; // editor of natres, another unit

beforeAll(async () => {
  app = await buildApp({
    config: { DB_PATH: ':memory:', ADMIN_PASSWORD, WEB_DIST: '', REMINDER_INTERVAL_MS: 0, WRITE_RATE_LIMIT: 100_000 },
    now: () => clock,
  });
  await app.ready();
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  office = await signIn(app, 'office', 'reviewer');
  fgw = await signIn(app, 'fgw', 'editor', ['ndrc']);
  jtj = await signIn(app, 'jtj', 'editor', ['natres']);
});
afterAll(() => app.close());

const post = (url: string, payload: object, who: Session) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload });
const todo = async (who: Session) =>
  expectStatus<Todo>(await app.inject({ method: 'GET', url: '/api/v1/me/todo', headers: who.headers }), 200);
const messages = async (who: Session) =>
  expectStatus<NotificationList>(
    await app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: who.headers }),
    200,
  );
const roundOf = (t: Todo, id: number): TodoRound | undefined => t.rounds.find((r) => r.round.id === id);
const taskReport = async (who: Session, roundId: number, taskId: number) =>
  roundOf(await todo(who), roundId)?.taskReports.find((r) => r.taskId === taskId);

describe('a round asks for task reports', () => {
  let roundId = 0;
  let reported = 0; // the task the lead unit reports on
  let silent = 0; // the task nobody reports on

  test('the lead unit’s editor sees the asked report as 待报送 with the round’s due date; another unit’s editor does not', async () => {
    const round = expectStatus<{ id: number }>(
      await post(
        '/rounds',
        {
          name: '2026年第四季度报送',
          planId: 'ganzhou-2021-2025',
          years: [2025],
          indicators: ['gdp'],
          dueDate: '2026-12-10',
        },
        admin,
      ),
      201,
    );
    roundId = round.id;
    reported = (
      await createTask(app, office, { measureId: 'gz2026-01', title: '深赣共建产业园区合作机制', leadUnit: 'ndrc' })
    ).id;
    silent = (
      await createTask(app, office, { measureId: 'gz2026-02', title: '提高常住人口城镇化率', leadUnit: 'ndrc' })
    ).id;
    const other = (await createTask(app, office, { measureId: 'gz2026-02', title: '国土空间整治', leadUnit: 'natres' }))
      .id;
    expectStatus(await post(`/rounds/${roundId}/task-requests`, { taskIds: [reported, silent] }, admin), 200);

    const mine = roundOf(await todo(fgw), roundId);
    expect(mine?.deadline).toBe('2026-12-10T16:00:00.000Z');
    expect(mine?.items).toEqual([]); // ndrc leads no asked indicator
    expect(mine?.overdue).toBe(false);
    expect(
      mine?.taskReports.map((r) => [
        r.taskId,
        r.title,
        r.leadUnit,
        r.status,
        r.dueDate,
        r.reason,
        r.reportId,
        r.overdue,
      ]),
    ).toEqual([
      [reported, '深赣共建产业园区合作机制', 'ndrc', 'to_report', '2026-12-10', null, null, false],
      [silent, '提高常住人口城镇化率', 'ndrc', 'to_report', '2026-12-10', null, null, false],
    ]);
    expect(mine?.taskReports[0]?.measureId).toBe('gz2026-01');
    expect(mine?.taskReports[0]?.measureTitle).toContain('推进区域联动发展');

    // natres leads neither asked task (its own task is not asked): no round on its to-do
    expect(roundOf(await todo(jtj), roundId)).toBeUndefined();
    expect((await todo(jtj)).rounds.flatMap((r) => r.taskReports).map((r) => r.taskId)).not.toContain(other);
    // admins see every asked task report
    expect(roundOf(await todo(admin), roundId)?.taskReports.map((r) => r.taskId)).toEqual([reported, silent]);
  });

  test('reported: 待审核; returned: 已退回 with the reason and a message for the editor; approved: 已通过', async () => {
    const report = expectStatus<{ id: number }>(
      await post(
        `/tasks/${reported}/reports`,
        { period: '2026年12月', progress: '园区筹备中', milestonesDone: [] },
        fgw,
      ),
      201,
    );
    expect(await taskReport(fgw, roundId, reported)).toMatchObject({
      status: 'pending_review',
      reportId: report.id,
      reason: null,
      overdue: false,
    });

    expectStatus(await post(`/task-reports/${report.id}/return`, { reason: '请补充园区签约进度' }, office), 200);
    expect(await taskReport(fgw, roundId, reported)).toMatchObject({
      status: 'returned',
      reportId: report.id,
      reason: '请补充园区签约进度',
      overdue: false,
    });
    const returned = (await messages(fgw)).items.filter((m) => m.kind === 'task_report_returned');
    expect(returned.map((m) => m.params)).toEqual([
      { taskId: reported, taskTitle: '深赣共建产业园区合作机制', reportId: report.id, reason: '请补充园区签约进度' },
    ]);
    // the other unit is not told
    expect((await messages(jtj)).items.filter((m) => m.kind === 'task_report_returned')).toEqual([]);

    const again = expectStatus<{ id: number }>(
      await post(
        `/tasks/${reported}/reports`,
        { period: '2026年12月', progress: '已签约3家企业', milestonesDone: [] },
        fgw,
      ),
      201,
    );
    expect(await taskReport(fgw, roundId, reported)).toMatchObject({
      status: 'pending_review',
      reportId: again.id,
      reason: null,
    });
    expectStatus(await post(`/task-reports/${again.id}/approve`, {}, office), 200);
    expect(await taskReport(fgw, roundId, reported)).toMatchObject({
      status: 'approved',
      reportId: again.id,
      reason: null,
      overdue: false,
    });
  });

  test('due in 3 days: the reminder counts the report not submitted', async () => {
    clock = new Date('2026-12-08T02:00:00Z');
    const soon = (await messages(fgw)).items.filter((m) => m.kind === 'round_due_soon' && m.params.roundId === roundId);
    expect(soon.map((m) => m.params.count)).toEqual([1]);
  });

  test('past the end of the due day (China time) a report not submitted is overdue; the approved one is not', async () => {
    clock = new Date('2026-12-10T15:59:59Z'); // 23:59:59 on the due day in China
    expect(await taskReport(fgw, roundId, silent)).toMatchObject({ status: 'to_report', overdue: false });
    clock = new Date('2026-12-10T16:00:00Z'); // 2026-12-11 00:00 in China
    const mine = roundOf(await todo(fgw), roundId);
    expect(mine?.overdue).toBe(true);
    expect(mine?.taskReports.map((r) => [r.taskId, r.status, r.overdue])).toEqual([
      [reported, 'approved', false],
      [silent, 'to_report', true],
    ]);
    const late = (await messages(fgw)).items.filter((m) => m.kind === 'round_overdue' && m.params.roundId === roundId);
    expect(late.map((m) => m.params.count)).toEqual([1]);
  });
});
