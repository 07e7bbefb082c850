/**
 * Values as published (issue 14 item 5): the 预计数 data status, qualifiers (以上 / 左右 / 约 / 以内) shown
 * with the value, the comparable-price growth rate (可比价增速) kept beside it, and a yearly growth target
 * judged on that published rate rather than on nominal levels. Figures from the issue: GDP 2023 4606.2 亿元,
 * published growth 5.3 % against the 2023 work report's 增长7.5%左右 (default tolerance 0.5 points).
 */
import type { EvaluationReport, Observation } from '@gz/shared';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, PLAN_ID, signIn, type Session } from '../helpers/app.ts';

let app: FastifyInstance;
let editor: Session; // 市统计局: gdp, retail_sales, …
let reviewer: Session;
let admin: Session;

beforeEach(async () => {
  app = await buildTestApp();
  editor = await signIn(app, 'ed', 'editor', ['stats']);
  reviewer = await signIn(app, 'rita', 'reviewer');
  admin = await login(app, 'admin', ADMIN_PASSWORD);
});
afterEach(() => app.close());

const put = (session: Session, code: string, year: number, payload: object) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/indicators/${code}/observations/${year}`,
    headers: session.headers,
    payload,
  });
const approve = (id: number) =>
  app.inject({ method: 'POST', url: `/api/v1/revisions/${id}/approve`, headers: reviewer.headers });

describe('qualifier, estimate and growth rate on a value', () => {
  test('an estimate 10以上 is stored, shown as written and carried through review', async () => {
    const written = expectStatus<{
      id: number;
      displayText: string;
      qualifier: string;
      dataStatus: string;
      growthRateText: string | null;
    }>(
      await put(editor, 'retail_sales', 2025, {
        value: '10',
        dataStatus: 'estimate',
        qualifier: 'at_least',
        source: '市商务局预计',
        baseRevision: null,
      }),
      201,
    );
    expect(written).toMatchObject({
      displayText: '10以上',
      qualifier: 'at_least',
      dataStatus: 'estimate',
      growthRateText: null,
    });
    const queue = expectStatus<Array<{ id: number; displayText: string; qualifier: string | null }>>(
      await app.inject({ method: 'GET', url: '/api/v1/revisions?state=pending', headers: reviewer.headers }),
      200,
    );
    expect(queue.find((r) => r.id === written.id)).toMatchObject({ displayText: '10以上', qualifier: 'at_least' });
    expectStatus(await approve(written.id), 200);
    const obs = expectStatus<{ current: Observation[] }>(
      await app.inject({ method: 'GET', url: '/api/v1/indicators/retail_sales/observations', headers: editor.headers }),
      200,
    );
    expect(obs.current.find((o) => o.year === 2025)).toMatchObject({
      valueText: '10',
      displayText: '10以上',
      qualifier: 'at_least',
      dataStatus: 'estimate',
    });
  });

  test('约 is written before the number; the growth rate keeps its digits', async () => {
    const written = expectStatus<{ displayText: string; growthRateText: string; growthRate: number }>(
      await put(editor, 'gdp', 2023, {
        value: '4606.2',
        dataStatus: 'final',
        qualifier: 'approx',
        growthRate: '5.30',
        source: '2023年赣州市统计公报',
        baseRevision: null,
      }),
      201,
    );
    expect(written).toMatchObject({ displayText: '约4606.2', growthRateText: '5.30', growthRate: 5.3 });
  });

  test('a bad qualifier or growth rate is refused naming the field', async () => {
    const badQualifier = await put(editor, 'gdp', 2023, {
      value: '1',
      dataStatus: 'final',
      qualifier: '以上',
      source: 's',
    });
    expect(badQualifier.json()).toMatchObject({ status: 400, errors: [{ field: 'body.qualifier' }] });
    const badRate = await put(editor, 'gdp', 2023, {
      value: '1',
      dataStatus: 'final',
      growthRate: 'fast',
      source: 's',
    });
    expect(badRate.json()).toMatchObject({ status: 400, errors: [{ field: 'body.growthRate' }] });
    const tooLow = await put(editor, 'gdp', 2023, { value: '1', dataStatus: 'final', growthRate: -100, source: 's' });
    expect(tooLow.json()).toMatchObject({ status: 400, errors: [{ field: 'body.growthRate' }] });
  });

  test('the qualifier and the growth rate of a revision are immutable like its value', async () => {
    expectStatus(
      await put(editor, 'gdp', 2023, { value: '4606.2', dataStatus: 'final', growthRate: '5.3', source: 's' }),
      201,
    );
    expect(() =>
      app.db.$client.prepare(`UPDATE observation_revisions SET qualifier = 'about' WHERE year = 2023`).run(),
    ).toThrow(/immutable/);
    expect(() =>
      app.db.$client.prepare(`UPDATE observation_revisions SET growth_rate_text = '9.9' WHERE year = 2023`).run(),
    ).toThrow(/immutable/);
  });
});

describe('a yearly growth target is judged on the published growth rate', () => {
  test('GDP 2023: 增长7.5%左右 against a published 5.3 % → not met (5.3 − 7.5 = −2.2 < −0.5)', async () => {
    expectStatus(
      await app.inject({
        method: 'PUT',
        url: `/api/v1/indicators/gdp/annual-targets/2023?plan=${PLAN_ID}`,
        headers: admin.headers,
        payload: { spec: { kind: 'annual_rate', rate: 7.5 }, text: '增长7.5%左右', source: '2023年赣州市政府工作报告' },
      }),
      200,
    );
    const rev = expectStatus<{ id: number }>(
      await put(editor, 'gdp', 2023, {
        value: '4606.2',
        dataStatus: 'final',
        growthRate: '5.3',
        source: '2023年赣州市统计公报',
      }),
      201,
    );
    expectStatus(await approve(rev.id), 200);
    const report = expectStatus<EvaluationReport>(
      await app.inject({ method: 'GET', url: `/api/v1/plans/${PLAN_ID}/evaluations/2023`, headers: editor.headers }),
      200,
    );
    const gdp = report.areas.flatMap((a) => a.rows).find((r) => r.code === 'gdp');
    expect(gdp?.annualTarget).toMatchObject({
      status: 'not_achieved',
      measured: 5.3,
      basis: 'growth',
      rateSource: 'published',
      explanation: {
        zh: '2023年按可比价增长5.3%（公布的可比价增速），年度目标增长7.5%左右（允许偏差0.5个百分点），未完成。',
      },
    });
  });
});
