/**
 * The evaluation report carries the section 重点任务落实情况 from the ledger of the Ganzhou 2026 opinions, in JSON,
 * and freezes it when the report is issued: a task created afterwards does not change the issued report.
 */
import type { EvaluationReport } from '@gz/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, PLAN_ID, signIn, type Session } from '../helpers/app.ts';
import { createTask } from '../helpers/ledger.ts';

let app: FastifyInstance;
let admin: Session;
let reviewer: Session;
beforeAll(async () => {
  app = await buildTestApp();
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  reviewer = await signIn(app, 'rita', 'reviewer');
});
afterAll(() => app.close());

const report = async (live = false) =>
  expectStatus<EvaluationReport>(
    await app.inject({
      method: 'GET',
      url: `/api/v1/plans/${PLAN_ID}/evaluations/2025${live ? '?live=true' : ''}`,
      headers: reviewer.headers,
    }),
    200,
  );
const keyTasks = (r: EvaluationReport) => r.extraSections.find((s) => s.key === 'key_tasks');

describe('重点任务落实情况 in the evaluation report', () => {
  test('before any task: the section says the measures are not split yet, and lists the 7 sections', async () => {
    const section = keyTasks(await report());
    expect(section?.title).toBe('重点任务落实情况');
    const lines = section?.text.split('\n') ?? [];
    expect(lines[0]).toMatch(
      /^截至\d{4}年\d{1,2}月\d{1,2}日，《赣州市人民政府关于推动赣州城市高质量发展的实施意见》的各项举措尚未分解为工作任务/,
    );
    expect(lines.slice(1)).toEqual([
      '“优化城市体系”部分：举措3项，其中3项尚未分解；尚无工作任务。',
      '“增强城市发展动能”部分：举措4项，其中4项尚未分解；尚无工作任务。',
      '“提升城市功能品质”部分：举措4项，其中4项尚未分解；尚无工作任务。',
      '“推动城市生态发展”部分：举措3项，其中3项尚未分解；尚无工作任务。',
      '“夯实城市安全基础”部分：举措4项，其中4项尚未分解；尚无工作任务。',
      '“彰显城市文化魅力”部分：举措3项，其中3项尚未分解；尚无工作任务。',
      '“提高城市治理水平”部分：举措3项，其中3项尚未分解；尚无工作任务。',
    ]);
  });

  test('a task past its due date is counted and named with its units; issuing freezes the section', async () => {
    await createTask(app, admin, {
      measureId: 'gz2026-01',
      title: '编制赣州都市区发展规划',
      leadUnit: 'ndrc',
      contributingUnits: ['stats'],
      startDate: '2026-01-01',
      dueDate: '2026-01-31',
    });
    const live = keyTasks(await report())?.text.split('\n') ?? [];
    expect(live[0]).toMatch(/共分解工作任务1项，其中未启动1项。$/);
    expect(live[1]).toBe('“优化城市体系”部分：举措3项，其中2项尚未分解；工作任务1项（未启动1项）。');
    expect(live[8]).toMatch(
      /^逾期未完成的任务1项：“编制赣州都市区发展规划”（牵头单位市发展改革委，配合单位市统计局）应于2026-01-31完成，已逾期\d+天。$/,
    );

    expectStatus(
      await app.inject({
        method: 'POST',
        url: `/api/v1/plans/${PLAN_ID}/evaluations`,
        headers: reviewer.headers,
        payload: { year: 2025 },
      }),
      201,
    );
    await createTask(app, admin, {
      measureId: 'gz2026-02',
      title: '壮大中心城区',
      leadUnit: 'ndrc',
      startDate: '2026-01-01',
      dueDate: '2030-12-31',
    });
    const issued = await report();
    expect(issued.issued).not.toBeNull();
    expect(keyTasks(issued)?.text.split('\n')[0]).toMatch(/共分解工作任务1项，其中未启动1项。$/);
    // the live draft counts both
    expect(keyTasks(await report(true))?.text.split('\n')[0]).toMatch(/共分解工作任务2项，其中未启动2项。$/);
  });
});
