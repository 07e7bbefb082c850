/**
 * Reporting rounds, to-do lists, completeness, the 催报表, messages and webhooks (#14 items 2–3),
 * with a clock the test sets. Figures are counted by hand in the comments.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '@gz/server';
import type { Completeness, NotificationList, Round, Todo, Webhook, WebhookDelivery } from '@gz/shared';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, expectStatus, login, PLAN_ID, signIn, type Session } from '../helpers/app.ts';

let clock = new Date('2026-03-20T02:00:00Z');
let app: FastifyInstance;
let admin: Session;
let wang: Session; // editor of 市统计局 (stats): gdp, gdp_per_capita
let zhao: Session; // editor of 市商务局 (commerce): fdi_actual, exports
let rita: Session; // reviewer
let vera: Session; // viewer (a leader)

/** The receiver: every request it got, by path; /flaky answers 500 the first time, /down always. */
const received: { path: string; body: unknown }[] = [];
let receiver: Server;
let base = '';
let flakyCalls = 0;

beforeAll(async () => {
  receiver = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      received.push({ path, body: JSON.parse(raw) as unknown });
      if (path === '/flaky') flakyCalls += 1;
      const fail = path === '/down' || (path === '/flaky' && flakyCalls === 1);
      res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
      res.end(path === '/wecom' || path === '/ding' ? '{"errcode":0,"errmsg":"ok"}' : '{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  app = await buildApp({
    config: {
      DB_PATH: ':memory:',
      ADMIN_PASSWORD,
      WEB_DIST: '',
      REMINDER_INTERVAL_MS: 0,
      WEBHOOK_RETRY_BASE_MS: 20,
      WEBHOOK_MAX_ATTEMPTS: 3,
    },
    now: () => clock,
  });
  await app.ready();
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  wang = await signIn(app, 'wang', 'editor', ['stats']);
  zhao = await signIn(app, 'zhao', 'editor', ['commerce']);
  rita = await signIn(app, 'rita', 'reviewer');
  vera = await signIn(app, 'vera', 'viewer');
});
afterAll(async () => {
  await app.close();
  await new Promise((r) => receiver.close(r));
});

const get = (url: string, who: Session) => app.inject({ method: 'GET', url, headers: who.headers });
const post = (url: string, payload: unknown, who: Session = admin) =>
  app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
const problem = (res: LightMyRequestResponse) =>
  res.json() as { code: string; errors?: { field: string; message: string }[] };
const entry = (who: Session, code: string, year: number, value: string) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/indicators/${code}/observations/${year}`,
    headers: who.headers,
    payload: { value, dataStatus: 'preliminary', source: `${year}年统计公报` },
  });
const messages = async (who: Session) =>
  expectStatus<NotificationList>(await get('/api/v1/me/notifications', who), 200);
const todo = async (who: Session) => expectStatus<Todo>(await get('/api/v1/me/todo', who), 200);

const ROUND = {
  name: '2025年度数据填报',
  planId: PLAN_ID,
  years: [2025, 2024],
  indicators: ['gdp', 'gdp_per_capita', 'fdi_actual', 'exports', 'rd_intensity'],
  dueDate: '2026-03-31',
  instructions: '请于3月31日前填报并附来源',
};
let round: Round;
const hooks: Record<string, Webhook> = {};
let gdp2024 = 0;
let gdp2025 = 0;

describe('webhooks are admin-managed', () => {
  test('global or per unit; an unknown unit is a 400 naming the field; only admins', async () => {
    expect(
      problem(await post('/api/v1/webhooks', { name: 'x', url: `${base}/x`, format: 'json', unitCode: 'nope' })),
    ).toMatchObject({
      code: 'unknown_unit',
      errors: [{ field: 'body.unitCode' }],
    });
    expect(
      problem(await post('/api/v1/webhooks', { name: 'x', url: 'ftp://example', format: 'json' })).errors?.[0]?.field,
    ).toBe('body.url');
    expect((await post('/api/v1/webhooks', { name: 'x', url: `${base}/x`, format: 'json' }, wang)).statusCode).toBe(
      403,
    );
    const wecom = { name: '办公室群', url: `${base}/wecom?key=robot-secret`, format: 'wecom' };
    hooks.wecom = expectStatus<Webhook>(await post('/api/v1/webhooks', wecom), 201);
    // the robot's key is in the query: the audit log (which reviewers read) masks it
    const audit = expectStatus<{ action: string; after: { url: string } }[]>(await get('/api/v1/audit', rita), 200);
    expect(audit.find((e) => e.action === 'webhook.create')?.after.url).toBe(`${base}/wecom?…`);
    hooks.ding = expectStatus<Webhook>(
      await post('/api/v1/webhooks', { name: '统计局群', url: `${base}/ding`, format: 'dingtalk', unitCode: 'stats' }),
      201,
    );
    hooks.json = expectStatus<Webhook>(
      await post('/api/v1/webhooks', {
        name: '商务局系统',
        url: `${base}/flaky`,
        format: 'json',
        unitCode: 'commerce',
      }),
      201,
    );
    expect(hooks.ding).toMatchObject({ unitCode: 'stats', format: 'dingtalk', active: true });
    expect(expectStatus<Webhook[]>(await get('/api/v1/webhooks', admin), 200)).toHaveLength(3);
  });
});

describe('a round', () => {
  test('is checked field by field before it opens', async () => {
    const bad = async (patch: object) =>
      problem(await post('/api/v1/rounds', { ...ROUND, ...patch })).errors?.map((e) => e.field);
    expect(await bad({ years: [2025, 2040] })).toEqual(['body.years.1']);
    expect(await bad({ indicators: ['gdp', 'no_such'] })).toEqual(['body.indicators.1']);
    expect(await bad({ dueDate: '2026-02-30' })).toEqual(['body.dueDate']);
    expect(await bad({ planId: 'no-such-plan' })).toEqual(['body.planId']);
    expect((await post('/api/v1/rounds', ROUND, wang)).statusCode).toBe(403);
  });

  test('opens: the to-do of each unit, messages, and webhooks in the three formats', async () => {
    round = expectStatus<Round>(await post('/api/v1/rounds', ROUND), 201);
    expect(round).toMatchObject({
      name: '2025年度数据填报',
      years: [2024, 2025],
      dueDate: '2026-03-31',
      state: 'open',
      createdBy: 'admin',
    });
    expect(round.indicators).toEqual(['gdp', 'gdp_per_capita', 'rd_intensity', 'exports', 'fdi_actual']); // table order

    const mine = await todo(wang);
    expect(mine.rounds).toHaveLength(1);
    expect(mine.rounds[0]?.deadline).toBe('2026-03-31T16:00:00.000Z');
    expect(mine.rounds[0]?.counts).toEqual({ to_fill: 4, returned: 0, pending_review: 0, approved: 0 });
    expect(mine.rounds[0]?.items.map((i) => `${i.indicatorCode}:${i.year}`)).toEqual([
      'gdp:2024',
      'gdp:2025',
      'gdp_per_capita:2024',
      'gdp_per_capita:2025',
    ]);
    // the admin covers what nobody leads: rd_intensity × 2 years
    expect((await todo(admin)).rounds[0]?.items.map((i) => `${i.indicatorCode}:${i.year}`)).toEqual([
      'rd_intensity:2024',
      'rd_intensity:2025',
    ]);
    expect((await todo(rita)).rounds).toEqual([]);

    const inbox = await messages(wang);
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      kind: 'round_opened',
      params: { roundId: round.id, roundName: '2025年度数据填报', dueDate: '2026-03-31', count: 4 },
      readAt: null,
    });
    expect((await messages(zhao)).items[0]?.params.count).toBe(4);
    expect((await messages(admin)).items[0]?.params.count).toBe(2);
    expect((await messages(rita)).unread).toBe(0);

    await app.messages.sender.settled();
    const wecom = received.filter((r) => r.path === '/wecom');
    expect(wecom).toHaveLength(1);
    expect(wecom[0]?.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content:
          '### 新填报任务：2025年度数据填报\n- 应报：10 项，2 个单位\n- 截止日期：2026-03-31\n- 说明：请于3月31日前填报并附来源',
      },
    });
    const ding = received.filter((r) => r.path === '/ding');
    expect(ding).toHaveLength(1);
    expect(ding[0]?.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '新填报任务：2025年度数据填报',
        text: '### 新填报任务：2025年度数据填报\n- 单位：市统计局\n- 应报：4 项\n- 截止日期：2026-03-31\n- 说明：请于3月31日前填报并附来源',
      },
    });
    // the plain JSON receiver failed once (500) and got the same body again after the back-off
    const flaky = received.filter((r) => r.path === '/flaky');
    expect(flaky).toHaveLength(2);
    expect(flaky[1]?.body).toEqual(flaky[0]?.body);
    const body = flaky[0]?.body as Record<string, unknown>;
    expect(body.event).toBe('round_opened');
    expect(body.title).toBe('新填报任务：2025年度数据填报');
    expect(body.text).toBe('- 单位：市商务局\n- 应报：4 项\n- 截止日期：2026-03-31\n- 说明：请于3月31日前填报并附来源');
    expect(body.data).toEqual({
      roundId: round.id,
      roundName: '2025年度数据填报',
      dueDate: '2026-03-31',
      planId: PLAN_ID,
      count: 4,
    });
    expect(body.sentAt).toBe('2026-03-20T02:00:00.000Z');

    const log = expectStatus<WebhookDelivery[]>(await get(`/api/v1/webhooks/${hooks.json?.id}/deliveries`, admin), 200);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      event: 'round_opened',
      state: 'delivered',
      attempts: 2,
      lastStatus: 200,
      lastError: null,
    });
    expect((await get(`/api/v1/webhooks/${hooks.json?.id}/deliveries`, wang)).statusCode).toBe(403);
  });

  test('entries, a review and a return: statuses derive from the revisions; messages follow', async () => {
    gdp2024 = expectStatus<{ id: number }>(await entry(wang, 'gdp', 2024, '5100.2'), 201).id;
    gdp2025 = expectStatus<{ id: number }>(await entry(wang, 'gdp', 2025, '5500'), 201).id;
    expectStatus(await entry(zhao, 'fdi_actual', 2024, '12.5'), 201);
    // the reviewer has one unread summary, its count refreshed: 3 values wait
    const waiting = (await messages(rita)).items.filter((m) => m.kind === 'review_waiting');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.params.count).toBe(3);
    expect((await todo(rita)).reviewWaiting).toBe(3);

    expectStatus(await post(`/api/v1/revisions/${gdp2024}/approve`, {}, rita), 200);
    expectStatus(await post(`/api/v1/revisions/${gdp2025}/return`, { reason: '与统计公报不一致，请核实' }, rita), 200);

    const returned = (await messages(wang)).items.find((m) => m.kind === 'value_returned');
    expect(returned?.params).toEqual({
      planId: PLAN_ID,
      indicatorCode: 'gdp',
      indicatorName: 'GDP',
      year: 2025,
      valueText: '5500',
      reason: '与统计公报不一致，请核实',
      revisionId: gdp2025,
    });
    const items = (await todo(wang)).rounds[0]?.items ?? [];
    expect(items.find((i) => i.indicatorCode === 'gdp' && i.year === 2025)).toMatchObject({
      status: 'returned',
      reason: '与统计公报不一致，请核实',
      valueText: '5500',
    });
    expect(items.find((i) => i.indicatorCode === 'gdp' && i.year === 2024)).toMatchObject({
      status: 'approved',
      reason: null,
    });

    await app.messages.sender.settled();
    const ding = received.filter((r) => r.path === '/ding').at(-1)?.body;
    expect(ding).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '数据退回：GDP（2025年）',
        text: '### 数据退回：GDP（2025年）\n- 单位：市统计局\n- 填报值：5500\n- 退回原因：与统计公报不一致，请核实',
      },
    });
  });

  test('completeness per unit, counted by hand', async () => {
    const board = expectStatus<Completeness>(await get(`/api/v1/rounds/${round.id}/completeness`, vera), 200);
    // stats: gdp 2024 approved, gdp 2025 returned, gdp_per_capita 2024/2025 to fill
    //   → asked 4, filled 1, approved 1 (25 %)
    // commerce: fdi_actual 2024 pending, fdi_actual 2025 and exports × 2 to fill → asked 4, filled 1, approved 0
    // nobody: rd_intensity × 2 → asked 2
    expect(board.units).toEqual([
      {
        unitCode: 'stats',
        unitName: '市统计局',
        asked: 4,
        filled: 1,
        approved: 1,
        returned: 1,
        overdue: 0,
        percentApproved: 25,
      },
      {
        unitCode: 'commerce',
        unitName: '市商务局',
        asked: 4,
        filled: 1,
        approved: 0,
        returned: 0,
        overdue: 0,
        percentApproved: 0,
      },
      { unitCode: null, unitName: null, asked: 2, filled: 0, approved: 0, returned: 0, overdue: 0, percentApproved: 0 },
    ]);
    expect(board.total).toEqual({
      unitCode: null,
      unitName: null,
      asked: 10,
      filled: 2,
      approved: 1,
      returned: 1,
      overdue: 0,
      percentApproved: 10,
    });
    expect((await get(`/api/v1/rounds/${round.id}/completeness`, wang)).statusCode).toBe(403);
  });

  test('three days before the deadline: a reminder; after it: overdue, highlighted, and in the 催报表', async () => {
    clock = new Date('2026-03-29T00:00:00Z'); // 2 days 16 hours before 2026-03-31T16:00Z → "due in 3 days"
    const soon = (await messages(wang)).items.find((m) => m.kind === 'round_due_soon');
    // wang's unfinished: gdp 2025 (returned) + gdp_per_capita × 2 = 3
    expect(soon?.params).toMatchObject({ roundId: round.id, dueDate: '2026-03-31', count: 3 });
    expect((await messages(rita)).items.some((m) => m.kind === 'round_due_soon')).toBe(false);
    app.messages.service.sweep();
    app.messages.service.sweep(); // once per unit and round
    await app.messages.sender.settled();
    expect(received.filter((r) => r.path === '/ding' && JSON.stringify(r.body).includes('填报即将截止'))).toHaveLength(
      1,
    );
    expect(received.filter((r) => r.path === '/wecom').at(-1)?.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content:
          '### 填报即将截止：2025年度数据填报\n- 市统计局：3 项未完成\n- 市商务局：3 项未完成\n- 未分配牵头单位：2 项未完成\n- 截止日期：2026-03-31',
      },
    });

    clock = new Date('2026-03-31T16:00:00Z'); // the deadline itself
    const late = await todo(wang);
    expect(late.rounds[0]?.overdue).toBe(true);
    expect(late.rounds[0]?.items.filter((i) => i.overdue).map((i) => `${i.indicatorCode}:${i.year}`)).toEqual([
      'gdp:2025',
      'gdp_per_capita:2024',
      'gdp_per_capita:2025',
    ]);
    const inbox = await messages(wang);
    expect(inbox.items[0]).toMatchObject({ kind: 'round_overdue', params: { count: 3 } });
    // overdue: stats 3; commerce fdi 2025 + exports × 2 = 3 (fdi 2024 waits for review, not overdue); nobody 2
    const board = expectStatus<Completeness>(await get(`/api/v1/rounds/${round.id}/completeness`, admin), 200);
    expect(board.units.map((u) => u.overdue)).toEqual([3, 3, 2]);
    expect(board.total.overdue).toBe(8);

    const res = await get(`/api/v1/rounds/${round.id}/completeness.xlsx`, rita);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('完成情况');
    const row = (n: number) => ((summary?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(row(3)).toEqual(['牵头单位', '单位代码', '应报', '已报', '已通过', '已退回', '逾期', '通过率']);
    expect(row(4)).toEqual(['市统计局', 'stats', 4, 1, 1, 1, 3, 0.25]);
    expect(row(5)).toEqual(['市商务局', 'commerce', 4, 1, 0, 0, 3, 0]);
    expect(row(6)).toEqual(['未分配牵头单位', '', 2, 0, 0, 0, 2, 0]);
    expect(row(7)).toEqual(['合计', '', 10, 2, 1, 1, 8, 0.1]);
    expect(summary?.getRow(4).getCell(8).numFmt).toBe('0.0%');
    const open = wb.getWorksheet('未完成事项');
    // 10 asked − 1 approved = 9 rows under the header
    expect(open?.rowCount).toBe(10);
    const returnedRow = ((open?.getRow(2).values ?? []) as unknown[]).slice(1);
    expect(returnedRow).toEqual(['市统计局', 'gdp', 'GDP', 2025, '已退回', '与统计公报不一致，请核实', '是']);
  });

  test('marking read, and closing the round', async () => {
    expect(expectStatus<{ unread: number }>(await post('/api/v1/me/notifications/read', {}, wang), 200).unread).toBe(0);
    expect((await messages(wang)).items.every((m) => m.readAt !== null)).toBe(true);
    const closed = expectStatus<Round>(await post(`/api/v1/rounds/${round.id}/close`, {}), 200);
    expect(closed).toMatchObject({ state: 'closed', closedAt: '2026-03-31T16:00:00.000Z' });
    expect(problem(await post(`/api/v1/rounds/${round.id}/close`, {}))).toMatchObject({ code: 'round_closed' });
    expect((await todo(wang)).rounds).toEqual([]);
    expect(expectStatus<Round[]>(await get('/api/v1/rounds', wang), 200).map((r) => r.state)).toEqual(['closed']);
  });

  test('an import tells the reviewers too (a dry run does not)', async () => {
    const csv = (value: string) =>
      `指标代码,年份,数值,数据状态,来源\r\ngdp_per_capita,2024,${value},初步核算,统计公报\r\n`;
    const upload = (query: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/import${query}`,
        headers: { ...wang.headers, 'content-type': 'text/csv' },
        payload: csv('98000'),
      });
    expectStatus(await post('/api/v1/me/notifications/read', {}, rita), 200);
    expectStatus(await upload('?dryRun=true'), 200);
    expect((await messages(rita)).unread).toBe(0);
    expectStatus(await upload(''), 200);
    const inbox = await messages(rita);
    expect(inbox.unread).toBe(1);
    // waiting now: fdi_actual 2024 (entered above) and gdp_per_capita 2024 (imported) = 2
    expect(inbox.items[0]).toMatchObject({ kind: 'review_waiting', params: { count: 2 }, readAt: null });
  });

  test('a receiver that always fails: retried with back-off, then marked failed in the log', async () => {
    const down = expectStatus<Webhook>(
      await post('/api/v1/webhooks', { name: '坏地址', url: `${base}/down`, format: 'json' }),
      201,
    );
    expectStatus(await post(`/api/v1/webhooks/${down.id}/test`, {}), 202);
    await app.messages.sender.settled();
    expect(received.filter((r) => r.path === '/down')).toHaveLength(3); // WEBHOOK_MAX_ATTEMPTS
    const [log] = expectStatus<WebhookDelivery[]>(await get(`/api/v1/webhooks/${down.id}/deliveries`, admin), 200);
    expect(log).toMatchObject({ event: 'test', state: 'failed', attempts: 3, lastStatus: 500, nextAttemptAt: null });
  });
});
