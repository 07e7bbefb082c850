/**
 * The unit directory (#14 item 1): seeded defaults, admin writes, unit codes on users and
 * indicators (an unknown code is a 400 naming the field), and the indicators without a lead unit
 * on the admin's to-do.
 */
import { DEFAULT_UNITS } from '@gz/seeds';
import type { Indicator, Todo, Unit, User } from '@gz/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, PASSWORD, signIn, type Session } from '../helpers/app.ts';

let app: FastifyInstance;
let admin: Session;
let editor: Session;

beforeAll(async () => {
  app = await buildTestApp();
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  editor = await signIn(app, 'wang', 'editor', ['stats']);
});
afterAll(() => app.close());

const get = (url: string, who: Session | null = admin) => app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown, who: Session = admin) => app.inject({ method, url, headers: who.headers, payload: payload as object });
const problem = (res: LightMyRequestResponse) => res.json() as { code: string; errors?: { field: string; message: string }[] };

/** The 8 indicators of the seeded table that name no unit in charge. */
const UNASSIGNED = [
  'rd_intensity',
  'digital_economy_share',
  'carbon_intensity_cut',
  'airport_passengers',
  'airport_cargo',
  'red_tourism_visitors',
  'red_tourism_revenue',
  'revolutionary_relics',
];

describe('the directory', () => {
  test('is seeded with the 14 city departments the plan table names, marked as defaults', async () => {
    const units = expectStatus<Unit[]>(await get('/api/v1/units', editor), 200);
    expect(units.map((u) => [u.code, u.name])).toEqual(DEFAULT_UNITS.map((u) => [u.code, u.name]));
    expect(units.every((u) => u.source === 'seed_default' && u.kind === 'city_department' && u.active && u.parentCode === null)).toBe(true);
    expect((await get('/api/v1/units', null)).statusCode).toBe(401);
  });

  test('admins add, rename and deactivate units; a county needs a city department as parent', async () => {
    const county = await send('POST', '/api/v1/units', { code: 'zgq_stats', name: '章贡区统计局', kind: 'county' });
    expect(county.statusCode).toBe(400);
    expect(problem(county).errors).toEqual([{ field: 'body.parentCode', message: 'a county unit needs a parent unit' }]);
    const badParent = await send('POST', '/api/v1/units', { code: 'zgq_stats', name: '章贡区统计局', kind: 'county', parentCode: 'nope' });
    expect(problem(badParent)).toMatchObject({ code: 'unknown_unit', errors: [{ field: 'body.parentCode' }] });
    const created = expectStatus<Unit>(await send('POST', '/api/v1/units', { code: 'zgq_stats', name: '章贡区统计局', kind: 'county', parentCode: 'stats' }), 201);
    expect(created).toMatchObject({ code: 'zgq_stats', kind: 'county', parentCode: 'stats', source: 'admin', active: true });
    expect(problem(await send('POST', '/api/v1/units', { code: 'zgq_stats', name: '又一个' }))).toMatchObject({ code: 'unit_exists' });
    const renamed = expectStatus<Unit>(await send('PATCH', '/api/v1/units/zgq_stats', { name: '章贡区统计局（改）', active: false }), 200);
    expect(renamed).toMatchObject({ name: '章贡区统计局（改）', active: false });
    expect((await send('PATCH', '/api/v1/units/nope', { name: 'x' })).statusCode).toBe(404);
    expect((await send('POST', '/api/v1/units', { code: 'x_unit', name: 'x' }, editor)).statusCode).toBe(403);
  });
});

describe('users carry unit codes', () => {
  test('an unknown unit code is a 400 naming the field, on create and on change', async () => {
    const created = await send('POST', '/api/v1/users', { username: 'liwei', password: PASSWORD, role: 'editor', units: ['stats', '统计局'] });
    expect(created.statusCode).toBe(400);
    expect(problem(created).errors?.[0]?.field).toBe('body.units.1');
    const unknown = await send('POST', '/api/v1/users', { username: 'liwei', password: PASSWORD, role: 'editor', units: ['stats', 'tongji'] });
    expect(problem(unknown)).toMatchObject({ code: 'unknown_unit', errors: [{ field: 'body.units.1', message: 'unknown unit code tongji' }] });
    const user = expectStatus<User>(await send('POST', '/api/v1/users', { username: 'liwei', password: PASSWORD, role: 'editor', units: ['commerce'] }), 201);
    expect(user.units).toEqual(['commerce']);
    const changed = await send('PATCH', `/api/v1/users/${user.id}`, { units: ['commerce', 'nope'] });
    expect(problem(changed)).toMatchObject({ code: 'unknown_unit', errors: [{ field: 'body.units.1' }] });
    expect(expectStatus<User>(await send('PATCH', `/api/v1/users/${user.id}`, { units: ['commerce', 'stats'] }), 200).units).toEqual(['commerce', 'stats']);
  });

  test('free-text departments are refused with the field named', async () => {
    const res = await send('POST', '/api/v1/users', { username: 'zhou', password: PASSWORD, role: 'editor', departments: ['市统计局'] });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors?.map((e) => e.field)).toEqual(['body.departments']);
  });
});

describe('indicators have a lead unit and contributing units', () => {
  test('the seeded assignments are defaults; 8 indicators have no lead unit', async () => {
    const list = expectStatus<Indicator[]>(await get('/api/v1/indicators'), 200);
    expect(list.find((i) => i.code === 'gdp')).toMatchObject({ leadUnit: 'stats', contributingUnits: [], assignmentSource: 'seed_default', department: '市统计局' });
    expect(list.find((i) => i.code === 'disability_subsidy_coverage')).toMatchObject({
      leadUnit: 'civil_affairs',
      contributingUnits: ['disabled'],
      department: '市民政局、市残联',
    });
    const none = list.filter((i) => i.leadUnit === null);
    expect(none.map((i) => i.code).sort()).toEqual([...UNASSIGNED].sort());
    expect(none.every((i) => i.assignmentSource === null && i.department === null)).toBe(true);
  });

  test('the admin’s to-do lists the indicators without a lead unit; an editor’s does not', async () => {
    const todo = expectStatus<Todo>(await get('/api/v1/me/todo'), 200);
    expect(todo.unassignedIndicators.map((i) => i.code).sort()).toEqual([...UNASSIGNED].sort());
    expect(todo.unassignedIndicators[0]).toMatchObject({ planId: 'ganzhou-2021-2025' });
    expect(expectStatus<Todo>(await get('/api/v1/me/todo', editor), 200).unassignedIndicators).toEqual([]);
  });

  test('assigning a lead unit: unknown codes are 400s naming the field; then the unit’s editor may enter it', async () => {
    const url = '/api/v1/indicators/digital_economy_share/units';
    expect(problem(await send('PUT', url, { leadUnit: 'gongxin', contributingUnits: [] }))).toMatchObject({
      code: 'unknown_unit',
      errors: [{ field: 'body.leadUnit', message: 'unknown unit code gongxin' }],
    });
    expect(problem(await send('PUT', url, { leadUnit: 'stats', contributingUnits: ['ndrc', 'x_y'] }))).toMatchObject({
      code: 'unknown_unit',
      errors: [{ field: 'body.contributingUnits.1' }],
    });
    const entry = { value: '41.2', dataStatus: 'preliminary', source: '测试' };
    const before = await send('PUT', '/api/v1/indicators/digital_economy_share/observations/2023', entry, editor);
    expect(problem(before).code).toBe('no_lead_unit');
    expect(expectStatus(await send('PUT', url, { leadUnit: 'stats', contributingUnits: ['ndrc', 'stats'] }), 200)).toEqual({
      leadUnit: 'stats',
      contributingUnits: ['ndrc'],
      assignmentSource: 'admin',
    });
    expect((await send('PUT', '/api/v1/indicators/digital_economy_share/observations/2023', entry, editor)).statusCode).toBe(201);
    const todo = expectStatus<Todo>(await get('/api/v1/me/todo'), 200);
    expect(todo.unassignedIndicators.map((i) => i.code)).not.toContain('digital_economy_share');
    expect(todo.unassignedIndicators).toHaveLength(7);
    const audit = expectStatus<{ action: string; after: unknown }[]>(await get('/api/v1/audit?indicator=digital_economy_share'), 200);
    expect(audit.find((e) => e.action === 'indicator.units')?.after).toEqual({ leadUnit: 'stats', contributingUnits: ['ndrc'], assignmentSource: 'admin' });
  });
});
