/**
 * Trajectory points carry the values behind them as published (#15 item 2): the counted revision of each year
 * (text, qualifier, display text, growth rate, source, data status, review state), the newest pending one when
 * pending values are asked for, and the yearly target as set, so a chart needs the trajectory reply alone.
 * Figures from the seeded plan: GDP 2022 4524 亿元 (the plan's own figure, preliminary), the 2023 work report's
 * 增长7.5%左右 drawn at 4524 × 1.075 = 4863.3.
 */
import { WORK_REPORT_2023_TARGET_SENTENCE } from '@gz/seeds';
import type { ObservationHistory, Trajectory } from '@gz/shared';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildTestApp, expectStatus, type Session, signIn } from '../helpers/app.ts';

let app: FastifyInstance;
let editor: Session; // 市统计局: gdp
let reviewer: Session;

beforeEach(async () => {
  app = await buildTestApp();
  editor = await signIn(app, 'ed', 'editor', ['stats']);
  reviewer = await signIn(app, 'rita', 'reviewer');
});
afterEach(() => app.close());

const GDP_2022_SOURCE = '《赣州革命老区高质量发展示范区发展规划》第一章：2022年总量达4524亿元';

const trajectory = async (query = '', session: Session = reviewer) =>
  expectStatus<Trajectory>(
    await app.inject({ url: `/api/v1/indicators/gdp/trajectory${query}`, headers: session.headers }),
    200,
  );
const put = (year: number, payload: object) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/indicators/gdp/observations/${year}`,
    headers: editor.headers,
    payload,
  });

describe('GDP trajectory points as seeded', () => {
  test('2022 carries its counted revision as published; every other year none', async () => {
    const t = await trajectory();
    const revisionId = (
      expectStatus<ObservationHistory>(
        await app.inject({ url: '/api/v1/indicators/gdp/observations', headers: reviewer.headers }),
        200,
      ).current[0] ?? { revisionId: -1 }
    ).revisionId;
    expect(t.points.map((p) => [p.year, p.countedValue ?? null, p.pendingValue ?? null])).toEqual([
      [2021, null, null],
      [
        2022,
        {
          revisionId,
          valueText: '4524',
          qualifier: null,
          displayText: '4524',
          growthRateText: null,
          dataStatus: 'preliminary',
          source: GDP_2022_SOURCE,
          reviewState: 'approved',
        },
        null,
      ],
      [2023, null, null],
      [2024, null, null],
      [2025, null, null],
    ]);
  });

  test('2023 carries the work report target as set, beside its position 4524 × 1.075 = 4863.3', async () => {
    const t = await trajectory();
    expect(t.points.map((p) => p.annualTargetSet ?? null)).toEqual([
      null,
      null,
      {
        spec: { kind: 'annual_rate', rate: 7.5 },
        text: '增长7.5%左右',
        source: `2023年赣州市政府工作报告：${WORK_REPORT_2023_TARGET_SENTENCE}`,
        basis: 'growth',
      },
      null,
      null,
    ]);
    expect(t.points[2]?.annualTarget).toBeCloseTo(4863.3, 9);
  });

  test('a public reader (PUBLIC_READ) gets the same counted values', async () => {
    await app.close();
    app = await buildTestApp({ PUBLIC_READ: true });
    const res = await app.inject({ url: '/api/v1/indicators/gdp/trajectory' });
    const t = expectStatus<Trajectory>(res, 200);
    expect(t.points[1]?.countedValue).toMatchObject({ valueText: '4524', dataStatus: 'preliminary' });
  });
});

describe('pending values on the points', () => {
  test('the newest pending revision of a year, as published, only when asked for; approval moves it to counted', async () => {
    const first = expectStatus<{ id: number }>(
      await put(2023, { value: '4600', dataStatus: 'estimate', source: '市统计局预计', baseRevision: null }),
      201,
    );
    const second = expectStatus<{ id: number }>(
      await put(2023, {
        value: '4606.20',
        dataStatus: 'preliminary',
        qualifier: 'approx',
        growthRate: '5.3',
        source: '2023年赣州市国民经济和社会发展统计公报',
        baseRevision: first.id,
      }),
      201,
    );
    const plain = await trajectory();
    expect(plain.points.map((p) => p.pendingValue ?? null)).toEqual([null, null, null, null, null]);

    const preview = await trajectory('?includePending=true');
    const y2023 = preview.points.find((p) => p.year === 2023);
    expect(y2023?.pending).toBe(4606.2);
    expect(y2023?.countedValue).toBeNull();
    expect(y2023?.pendingValue).toEqual({
      revisionId: second.id,
      valueText: '4606.20',
      qualifier: 'approx',
      displayText: '约4606.20',
      growthRateText: '5.3',
      dataStatus: 'preliminary',
      source: '2023年赣州市国民经济和社会发展统计公报',
      reviewState: 'pending',
    });
    // the counted 2022 value stays as it is in the preview
    expect(preview.points.find((p) => p.year === 2022)?.countedValue?.valueText).toBe('4524');

    expectStatus(
      await app.inject({ method: 'POST', url: `/api/v1/revisions/${second.id}/approve`, headers: reviewer.headers }),
      200,
    );
    const after = (await trajectory('?includePending=true')).points.find((p) => p.year === 2023);
    expect(after?.actual).toBe(4606.2);
    expect(after?.countedValue).toMatchObject({
      revisionId: second.id,
      displayText: '约4606.20',
      reviewState: 'approved',
    });
    // the first entry, older than the approved one, still awaits review and is shown apart
    expect(after?.pendingValue).toMatchObject({ revisionId: first.id, valueText: '4600', dataStatus: 'estimate' });
  });
});
