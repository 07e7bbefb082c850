/** The measures ledger API: documents, measures with alignment, tasks, reports with review, evidence, report section. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, signIn, type Session } from '../helpers/app.ts';
import { createTask, multipartFile, tinyPdf } from '../helpers/ledger.ts';

let app: FastifyInstance;
let admin: Session;
let office: Session;
let unit: Session;
let otherUnit: Session;

beforeAll(async () => {
  app = await buildTestApp({ WRITE_RATE_LIMIT: 100_000 });
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  office = await signIn(app, 'office', 'reviewer');
  unit = await signIn(app, 'fgw', 'editor', ['ndrc']);
  otherUnit = await signIn(app, 'jtj', 'editor', ['natres']);
});
afterAll(() => app.close());

const get = <T>(url: string, s: Session = admin) =>
  app
    .inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: s.headers.cookie } })
    .then((r) => expectStatus<T>(r, 200));

describe('documents and measures', () => {
  test('three documents: central partial with 3 measures, Jiangxi 25, Ganzhou 24, 7 sections each', async () => {
    const docs =
      await get<{ id: string; partial: boolean; sectionCount: number; measureCount: number }[]>('/documents');
    expect(docs.map((d) => [d.id, d.partial, d.sectionCount, d.measureCount])).toEqual([
      ['cn-2026-urban', true, 1, 3],
      ['jx-2026-urban', false, 7, 25],
      ['gz-2026-urban', false, 7, 24],
    ]);
  });

  test('GET /documents/{id}/measures: id, title, section of each, in printed order', async () => {
    const ms = await get<{ id: string; title: string; section: { no: string; title: string } }[]>(
      '/documents/gz-2026-urban/measures',
    );
    expect(ms).toHaveLength(24);
    expect(ms[0]).toMatchObject({
      id: 'gz2026-01',
      title: '推进区域联动发展',
      section: { no: '二', title: '优化城市体系' },
    });
    expect(ms[23]).toMatchObject({
      id: 'gz2026-24',
      title: '加快智慧城市建设',
      section: { no: '八', title: '提高城市治理水平' },
    });
    expectStatus(
      await app.inject({
        method: 'GET',
        url: '/api/v1/documents/nope/measures',
        headers: { cookie: admin.headers.cookie },
      }),
      404,
    );
  });

  test('GET /measures/{id} carries alignedTo both ways, marked as defaults', async () => {
    const jx = await get<{
      text: string;
      alignedTo: { id: string; direction: string; isDefault: boolean; evidence: string }[];
    }>('/measures/jx2026-02');
    expect(jx.text.startsWith('(二)提升中心城市发展能级。')).toBe(true);
    expect(jx.alignedTo.map((a) => [a.id, a.direction]).sort()).toEqual([
      ['cn2026-02', 'up'],
      ['gz2026-01', 'down'],
      ['gz2026-02', 'down'],
    ]);
    expect(jx.alignedTo.every((a) => a.isDefault)).toBe(true);
    const gz = await get<{ alignedTo: { id: string; evidence: string }[] }>('/measures/gz2026-01');
    expect(gz.alignedTo).toEqual([expect.objectContaining({ id: 'jx2026-02', evidence: '省域副中心城市' })]);
  });

  test('an admin changes the default links; others may not', async () => {
    const add = await app.inject({
      method: 'POST',
      url: '/api/v1/measure-links',
      headers: admin.headers,
      payload: { from: 'gz2026-01', to: 'jx2026-01', evidence: null },
    });
    const link = expectStatus<{ id: number; isDefault: boolean }>(add, 201);
    expect(link.isDefault).toBe(false);
    expectStatus(
      await app.inject({
        method: 'POST',
        url: '/api/v1/measure-links',
        headers: admin.headers,
        payload: { from: 'gz2026-01', to: 'cn2026-01' },
      }),
      400,
    );
    expectStatus(
      await app.inject({
        method: 'POST',
        url: '/api/v1/measure-links',
        headers: office.headers,
        payload: { from: 'gz2026-02', to: 'jx2026-01' },
      }),
      403,
    );
    expectStatus(
      await app.inject({ method: 'DELETE', url: `/api/v1/measure-links/${link.id}`, headers: admin.headers }),
      204,
    );
    const gz = await get<{ alignedTo: { id: string }[] }>('/measures/gz2026-01');
    expect(gz.alignedTo.map((a) => a.id)).toEqual(['jx2026-02']);
  });

  test('专栏1–9 with their projects', async () => {
    const boxes = await get<{ no: number; title: string; projects: { id: string; name: string }[] }[]>('/key-projects');
    expect(boxes.map((b) => b.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(boxes[5]?.projects.map((p) => p.name)).toEqual(['铁路', '公路', '机场', '水运', '能源', '水利']);
  });
});

describe('tasks', () => {
  test('POST /tasks: the reply carries the computed status; unknown references are 400 naming the field', async () => {
    const t = await createTask(
      app,
      office,
      {
        measureId: 'gz2026-03',
        title: '提高常住人口城镇化率',
        contributingUnits: ['stats'],
        startDate: '2026-06-01',
        dueDate: '2026-12-31',
        milestones: [{ title: '制定方案', dueDate: '2026-07-31' }],
        indicatorCodes: ['urbanization_rate'],
      },
      '2026-06-10',
    );
    expect(t.status).toMatchObject({ status: 'not_started', colour: 'grey' });
    const bad = async (payload: object, field: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/tasks',
        headers: office.headers,
        payload: { title: 'x', leadUnit: 'ndrc', startDate: '2026-01-01', dueDate: '2026-12-31', ...payload },
      });
      const body = expectStatus<{ errors: { field: string }[] }>(res, 400);
      expect(body.errors.map((e) => e.field)).toContain(field);
    };
    await bad({ measureId: 'gz2026-99' }, 'body.measureId');
    await bad({ measureId: 'gz2026-01', projectId: 'zl6-1' }, 'body.measureId');
    await bad({ projectId: 'zl6-99' }, 'body.projectId');
    await bad({ measureId: 'gz2026-01', dueDate: '2025-12-31' }, 'body.dueDate');
    await bad(
      { measureId: 'gz2026-01', milestones: [{ title: 'm', dueDate: '2027-02-01' }] },
      'body.milestones.0.dueDate',
    );
    await bad({ measureId: 'gz2026-01', indicatorCodes: ['no_such'] }, 'body.indicatorCodes.0');
    // unit codes come from the unit directory: an unknown code is refused naming the field
    await bad({ measureId: 'gz2026-01', leadUnit: 'no_such_unit' }, 'body.leadUnit');
    await bad({ measureId: 'gz2026-01', contributingUnits: ['stats', 'nowhere'] }, 'body.contributingUnits.1');
    await bad({ measureId: 'gz2026-01', leadUnit: '市发展改革委' }, 'body.leadUnit');
    // editors do not create tasks
    expectStatus(
      await app.inject({
        method: 'POST',
        url: '/api/v1/tasks',
        headers: unit.headers,
        payload: {
          measureId: 'gz2026-01',
          title: 'x',
          leadUnit: 'ndrc',
          startDate: '2026-01-01',
          dueDate: '2026-12-31',
        },
      }),
      403,
    );
  });

  test('a key project is split into a task too; GET /tasks filters by unit, status and measure', async () => {
    await createTask(app, office, {
      projectId: 'zl6-1',
      title: '长赣高铁建设',
      leadUnit: 'natres',
      startDate: '2025-01-01',
      dueDate: '2026-01-31',
    });
    const byUnit = await get<{ title: string }[]>('/tasks?unit=natres&asOf=2026-06-10');
    expect(byUnit.map((t) => t.title)).toEqual(['长赣高铁建设']);
    const contributing = await get<{ title: string }[]>('/tasks?unit=stats&asOf=2026-06-10');
    expect(contributing.map((t) => t.title)).toEqual(['提高常住人口城镇化率']);
    // no approved report, 495 days after its start: not_started (red)
    const red = await get<{ title: string; status: { colour: string } }[]>('/tasks?status=not_started&asOf=2026-06-10');
    expect(red.map((t) => [t.title, t.status.colour])).toEqual([
      ['提高常住人口城镇化率', 'grey'],
      ['长赣高铁建设', 'red'],
    ]);
    expect(await get<unknown[]>('/tasks?measure=gz2026-03')).toHaveLength(1);
  });
});

describe('progress reports, review and evidence', () => {
  let taskId = 0;
  let milestone = 0;
  let reportId = 0;

  beforeAll(async () => {
    const t = await createTask(app, office, {
      measureId: 'gz2026-01',
      title: '深赣共建产业园区合作机制',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      milestones: [
        { title: '签订协议', dueDate: '2026-03-31' },
        { title: '园区挂牌', dueDate: '2026-09-30' },
      ],
    });
    taskId = t.id;
    milestone = t.milestones[0]?.id ?? 0;
  });

  test("only the lead unit reports; milestones must be the task's own", async () => {
    const payload = {
      period: '2026年4月',
      progress: '已签订合作协议',
      milestonesDone: [milestone],
      problems: '无',
      nextSteps: '推进挂牌',
    };
    expectStatus(
      await app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: otherUnit.headers, payload }),
      403,
    );
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/reports`,
      headers: unit.headers,
      payload: { ...payload, milestonesDone: [999_999] },
    });
    expect(expectStatus<{ errors: { field: string }[] }>(wrong, 400).errors[0]?.field).toBe('body.milestonesDone.0');
    const r = expectStatus<{ id: number; state: string }>(
      await app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: unit.headers, payload }),
      201,
    );
    expect(r.state).toBe('pending');
    reportId = r.id;
    // one pending report at a time
    expectStatus(
      await app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: unit.headers, payload }),
      409,
    );
  });

  test('evidence: a PDF is stored and served back byte for byte as an attachment with nosniff', async () => {
    const pdf = tinyPdf('协议扫描件');
    const up = await app.inject({
      method: 'POST',
      url: `/api/v1/task-reports/${reportId}/evidence`,
      ...withSession(unit, multipartFile('合作协议.pdf', pdf, 'application/pdf')),
    });
    const ev = expectStatus<{ id: number; mime: string; size: number }>(up, 201);
    expect(ev).toMatchObject({ mime: 'application/pdf', size: pdf.length });
    const down = await app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${ev.id}`,
      headers: { cookie: office.headers.cookie },
    });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-disposition']).toMatch(
      /^attachment; filename="____\.pdf"; filename\*=UTF-8''%E5%90%88/,
    );
    expect(down.headers['content-type']).toBe('application/pdf');
  });

  test('evidence: a text file renamed .pdf is refused by content (415), nothing stored', async () => {
    const fake = Buffer.from('这不是PDF文件，只是改了扩展名。\n');
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/task-reports/${reportId}/evidence`,
      ...withSession(unit, multipartFile('伪装.pdf', fake, 'application/pdf')),
    });
    expect(expectStatus<{ code: string }>(res, 415).code).toBe('evidence_type_refused');
    // a PNG named .pdf is refused too: the name must say what the content is
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e0d4d50000000049454e44ae426082',
      'hex',
    );
    const mislabeled = await app.inject({
      method: 'POST',
      url: `/api/v1/task-reports/${reportId}/evidence`,
      ...withSession(unit, multipartFile('x.pdf', png)),
    });
    expect(expectStatus<{ code: string }>(mislabeled, 415).code).toBe('evidence_type_refused');
    expectStatus(
      await app.inject({
        method: 'POST',
        url: `/api/v1/task-reports/${reportId}/evidence`,
        ...withSession(unit, multipartFile('x.png', png)),
      }),
      201,
    );
    const reports = await get<{ evidence: { filename: string }[] }[]>(`/tasks/${taskId}/reports`);
    expect(reports[0]?.evidence.map((e) => e.filename)).toEqual(['合作协议.pdf', 'x.png']);
  });

  test('evidence: exactly 20 MB is taken, 20 MB + 1 byte refused (413) beyond the app-wide 10 MiB body limit', async () => {
    const limit = 20 * 1024 * 1024;
    const big = Buffer.alloc(limit + 1, 0x20);
    tinyPdf().copy(big);
    const over = await app.inject({
      method: 'POST',
      url: `/api/v1/task-reports/${reportId}/evidence`,
      ...withSession(unit, multipartFile('big.pdf', big)),
    });
    expect(expectStatus<{ code: string }>(over, 413).code).toBe('evidence_too_large');
    const exact = await app.inject({
      method: 'POST',
      url: `/api/v1/task-reports/${reportId}/evidence`,
      ...withSession(unit, multipartFile('big.pdf', big.subarray(0, limit))),
    });
    expect(expectStatus<{ size: number }>(exact, 201).size).toBe(limit);
  });

  test('the office returns it with a reason, the unit resubmits, the office approves; status follows; all audited', async () => {
    // nobody reviews their own; a reason is required to return
    expectStatus(
      await app.inject({
        method: 'POST',
        url: `/api/v1/task-reports/${reportId}/return`,
        headers: office.headers,
        payload: { reason: '' },
      }),
      400,
    );
    const queue = await get<{ id: number; taskTitle: string }[]>('/task-reports?state=pending', office);
    expect(queue.map((q) => q.id)).toContain(reportId);
    const returned = await app.inject({
      method: 'POST',
      url: `/api/v1/task-reports/${reportId}/return`,
      headers: office.headers,
      payload: { reason: '请补充协议签字页' },
    });
    expect(expectStatus<{ state: string; reviewNote: string; reviewedBy: string }>(returned, 200)).toMatchObject({
      state: 'returned',
      reviewNote: '请补充协议签字页',
      reviewedBy: 'office',
    });
    expectStatus(
      await app.inject({ method: 'POST', url: `/api/v1/task-reports/${reportId}/approve`, headers: office.headers }),
      409,
    );
    // still no approved report: not_started
    expect((await get<{ status: { status: string } }>(`/tasks/${taskId}?asOf=2026-04-10`)).status.status).toBe(
      'not_started',
    );

    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/reports`,
      headers: unit.headers,
      payload: { period: '2026年4月', progress: '已签订合作协议（附签字页）', milestonesDone: [milestone] },
    });
    const second = expectStatus<{ id: number }>(again, 201);
    const approved = await app.inject({
      method: 'POST',
      url: `/api/v1/task-reports/${second.id}/approve`,
      headers: office.headers,
    });
    expect(expectStatus<{ state: string }>(approved, 200).state).toBe('approved');
    // 2026-04-10: e = 99/364 = 0.272, k = 1/2 → on schedule
    const task = await get<{
      status: { status: string; figures: { done: number; elapsed: number } };
      latestReport: { id: number };
    }>(`/tasks/${taskId}?asOf=2026-04-10`);
    expect(task.status).toMatchObject({ status: 'on_schedule', figures: { done: 0.5, elapsed: 0.272 } });
    expect(task.latestReport.id).toBe(second.id);
    // 2026-10-15: the second milestone (2026-09-30) is past and not done → behind
    expect((await get<{ status: { status: string } }>(`/tasks/${taskId}?asOf=2026-10-15`)).status.status).toBe(
      'behind',
    );

    const audit = await get<{ action: string; username: string | null; userId: number | null }[]>('/audit?limit=50');
    const actions = audit.map((a) => a.action);
    for (const a of [
      'task.create',
      'task_report.submit',
      'evidence.upload',
      'task_report.return',
      'task_report.approve',
    ])
      expect(actions).toContain(a);
    // every entry names who wrote it: the office reviews, the unit submits
    const who = (action: string) => [...new Set(audit.filter((a) => a.action === action).map((a) => a.username))];
    expect(who('task_report.return')).toEqual(['office']);
    expect(who('task_report.approve')).toEqual(['office']);
    expect(who('task_report.submit')).toEqual(['fgw']);
    expect(audit.every((a) => a.userId !== null)).toBe(true);
  });

  test('the report section 重点任务落实情况: counts by status per section, overdue tasks with their units', async () => {
    const section = await get<{
      sections: {
        no: string;
        measureCount: number;
        measuresWithoutTask: number;
        rollup: { total: number; counts: Record<string, number>; colour: string | null };
      }[];
      total: { total: number };
      overdue: { title: string; leadUnit: string; daysPastDue: number; contributingUnits: string[] }[];
    }>('/ledger/report-section?asOf=2027-01-05');
    // section 二 holds measures (一)(二)(三): tasks on (一) and (三); key-project tasks are not in it
    expect(section.sections[0]).toMatchObject({ no: '二', measureCount: 3, measuresWithoutTask: 1 });
    expect(section.sections[0]?.rollup.total).toBe(2);
    expect(section.sections[0]?.rollup.counts).toMatchObject({ overdue: 1, not_started: 1 });
    expect(section.sections[0]?.rollup.colour).toBe('red');
    expect(section.total.total).toBe(2);
    expect(section.overdue.map((o) => [o.title, o.leadUnit, o.daysPastDue])).toEqual([
      ['提高常住人口城镇化率', 'ndrc', 5],
      ['深赣共建产业园区合作机制', 'ndrc', 5],
    ]);
  });
});

function withSession(s: Session, body: { payload: Buffer; headers: Record<string, string> }) {
  return { payload: body.payload, headers: { ...s.headers, ...body.headers } };
}

describe('a reporting round asks for task reports', () => {
  test("past the round's due date an unanswered request is 逾期未报; a report submitted after it answers it", async () => {
    const round = expectStatus<{ id: number }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/rounds',
        headers: admin.headers,
        payload: { name: '2026年第四季度报送', planId: 'ganzhou-2021-2025', years: [2025], dueDate: '2026-12-10' },
      }),
      201,
    );
    const [task] = await get<{ id: number }[]>('/tasks?measure=gz2026-01');
    const id = task?.id ?? 0;
    const url = `/api/v1/rounds/${round.id}/task-requests`;
    const asked = await app.inject({ method: 'POST', url, headers: office.headers, payload: { taskIds: [id] } });
    expect(expectStatus(asked, 200)).toEqual({
      roundId: round.id,
      dueDate: '2026-12-10',
      state: 'open',
      taskIds: [id],
    });
    expectStatus(
      await app.inject({ method: 'POST', url, headers: office.headers, payload: { taskIds: [999_999] } }),
      400,
    );
    expectStatus(await app.inject({ method: 'POST', url, headers: unit.headers, payload: { taskIds: [id] } }), 403);
    const statusOn = async (day: string) =>
      (await get<{ status: { status: string; colour: string } }>(`/tasks/${id}?asOf=${day}`)).status;

    // on the due date nothing is missing yet (the second milestone, 2026-09-30, is late: behind)
    expect(await statusOn('2026-12-10')).toMatchObject({ status: 'behind', colour: 'yellow' });
    // the day after, the request is unanswered: 逾期未报, red
    expect(await statusOn('2026-12-11')).toMatchObject({ status: 'report_missing', colour: 'red' });

    // the lead unit answers: a report submitted after the request (awaiting review) counts
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${id}/reports`,
      headers: unit.headers,
      payload: { period: '2026年12月', progress: '园区筹备中', milestonesDone: [] },
    });
    const report = expectStatus<{ id: number }>(r, 201);
    expect((await statusOn('2026-12-11')).status).toBe('behind');
    // a returned report does not answer it
    expectStatus(
      await app.inject({
        method: 'POST',
        url: `/api/v1/task-reports/${report.id}/return`,
        headers: office.headers,
        payload: { reason: '请补充进度' },
      }),
      200,
    );
    expect((await statusOn('2026-12-11')).status).toBe('report_missing');
    const view = await get<{ reportRequests: unknown[] }>(`/tasks/${id}`);
    expect(view.reportRequests).toEqual([{ roundId: round.id, dueDate: '2026-12-10', submitted: false }]);
  });
});

describe('who may write to the ledger', () => {
  test.each([
    // route, payload, anonymous, viewer, editor (another unit)
    [
      'POST /tasks',
      { measureId: 'gz2026-01', title: 'x', leadUnit: 'ndrc', startDate: '2026-01-01', dueDate: '2026-12-31' },
      401,
      403,
      403,
    ],
    ['POST /measure-links', { from: 'gz2026-05', to: 'jx2026-07' }, 401, 403, 403],
    ['POST /task-reports/1/approve', undefined, 401, 403, 403],
    ['POST /task-reports/1/return', { reason: 'r' }, 401, 403, 403],
    ['POST /tasks/1/reports', { period: 'p', progress: 'x' }, 401, 403, 403],
  ] as const)(
    '%s: anonymous %i, viewer %i, editor of another unit %i',
    async (route, payload, anon, viewerStatus, editorStatus) => {
      const [method, path] = route.split(' ') as ['POST', string];
      const viewer = await signIn(app, `viewer-${Math.random().toString(16).slice(2, 8)}`, 'viewer');
      const send = (headers: Record<string, string>) =>
        app.inject({ method, url: `/api/v1${path}`, headers, ...(payload ? { payload } : {}) });
      expect((await send({})).statusCode).toBe(anon);
      expect((await send(viewer.headers)).statusCode).toBe(viewerStatus);
      expect((await send(otherUnit.headers)).statusCode).toBe(editorStatus);
    },
  );

  test('public reads: evidence needs a signed-in user; reports not approved, their authors and evidence stay private', async () => {
    const open = await buildTestApp({ PUBLIC_READ: true });
    try {
      expect((await open.inject({ method: 'GET', url: '/api/v1/documents' })).statusCode).toBe(200);
      expect((await open.inject({ method: 'GET', url: '/api/v1/evidence/1' })).statusCode).toBe(401);
      const office2 = await signIn(open, 'office2', 'reviewer');
      const lead = await signIn(open, 'lead2', 'editor', ['ndrc']);
      const t = await createTask(open, office2, { measureId: 'gz2026-02', title: '公开可见的任务' });
      const send = (progress: string) =>
        open.inject({
          method: 'POST',
          url: `/api/v1/tasks/${t.id}/reports`,
          headers: lead.headers,
          payload: { period: 'p', progress, percent: 10 },
        });
      const first = expectStatus<{ id: number }>(await send('已通过的进展'), 201);
      expectStatus(
        await open.inject({
          method: 'POST',
          url: `/api/v1/task-reports/${first.id}/approve`,
          headers: office2.headers,
        }),
        200,
      );
      const publicView = async () =>
        expectStatus<{ latestReport: { progress: string; submittedBy: string | null } | null }>(
          await open.inject({ url: `/api/v1/tasks/${t.id}` }),
          200,
        );
      expect((await publicView()).latestReport).toMatchObject({ progress: '已通过的进展', submittedBy: null });
      expectStatus(await send('待审核的进展'), 201);
      expect((await publicView()).latestReport).toBeNull();
      const signedInView = expectStatus<{ latestReport: { progress: string; submittedBy: string } }>(
        await open.inject({ url: `/api/v1/tasks/${t.id}`, headers: { cookie: lead.headers.cookie } }),
        200,
      );
      expect(signedInView.latestReport).toMatchObject({ progress: '待审核的进展', submittedBy: 'lead2' });
    } finally {
      await open.close();
    }
  });
});
