/**
 * Entering yearly values and reviewing them: revisions, review, preview, year locks, concurrent
 * edits, precision and value checks, department rights, and the province-assigned target.
 * Each test works on its own indicator-year so that tests share one app without sharing state.
 */
import type { Indicator, Trajectory } from '@gz/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, PLAN_ID, signIn, type Session } from '../helpers/app.ts';
import { defined } from '../../server/src/lib/invariant.ts';

interface RevisionView {
  id: number;
  year: number;
  revisionNo: number;
  valueText: string;
  value: number;
  dataStatus: string;
  source: string;
  note: string | null;
  reviewState: string;
  baseRevisionId: number | null;
  reviewNote: string | null;
}
interface ObservationsBody {
  current: Array<{
    year: number;
    value: number;
    valueText: string;
    dataStatus: string;
    reviewState: string;
    revisionNo: number;
    revisionId: number;
  }>;
  revisions: Array<{
    year: number;
    valueText: string;
    revisionNo: number;
    reviewState: string;
    dataStatus: string;
    enteredBy: string | null;
    reviewedBy: string | null;
    reviewNote: string | null;
    baseRevisionId: number | null;
  }>;
}

let app: FastifyInstance;
let admin: Session;
let editor: Session; // 市统计局: gdp, retail_sales, industrial_value_added_growth, urbanization_rate…
let energyEditor: Session; // 市发展改革委: energy_intensity_cut
let reviewer: Session;
let viewer: Session;

beforeAll(async () => {
  app = await buildTestApp();
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  editor = await signIn(app, 'wang', 'editor', ['stats']);
  energyEditor = await signIn(app, 'fa', 'editor', ['ndrc']);
  reviewer = await signIn(app, 'rita', 'reviewer');
  viewer = await signIn(app, 'vera', 'viewer');
});
afterAll(() => app.close());

const put = (who: Session, code: string, year: number | string, payload: object, extra: Record<string, string> = {}) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/indicators/${code}/observations/${year}`,
    headers: { ...who.headers, ...extra },
    payload,
  });
const entry = (value: string | number, dataStatus = 'preliminary', more: object = {}) => ({
  value,
  dataStatus,
  source: '赣州市统计局',
  ...more,
});
const approve = (id: number, who = reviewer) =>
  app.inject({ method: 'POST', url: `/api/v1/revisions/${id}/approve`, headers: who.headers });
const giveBack = (id: number, reason?: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/revisions/${id}/return`,
    headers: reviewer.headers,
    payload: reason === undefined ? {} : { reason },
  });
const read = <T>(url: string) =>
  app.inject({ method: 'GET', url, headers: viewer.headers }).then((r) => expectStatus<T>(r, 200));
const revisionsOf = (code: string, year: number) =>
  read<ObservationsBody>(`/api/v1/indicators/${code}/observations`).then((b) =>
    b.revisions.filter((r) => r.year === year),
  );
const codeOf = (res: LightMyRequestResponse) => (res.json() as { code: string }).code;
const fieldsOf = (res: LightMyRequestResponse) =>
  ((res.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);

describe('revisions and review', () => {
  test('preliminary → final → revised: three revisions, each approved in turn; the latest approved counts', async () => {
    const steps = [
      ['2100.5', 'preliminary'],
      ['2098.2', 'final'],
      ['2101.0', 'revised'],
    ] as const;
    let base: number | null = null;
    for (const [k, [value, dataStatus]] of steps.entries()) {
      const written: RevisionView = expectStatus<RevisionView>(
        await put(editor, 'retail_sales', 2022, entry(value, dataStatus, { baseRevision: base })),
        201,
      );
      expect(written).toMatchObject({
        year: 2022,
        revisionNo: k + 1,
        valueText: value,
        dataStatus,
        reviewState: 'pending',
        baseRevisionId: base,
      });
      // pending: the previous value (none at first) still counts
      const before = await read<Indicator>('/api/v1/indicators/retail_sales');
      expect(before.latest?.valueText ?? null).toBe(k === 0 ? null : defined(steps[k - 1], 'steps[k - 1]')[0]);
      expectStatus(await approve(written.id), 200);
      const after = await read<Indicator>('/api/v1/indicators/retail_sales');
      expect(after.latest).toMatchObject({
        year: 2022,
        valueText: value,
        dataStatus,
        revisionNo: k + 1,
        reviewState: 'approved',
      });
      base = written.id;
    }
    const body = await read<ObservationsBody>('/api/v1/indicators/retail_sales/observations');
    expect(
      body.revisions.map((r) => [r.revisionNo, r.valueText, r.dataStatus, r.reviewState, r.enteredBy, r.reviewedBy]),
    ).toEqual([
      [1, '2100.5', 'preliminary', 'approved', 'wang', 'rita'],
      [2, '2098.2', 'final', 'approved', 'wang', 'rita'],
      [3, '2101.0', 'revised', 'approved', 'wang', 'rita'],
    ]);
    expect(body.current).toMatchObject([
      { year: 2022, valueText: '2101.0', value: 2101, dataStatus: 'revised', revisionNo: 3 },
    ]);
  });

  test('return needs a reason (400 body.reason); a returned revision does not count and cannot be approved later', async () => {
    const first = expectStatus<RevisionView>(await put(editor, 'gdp_per_capita', 2022, entry('50000')), 201);
    expectStatus(await approve(first.id), 200);
    const second = expectStatus<RevisionView>(await put(editor, 'gdp_per_capita', 2022, entry('51000', 'final')), 201);

    for (const reason of [undefined, '', '   ']) {
      const res = await giveBack(second.id, reason);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(['body.reason']);
    }
    const returned = expectStatus<RevisionView>(await giveBack(second.id, '与年鉴数不一致，请核对'), 200);
    expect(returned).toMatchObject({
      reviewState: 'returned',
      reviewNote: '与年鉴数不一致，请核对',
      valueText: '51000',
    });

    const ind = await read<Indicator>('/api/v1/indicators/gdp_per_capita');
    expect(ind.latest).toMatchObject({ year: 2022, valueText: '50000', revisionNo: 1 });
    expect(
      (await read<ObservationsBody>('/api/v1/indicators/gdp_per_capita/observations')).current.map((o) => o.valueText),
    ).toEqual(['50000']);

    const again = await approve(second.id);
    expect(again.statusCode).toBe(409);
    expect(codeOf(again)).toBe('not_pending');
    expect(codeOf(await giveBack(first.id, 'too late'))).toBe('not_pending');
    const missing = await approve(999_999);
    expect(missing.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/revisions/abc/approve', headers: reviewer.headers }))
        .statusCode,
    ).toBe(400);

    // the returned revision stays in the record and in the returned list
    const returnedList = await read<Array<{ id: number; reviewNote: string }>>('/api/v1/revisions?state=returned');
    expect(returnedList.find((r) => r.id === second.id)?.reviewNote).toBe('与年鉴数不一致，请核对');
  });

  test('the review queue lists pending revisions with the value each would replace', async () => {
    const first = expectStatus<RevisionView>(await put(editor, 'urbanization_rate', 2022, entry('57.1')), 201);
    let queue = await read<Array<{ id: number; indicatorCode: string; valueText: string; previous: unknown }>>(
      '/api/v1/revisions?state=pending',
    );
    expect(queue.find((q) => q.id === first.id)).toMatchObject({
      indicatorCode: 'urbanization_rate',
      valueText: '57.1',
      previous: null,
    });
    expectStatus(await approve(first.id), 200);
    const second = expectStatus<RevisionView>(
      await put(editor, 'urbanization_rate', 2022, entry('57.3', 'final')),
      201,
    );
    queue = await read(`/api/v1/revisions?plan=${PLAN_ID}`);
    expect(queue.some((q) => q.id === first.id)).toBe(false);
    expect(queue.find((q) => q.id === second.id)).toMatchObject({
      valueText: '57.3',
      previous: { revisionId: first.id, valueText: '57.1', value: 57.1 },
    });
  });

  test('?includePending=true previews a pending value in /indicators/{code} and /trajectory; it does not count otherwise', async () => {
    const pending = expectStatus<RevisionView>(await put(editor, 'gdp', 2023, entry('4850.6')), 201);
    const counted = await read<Indicator>('/api/v1/indicators/gdp');
    expect(counted.latest).toMatchObject({ year: 2022, valueText: '4524' });
    expect(counted.progress.latestYear).toBe(2022);

    const preview = await read<Indicator>('/api/v1/indicators/gdp?includePending=true');
    expect(preview.latest).toMatchObject({
      year: 2023,
      valueText: '4850.6',
      reviewState: 'pending',
      revisionId: pending.id,
    });
    expect(preview.progress.latestValue).toBe(4850.6);
    expect(preview.progress.evaluationYear).toBe(2023);
    const list = await read<Indicator[]>('/api/v1/indicators?includePending=true&category=economy');
    expect(list.find((i) => i.code === 'gdp')?.latest?.valueText).toBe('4850.6');

    const plain = await read<Trajectory>('/api/v1/indicators/gdp/trajectory');
    expect(plain.points.find((p) => p.year === 2023)).toMatchObject({ actual: null, pending: null });
    const withPending = await read<Trajectory>('/api/v1/indicators/gdp/trajectory?includePending=true');
    expect(withPending.points.find((p) => p.year === 2023)).toMatchObject({ actual: null, pending: 4850.6 });
    expect(withPending.points.find((p) => p.year === 2022)).toMatchObject({ actual: 4524, pending: null });
  });
});

describe('year locks', () => {
  test('a locked year refuses PUT and approve with 423 year_locked; unlocking restores both', async () => {
    const pending = expectStatus<RevisionView>(await put(editor, 'gdp', 2024, entry('5200')), 201);
    expect(
      (await app.inject({ method: 'PUT', url: `/api/v1/plans/${PLAN_ID}/locks/2024`, headers: reviewer.headers }))
        .statusCode,
    ).toBe(204);
    const locks = await read<Array<{ planId: string; year: number; lockedBy: string }>>('/api/v1/locks');
    expect(locks).toEqual([expect.objectContaining({ planId: PLAN_ID, year: 2024, lockedBy: 'rita' })]);

    for (const res of [
      await put(editor, 'gdp', 2024, entry('5210')),
      await put(admin, 'gdp', 2024, entry('5210')),
      await approve(pending.id),
      await giveBack(pending.id, 'x'),
    ]) {
      expect(res.statusCode).toBe(423);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(codeOf(res)).toBe('year_locked');
    }
    // another year is not affected
    expect((await put(editor, 'gdp', 2025, entry('5500'))).statusCode).toBe(201);

    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/plans/${PLAN_ID}/locks/2024`, headers: reviewer.headers }))
        .statusCode,
    ).toBe(204);
    expect(await read('/api/v1/locks')).toEqual([]);
    expectStatus(await approve(pending.id), 200);
    expect((await put(editor, 'gdp', 2024, entry('5210', 'final'))).statusCode).toBe(201);
  });

  test('locking an unknown plan is a 404', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/plans/no-such-plan/locks/2024',
      headers: reviewer.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('concurrent edits', () => {
  test('two clients with the same baseRevision: exactly one 201, the other 409 with the current revision', async () => {
    const seeded = defined(
      (await read<ObservationsBody>('/api/v1/indicators/gdp/observations')).current.find((o) => o.year === 2022),
      "(await read<ObservationsBody>('/api/v1/indicators/gdp/ob...",
    );
    expect(seeded.valueText).toBe('4524');
    const seededId = seeded.revisionId;
    const admin2 = await login(app, 'admin', ADMIN_PASSWORD);
    const [a, b] = await Promise.all([
      put(editor, 'gdp', 2022, entry('4523.63', 'final', { baseRevision: seededId })),
      put(admin2, 'gdp', 2022, entry('4525.00', 'final', { baseRevision: seededId })),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    const [winner, loser] = a.statusCode === 201 ? [a, b] : [b, a];
    const won = winner.json() as RevisionView;
    expect(won.baseRevisionId).toBe(seededId);
    expect(winner.headers.etag).toBe(`"${won.id}"`);
    const conflict = loser.json() as { code: string; status: number; current: RevisionView };
    expect(conflict).toMatchObject({ status: 409, code: 'conflict' });
    expect(conflict.current).toEqual(won);
    // the loser's revision is not written; the winner's is
    const revisions = await revisionsOf('gdp', 2022);
    expect(revisions.map((r) => [r.revisionNo, r.valueText])).toEqual([
      [1, '4524'],
      [2, won.valueText],
    ]);
  });

  test('If-Match works like baseRevision: stale → 409, current → 201, "none" only while the year has no value', async () => {
    const first = expectStatus<RevisionView>(
      await put(editor, 'strategic_emerging_share', 2022, entry('31.0'), { 'if-match': '"none"' }),
      201,
    );
    expect(first.baseRevisionId).toBeNull();
    const noneAgain = await put(editor, 'strategic_emerging_share', 2022, entry('31.1'), { 'if-match': '"none"' });
    expect(noneAgain.statusCode).toBe(409);
    expect((noneAgain.json() as { current: RevisionView }).current.id).toBe(first.id);

    const second = expectStatus<RevisionView>(
      await put(editor, 'strategic_emerging_share', 2022, entry('31.2'), { 'if-match': `"${first.id}"` }),
      201,
    );
    const stale = await put(editor, 'strategic_emerging_share', 2022, entry('31.3'), { 'if-match': `"${first.id}"` });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { current: RevisionView }).current).toMatchObject({ id: second.id, valueText: '31.2' });
    // a weak or unquoted tag works too
    expect(
      (await put(editor, 'strategic_emerging_share', 2022, entry('31.3'), { 'if-match': `W/"${second.id}"` }))
        .statusCode,
    ).toBe(201);

    const bad = await put(editor, 'strategic_emerging_share', 2022, entry('31.4'), { 'if-match': 'garbage' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['headers.if-match']);
    expect((await revisionsOf('strategic_emerging_share', 2022)).map((r) => r.valueText)).toEqual([
      '31.0',
      '31.2',
      '31.3',
    ]);
  });

  test('baseRevision null while a value exists → 409; without baseRevision the write is not checked', async () => {
    const res = await put(editor, 'gdp', 2022, entry('4530', 'final', { baseRevision: null }));
    expect(res.statusCode).toBe(409);
    expect((res.json() as { current: RevisionView | null }).current?.year).toBe(2022);
    expect((await put(editor, 'gdp', 2022, entry('4530', 'final'))).statusCode).toBe(201);
  });
});

describe('precision and value checks', () => {
  test("'4523.630' reads back as valueText '4523.630' and value 4523.63", async () => {
    const w = expectStatus<RevisionView>(await put(editor, 'gdp', 2021, entry('4523.630')), 201);
    expect(w).toMatchObject({ valueText: '4523.630', value: 4523.63 });
    const back = defined((await revisionsOf('gdp', 2021)).at(-1), "(await revisionsOf('gdp', 2021)).at(-1)");
    expect(back.valueText).toBe('4523.630');
    const obs = await read<ObservationsBody>('/api/v1/indicators/gdp/observations');
    expect(obs.revisions.find((r) => r.year === 2021)).toMatchObject({ valueText: '4523.630' });
  });

  test.each([
    [4523.63, '4523.63'],
    [0.8, '0.8'],
    [5000, '5000'],
    ['  4,523.63 ', '4523.63'],
    ['４５２３．６３', '4523.63'],
    ['0.80', '0.80'],
  ])('value %j is stored as %s', async (value, text) => {
    const w = expectStatus<RevisionView>(await put(editor, 'retail_sales', 2023, entry(value)), 201);
    expect(w.valueText).toBe(text);
    expect(w.value).toBe(Number(text));
  });

  test.each([
    ['urbanization_rate', 2023, '120', 'body.value'], // a share above 100 %
    ['urbanization_rate', 2023, '-1', 'body.value'],
    ['gdp', 2023, '-5', 'body.value'], // an amount cannot be negative
    ['gdp', 2023, '4.5e3', 'body.value'],
    ['gdp', 2023, 'abc', 'body.value'],
    ['gdp', 2023, '', 'body.value'],
    ['gdp', 2023, 1e21, 'body.value'],
    ['gdp', 2040, '5000', 'params.year'], // past the plan + 5 years
    ['gdp', 2019, '4000', 'params.year'], // before the baseline
    ['gdp', 'abc', '5000', 'params.year'],
    ['gdp', 1800, '5000', 'params.year'],
    ['industrial_value_added_growth', 2023, '101', 'body.value'],
  ])('%s %s = %j → 400 naming %s', async (code, year, value, field) => {
    const res = await put(editor, code, year, entry(value));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(res)).toContain(field);
  });

  test('a negative growth rate is accepted for industrial_value_added_growth', async () => {
    const w = expectStatus<RevisionView>(await put(editor, 'industrial_value_added_growth', 2023, entry('-2.5')), 201);
    expect(w).toMatchObject({ valueText: '-2.5', value: -2.5 });
  });

  test.each([
    [{ dataStatus: 'preliminary', source: 'x' }, 'body.value'],
    [{ value: '1', source: 'x' }, 'body.dataStatus'],
    [{ value: '1', dataStatus: 'guess', source: 'x' }, 'body.dataStatus'],
    [{ value: '1', dataStatus: 'final' }, 'body.source'],
    [{ value: '1', dataStatus: 'final', source: '   ' }, 'body.source'],
    [{ value: '1', dataStatus: 'final', source: 'x', baseRevision: 'one' }, 'body.baseRevision'],
  ])('body %j → 400 naming %s', async (payload, field) => {
    const res = await put(editor, 'gdp', 2023, payload);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain(field);
  });

  test('an unknown indicator is a 404', async () => {
    const res = await put(admin, 'no_such_indicator', 2023, entry('1'));
    expect(res.statusCode).toBe(404);
  });
});

describe('unit rights (the shared rule mayEnterValues)', () => {
  test('an editor writes only the indicators of their unit; the 403 says why', async () => {
    expect((await put(editor, 'gdp', 2025, entry('5450'))).statusCode).toBe(201); // stats = 市统计局
    for (const [code, reason] of [
      ['grain_capacity', 'not_your_unit'],
      ['energy_intensity_cut', 'not_your_unit'],
      ['digital_economy_share', 'no_lead_unit'],
    ] as const) {
      const res = await put(editor, code, 2023, entry('10'));
      expect(res.statusCode).toBe(403);
      expect(codeOf(res)).toBe(reason);
    }
    expect((await put(energyEditor, 'energy_intensity_cut', 2023, entry('2.9'))).statusCode).toBe(201);
    expect((await put(energyEditor, 'gdp', 2023, entry('4800'))).statusCode).toBe(403);
  });

  test('an indicator with a lead unit (市民政局) and a contributing unit (市残联) may be entered by an editor of either', async () => {
    const civil = await signIn(app, 'minzheng', 'editor', ['civil_affairs']);
    const disabled = await signIn(app, 'canlian', 'editor', ['disabled']);
    const both = await signIn(app, 'both', 'editor', ['civil_affairs', 'disabled']);
    expect((await put(civil, 'disability_subsidy_coverage', 2022, entry('100'))).statusCode).toBe(201);
    expect((await put(disabled, 'disability_subsidy_coverage', 2023, entry('100'))).statusCode).toBe(201);
    expect((await put(both, 'disability_subsidy_coverage', 2024, entry('100'))).statusCode).toBe(201);
    // an editor of another unit is refused
    const other = await signIn(app, 'shangwu', 'editor', ['commerce']);
    expect(codeOf(await put(other, 'disability_subsidy_coverage', 2022, entry('100')))).toBe('not_your_unit');
  });

  test('a reviewer never enters values', async () => {
    const reviewer = await signIn(app, 'shen', 'reviewer');
    expect(codeOf(await put(reviewer, 'gdp', 2023, entry('4800')))).toBe('forbidden');
  });

  test('an admin writes any indicator, one without a lead unit included', async () => {
    expect((await put(admin, 'digital_economy_share', 2023, entry('8.1'))).statusCode).toBe(201);
    const share = await put(admin, 'digital_economy_share', 2023, entry('120'));
    expect(share.statusCode).toBe(400);
    expect(fieldsOf(share)).toEqual(['body.value']);
  });
});

describe('province-assigned target', () => {
  const targetBody = {
    spec: { kind: 'cumulative_reduction', value: 13.5 },
    text: '累计下降13.5%',
    documentNo: '赣府字〔2022〕12号',
    issuedOn: '2022-03-01',
    note: '省下达',
  };

  test('PUT /indicators/energy_intensity_cut/target turns target_pending into a computed status; both versions are kept', async () => {
    // a yearly cut of 3.0 % in 2022, approved
    const w = expectStatus<RevisionView>(await put(energyEditor, 'energy_intensity_cut', 2022, entry('3.0')), 201);
    expectStatus(await approve(w.id), 200);
    const pendingTarget = await read<Indicator>('/api/v1/indicators/energy_intensity_cut');
    expect(pendingTarget.progress.status).toBe('target_pending');

    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/energy_intensity_cut/target',
      headers: admin.headers,
      payload: targetBody,
    });
    const updated = expectStatus<Indicator>(res, 200);
    expect(updated.target).toMatchObject({
      spec: { kind: 'cumulative_reduction', value: 13.5 },
      text: '累计下降13.5%',
      note: '省下达',
    });
    // cut 3.0 of 13.5 after 1 of 4 years: completion 0.2222, elapsed 0.25, ratio 0.889 → lagging (0.6 ≤ p < 0.9)
    expect(updated.progress.status).toBe('lagging');
    expect(updated.progress.figures.completion.value).toBeCloseTo(3 / 13.5, 10);
    expect(updated.progress.figures.scheduleRatio.value).toBeCloseTo(3 / 13.5 / 0.25, 10);
    expect((await read<Indicator>('/api/v1/indicators/energy_intensity_cut')).progress.status).toBe('lagging');

    const versions = app.db.$client
      .prepare<
        [],
        {
          spec: string;
          text: string | null;
          document_no: string | null;
          issued_on: string | null;
          created_by: number | null;
        }
      >(
        `SELECT v.spec, v.text, v.document_no, v.issued_on, v.created_by FROM target_versions v JOIN indicators i ON i.id = v.indicator_id
         WHERE i.code = 'energy_intensity_cut' ORDER BY v.id`,
      )
      .all();
    expect(versions.map((v) => [JSON.parse(v.spec), v.text, v.document_no, v.issued_on])).toEqual([
      [{ kind: 'assigned' }, null, null, null],
      [{ kind: 'cumulative_reduction', value: 13.5 }, '累计下降13.5%', '赣府字〔2022〕12号', '2022-03-01'],
    ]);
    expect(defined(versions[1], 'versions[1]').created_by).not.toBeNull();
  });

  test.each([
    [{ ...targetBody, spec: { kind: 'bogus' } }, 'body.spec.kind'],
    [{ ...targetBody, issuedOn: '2022-13-45' }, 'body.issuedOn'],
    [{ ...targetBody, documentNo: '' }, 'body.documentNo'],
  ])('a bad target body %j → 400 naming %s', async (payload, field) => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/non_fossil_share/target',
      headers: admin.headers,
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).some((f) => f.startsWith(field))).toBe(true);
  });
});

describe('assessments', () => {
  test('a reviewer’s assessment shows beside the computed status for its year', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators/exports/assessments',
      headers: reviewer.headers,
      payload: { year: 2022, status: 'on_track', justification: '出口结构持续优化' },
    });
    expect(expectStatus(res, 201)).toMatchObject({
      year: 2022,
      status: 'on_track',
      justification: '出口结构持续优化',
      assessedBy: 'rita',
    });
    const ind = await read<Indicator>('/api/v1/indicators/exports?year=2022');
    expect(ind.assessment).toMatchObject({ year: 2022, status: 'on_track', assessedBy: 'rita' });
    expect((await read<Indicator>('/api/v1/indicators/exports?year=2023')).assessment).toBeNull();
    const outside = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators/exports/assessments',
      headers: reviewer.headers,
      payload: { year: 2040, status: 'on_track', justification: 'x' },
    });
    expect(outside.statusCode).toBe(400);
    expect(fieldsOf(outside)).toEqual(['body.year']);
  });
});
