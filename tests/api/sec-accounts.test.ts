/**
 * Accounts and access (#10): token expiry and death (H1), the password policy and history (M6), the
 * account lockout across addresses (M6), self-service change and the forced change after someone
 * else set a password (L3), idle timeout and one session per user (L1, L2), sign-in attempts that
 * never use the write budget (M3), and the sign-in and denial log (M7).
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  ADMIN_PASSWORD,
  addUser,
  buildTestApp,
  expectStatus,
  login,
  PASSWORD,
  signIn,
  tokenFor,
  type Session,
} from '../helpers/app.ts';

const LOGIN = '/api/v1/auth/login';
let app: FastifyInstance;
afterEach(async () => {
  vi.useRealTimers();
  await app?.close();
});

const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
const attempt = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: LOGIN, remoteAddress, payload: { username, password } });
const patchUser = (admin: Session, id: number, payload: object) =>
  app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: admin.headers, payload });

describe('H1: API tokens expire and die with a password set or a deactivation', () => {
  test('a token is created with an expiry of 180 days by default, shown at creation; 365 days at most', async () => {
    app = await buildTestApp();
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const before = Date.now();
    const created = expectStatus<{ expiresAt: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin.headers,
        payload: { name: 'n', scope: 'read' },
      }),
      201,
    );
    const days = (Date.parse(created.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(179.99);
    expect(days).toBeLessThan(180.01);
    const tooLong = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin.headers,
      payload: { name: 'n', scope: 'read', expiresInDays: 366 },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(JSON.stringify(tooLong.json())).toContain('body.expiresInDays');
  });

  test('an expired token gets 401', async () => {
    app = await buildTestApp();
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin.headers,
      payload: { name: 'short', scope: 'read', expiresInDays: 1 },
    });
    const auth = { authorization: `Bearer ${expectStatus<{ token: string }>(res, 201).token}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: auth })).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 86_400_000 + 1000);
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: auth })).statusCode).toBe(401);
  });

  test('a token is dead after its owner’s password is reset by an admin', async () => {
    app = await buildTestApp();
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const wang = await signIn(app, 'wang', 'editor', ['stats']);
    const token = await tokenFor(app, wang, 'write');
    const id = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers }))
      .json<{ id: number; username: string }[]>()
      .find((u) => u.username === 'wang')?.id;
    expectStatus(await patchUser(admin, id ?? 0, { password: 'Reset by admin 2026!' }), 200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: token })).statusCode).toBe(401);
    const row = app.db.$client.prepare('SELECT revoked_reason AS reason FROM api_tokens').get() as { reason: string };
    expect(row.reason).toBe('password_set');
  });

  test('a token is dead after deactivation and stays dead after reactivation', async () => {
    app = await buildTestApp();
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const u = await addUser(app, 'wang', 'editor', ['stats']);
    const token = await tokenFor(app, await login(app, 'wang'), 'read');
    expectStatus(await patchUser(admin, u.id, { active: false }), 200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: token })).statusCode).toBe(401);
    expectStatus(await patchUser(admin, u.id, { active: true }), 200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: token })).statusCode).toBe(401);
  });

  test('a token is dead after the owner changes their own password', async () => {
    app = await buildTestApp();
    const wang = await signIn(app, 'wang', 'editor', ['stats']);
    const token = await tokenFor(app, wang, 'read');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: wang.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'Brand-new secret 42' },
    });
    expectStatus(res, 200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: token })).statusCode).toBe(401);
    // the session that changed it goes on
    expect((await me(wang.headers)).statusCode).toBe(200);
  });
});

describe('M6: the password policy and history', () => {
  test('under 10 characters is refused by the schema (validation_failed naming body.password)', async () => {
    app = await buildTestApp();
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'liwei', password: 'Short1!', role: 'viewer' },
    });
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.password' }] });
  });

  test.each([
    ['aaaaaaaaaa', 'too_few_classes'],
    ['1234567890', 'too_few_classes'],
    ['Xliwei-2026!', 'contains_username'],
    ['P@ssw0rd123', 'common_password'],
    ['Admin@123456', 'common_password'],
  ])('%s is refused (%s)', async (password, problem) => {
    app = await buildTestApp();
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'liwei', password, role: 'viewer' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'weak_password', errors: [{ field: 'body.password' }] });
    expect(res.json<{ problems: string[] }>().problems).toContain(problem);
  });

  test('none of the last five passwords may be used again', async () => {
    app = await buildTestApp();
    const s = await signIn(app, 'wang', 'viewer');
    const history = ['Second secret #2', 'Third secret #3', 'Fourth secret #4', 'Fifth secret #5', 'Sixth secret #6'];
    let current = PASSWORD;
    for (const next of history) {
      expectStatus(
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/password',
          headers: s.headers,
          payload: { currentPassword: current, newPassword: next },
        }),
        200,
      );
      current = next;
    }
    // the last five (Second … Sixth) are refused; the first one (PASSWORD) has dropped out of the window
    const reuse = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: s.headers,
      payload: { currentPassword: current, newPassword: 'Second secret #2' },
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json()).toMatchObject({ code: 'password_reused', errors: [{ field: 'body.newPassword' }] });
    expectStatus(
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: s.headers,
        payload: { currentPassword: current, newPassword: PASSWORD },
      }),
      200,
    );
  });

  test('a wrong current password is refused naming body.currentPassword', async () => {
    app = await buildTestApp();
    const s = await signIn(app, 'wang', 'viewer');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: s.headers,
      payload: { currentPassword: 'not it at all', newPassword: 'Brand-new secret 42' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'wrong_password', errors: [{ field: 'body.currentPassword' }] });
  });
});

describe('M6: account lockout', () => {
  test('5 failures from 5 different addresses lock the account for 15 minutes, even for the right password', async () => {
    app = await buildTestApp();
    await addUser(app, 'wang', 'editor');
    for (let i = 0; i < 4; i += 1)
      expect((await attempt('wang', `wrong ${i}`, `10.0.0.${i + 1}`)).statusCode).toBe(401);
    // the fourth failure did not lock yet
    expect((await attempt('wang', PASSWORD, '10.0.1.1')).statusCode).toBe(200);
    // a success clears the count: 5 new failures are needed
    for (let i = 0; i < 5; i += 1)
      expect((await attempt('wang', `wrong ${i}`, `10.0.2.${i + 1}`)).json<{ code: string }>().code).toBe(
        'invalid_credentials',
      );
    const locked = await attempt('wang', PASSWORD, '10.0.3.1');
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toMatchObject({ code: 'account_locked' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 14 * 60_000);
    expect((await attempt('wang', PASSWORD, '10.0.3.2')).json<{ code: string }>().code).toBe('account_locked');
    vi.setSystemTime(Date.now() + 2 * 60_000);
    expect((await attempt('wang', PASSWORD, '10.0.3.3')).statusCode).toBe(200);
  });

  test('failures spread beyond the 15-minute window do not lock', async () => {
    app = await buildTestApp();
    await addUser(app, 'wang', 'editor');
    vi.useFakeTimers({ toFake: ['Date'] });
    for (let i = 0; i < 4; i += 1) await attempt('wang', `wrong ${i}`, `10.0.0.${i + 1}`);
    vi.setSystemTime(Date.now() + 16 * 60_000);
    for (let i = 0; i < 4; i += 1) await attempt('wang', `wrong ${i}`, `10.0.1.${i + 1}`);
    expect((await attempt('wang', PASSWORD, '10.0.2.1')).statusCode).toBe(200);
  });

  test('the account manager unlocks; thresholds come from the environment', async () => {
    app = await buildTestApp({ LOCKOUT_THRESHOLD: 2 });
    const u = await addUser(app, 'wang', 'editor');
    await attempt('wang', 'wrong 1', '10.0.0.1');
    await attempt('wang', 'wrong 2', '10.0.0.2');
    expect((await attempt('wang', PASSWORD, '10.0.0.3')).json<{ code: string }>().code).toBe('account_locked');
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const listed = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).json<
      { username: string; lockedUntil: string | null }[]
    >();
    expect(listed.find((x) => x.username === 'wang')?.lockedUntil).not.toBeNull();
    const unlocked = expectStatus<{ lockedUntil: string | null }>(
      await app.inject({ method: 'POST', url: `/api/v1/users/${u.id}/unlock`, headers: admin.headers }),
      200,
    );
    expect(unlocked.lockedUntil).toBeNull();
    expect((await attempt('wang', PASSWORD, '10.0.0.4')).statusCode).toBe(200);
  });
});

describe('L3: a password set by someone else must be changed first', () => {
  test('after an admin creates the account, only me, logout and the password change work until it is changed', async () => {
    app = await buildTestApp();
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    expectStatus(
      await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { username: 'liwei', password: PASSWORD, role: 'viewer' },
      }),
      201,
    );
    const s = await login(app, 'liwei');
    expect(
      expectStatus<{ user: { mustChangePassword: boolean } }>(await me(s.headers), 200).user.mustChangePassword,
    ).toBe(true);
    const blocked = await app.inject({ method: 'GET', url: '/api/v1/plans', headers: s.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'password_change_required' });
    expectStatus(
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: s.headers,
        payload: { currentPassword: PASSWORD, newPassword: 'My own secret 2026' },
      }),
      200,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: s.headers })).statusCode).toBe(200);
  });
});

describe('L1, L2: idle timeout and one session per user', () => {
  test('a session unused for 30 minutes ends; one used every 20 minutes lives on', async () => {
    app = await buildTestApp();
    vi.useFakeTimers({ toFake: ['Date'] });
    const busy = await login(app, 'admin', ADMIN_PASSWORD);
    const idle = await login(app, 'admin', ADMIN_PASSWORD);
    for (let i = 0; i < 3; i += 1) {
      vi.setSystemTime(Date.now() + 20 * 60_000);
      expect((await me(busy.headers)).statusCode).toBe(200);
    }
    expect((await me(idle.headers)).statusCode).toBe(401);
  });

  test('SINGLE_SESSION=true: a new sign-in ends the older session', async () => {
    app = await buildTestApp({ SINGLE_SESSION: true });
    const first = await login(app, 'admin', ADMIN_PASSWORD);
    const second = await login(app, 'admin', ADMIN_PASSWORD);
    expect((await me(first.headers)).statusCode).toBe(401);
    expect((await me(second.headers)).statusCode).toBe(200);
  });
});

describe('M3: sign-in attempts never use the write budget', () => {
  test('more anonymous sign-ins from one address than the write budget, then the right user signs in and writes', async () => {
    app = await buildTestApp({ LOGIN_RATE_LIMIT: 1000, WRITE_RATE_LIMIT: 20 });
    await addUser(app, 'wang', 'editor', ['stats']);
    for (let i = 0; i < 30; i += 1) {
      await app.inject({
        method: 'POST',
        url: LOGIN,
        remoteAddress: '10.9.9.9',
        payload: { username: `nobody${i}`, password: 'x' },
      });
    }
    const ok = await attempt('wang', PASSWORD, '10.9.9.9');
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'gz_session')?.value ?? '';
    const headers = { cookie: `gz_session=${cookie}`, 'x-csrf-token': ok.json<{ csrfToken: string }>().csrfToken };
    const write = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2024',
      remoteAddress: '10.9.9.9',
      headers,
      payload: { value: '5100', dataStatus: 'preliminary', source: '快报' },
    });
    expect(write.statusCode).toBe(201);
  });

  test('more than LOGIN_RATE_LIMIT sign-ins a minute from one address get 429 (any usernames)', async () => {
    app = await buildTestApp({ LOGIN_RATE_LIMIT: 20 });
    const codes: number[] = [];
    for (let i = 0; i < 21; i += 1) codes.push((await attempt(`user${i}`, 'x', '10.9.9.8')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
  });
});

describe('M7: the sign-in and denial log', () => {
  type Entry = {
    event: string;
    username: string | null;
    ip: string;
    userAgent: string | null;
    status: number;
    code: string | null;
    path: string;
  };
  test('success, failure, lockout, throttling and 401/403 are recorded with address and user agent', async () => {
    app = await buildTestApp({ LOCKOUT_THRESHOLD: 2 });
    await addUser(app, 'wang', 'editor');
    const viewer = await signIn(app, 'vera', 'viewer');
    await app.inject({
      method: 'POST',
      url: LOGIN,
      remoteAddress: '10.1.1.1',
      headers: { 'user-agent': 'probe/1.0' },
      payload: { username: 'wang', password: 'bad' },
    });
    await attempt('wang', 'bad again', '10.1.1.2');
    await attempt('wang', PASSWORD, '10.1.1.3');
    await app.inject({ method: 'GET', url: '/api/v1/users', remoteAddress: '10.1.1.4', headers: viewer.headers });
    await app.inject({ method: 'GET', url: '/api/v1/users', remoteAddress: '10.1.1.5' });
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const log = expectStatus<Entry[]>(
      await app.inject({ method: 'GET', url: '/api/v1/security-log?limit=50', headers: admin.headers }),
      200,
    );
    const byIp = (ip: string) => log.find((e) => e.ip === ip);
    expect(byIp('10.1.1.1')).toMatchObject({
      event: 'login.failure',
      username: 'wang',
      userAgent: 'probe/1.0',
      status: 401,
    });
    expect(byIp('10.1.1.2')).toMatchObject({ event: 'login.locked', username: 'wang', code: 'account_locked' });
    expect(byIp('10.1.1.3')).toMatchObject({ event: 'login.locked', username: 'wang' });
    expect(byIp('10.1.1.4')).toMatchObject({
      event: 'request.denied',
      username: 'vera',
      status: 403,
      code: 'forbidden',
      path: '/api/v1/users',
    });
    expect(byIp('10.1.1.5')).toMatchObject({
      event: 'request.denied',
      username: null,
      status: 401,
      code: 'unauthorized',
    });
    expect(log.some((e) => e.event === 'login.success' && e.username === 'admin')).toBe(true);
    // readable by whoever reads the audit log (a reviewer), not by an editor
    const reviewer = await signIn(app, 'rita', 'reviewer');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/security-log', headers: reviewer.headers })).statusCode,
    ).toBe(200);
    const editor = await login(app, 'vera');
    expect((await app.inject({ method: 'GET', url: '/api/v1/security-log', headers: editor.headers })).statusCode).toBe(
      403,
    );
    // append-only
    expect(() => app.db.$client.prepare('DELETE FROM security_log').run()).toThrow(/append-only/);
  });

  test('a throttled sign-in is recorded as login.throttled', async () => {
    app = await buildTestApp({ LOCKOUT_THRESHOLD: 100 });
    for (let i = 0; i < 11; i += 1) await attempt('admin', `guess ${i}`, '10.2.2.2');
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const log = expectStatus<Entry[]>(
      await app.inject({ method: 'GET', url: '/api/v1/security-log?event=login.throttled', headers: admin.headers }),
      200,
    );
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ ip: '10.2.2.2', status: 429, username: 'admin' });
  });

  test('pages: limit, an opaque cursor in x-next-cursor, a bad cursor is a 400 problem', async () => {
    app = await buildTestApp();
    for (let i = 0; i < 5; i += 1)
      await app.inject({ method: 'GET', url: '/api/v1/users', remoteAddress: `10.3.3.${i + 1}` });
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const first = await app.inject({
      method: 'GET',
      url: '/api/v1/security-log?event=request.denied&limit=3',
      headers: admin.headers,
    });
    expect(first.json<Entry[]>().map((e) => e.ip)).toEqual(['10.3.3.5', '10.3.3.4', '10.3.3.3']);
    const cursor = String(first.headers['x-next-cursor']);
    const second = await app.inject({
      method: 'GET',
      url: `/api/v1/security-log?event=request.denied&limit=3&cursor=${cursor}`,
      headers: admin.headers,
    });
    expect(second.json<Entry[]>().map((e) => e.ip)).toEqual(['10.3.3.2', '10.3.3.1']);
    expect(second.headers['x-next-cursor']).toBeUndefined();
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/security-log?cursor=nonsense',
      headers: admin.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({ code: 'invalid_cursor', errors: [{ field: 'query.cursor' }] });
  });
});
