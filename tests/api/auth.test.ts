/**
 * Accounts: sign-in and sessions, the first admin, password storage, login throttling, API tokens.
 */
import { createHash } from 'node:crypto';
import { buildApp } from '@gz/server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ADMIN_PASSWORD,
  addUser,
  buildTestApp,
  expectStatus,
  freshAddress,
  login,
  PASSWORD,
  signIn,
  tokenFor,
  type Session,
} from '../helpers/app.ts';
import { defined } from '../../server/src/lib/invariant.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const LOGIN = '/api/v1/auth/login';
const gdpWrite = (value = '4800') => ({ value, dataStatus: 'preliminary', source: '2023年统计公报' });

describe('sessions', () => {
  let app: FastifyInstance;
  /** One login attempt from an address of its own (the throttle is tested apart). */
  const attempt = (payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: LOGIN, remoteAddress: freshAddress(), headers, payload });
  beforeAll(async () => {
    app = await buildTestApp();
    await addUser(app, 'wang', 'editor', ['stats']);
  });
  afterAll(() => app.close());

  test('the first start created admin with ADMIN_PASSWORD', async () => {
    const res = await attempt({ username: 'admin', password: ADMIN_PASSWORD });
    const body = expectStatus<{
      user: { username: string; role: string; units: string[]; active: boolean };
      csrfToken: string;
    }>(res, 200);
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin', units: [], active: true });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
  });

  test('login sets an httpOnly, SameSite=Strict session cookie and never returns the hash', async () => {
    const res = await attempt({ username: 'wang', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gz_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeUndefined(); // plain HTTP unless TRUST_PROXY
    expect(cookie?.value.length).toBeGreaterThanOrEqual(32);
    expect(res.body).not.toContain('argon2');
    expect(res.body).not.toMatch(/"password(Hash)?"|password_hash/i);
    // only the hash of the session id is stored
    const stored = app.db.$client
      .prepare<[], { id_hash: string }>('SELECT id_hash FROM sessions')
      .all()
      .map((r) => r.id_hash);
    expect(stored).toContain(sha256(defined(cookie, 'cookie').value));
    expect(stored).not.toContain(defined(cookie, 'cookie').value);
  });

  test('behind TRUST_PROXY the cookie is Secure', async () => {
    const proxied = await buildTestApp({ TRUST_PROXY: true });
    try {
      const res = await proxied.inject({
        method: 'POST',
        url: LOGIN,
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === 'gz_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  test('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await attempt({ username: 'wang', password: 'not the password' });
    const unknown = await attempt({ username: 'nobody', password: 'not the password' });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.cookies).toEqual([]);
    }
    const { instance: _a, ...a } = wrong.json() as Record<string, unknown>;
    const { instance: _b, ...b } = unknown.json() as Record<string, unknown>;
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 401, code: 'invalid_credentials', detail: 'Wrong username or password.' });
  });

  test('a login body without a password is a 400 naming the field', async () => {
    const res = await attempt({ username: 'wang' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain('body.password');
  });

  test('/auth/me returns the user and the CSRF token of the session', async () => {
    const s = await login(app, 'wang');
    const me = expectStatus<{ user: { username: string; role: string; units: string[] }; csrfToken: string }>(
      await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.headers.cookie } }),
      200,
    );
    expect(me.user).toMatchObject({ username: 'wang', role: 'editor', units: ['stats'] });
    expect(me.csrfToken).toBe(s.headers['x-csrf-token']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  test('logout ends the session and clears the cookie', async () => {
    const s = await login(app, 'wang');
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'gz_session');
    expect(cleared?.value).toBe('');
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/indicators/gdp', headers: s.headers })).statusCode).toBe(
      401,
    );
  });

  test('a stale cookie does not block a new login', async () => {
    const res = await attempt({ username: 'wang', password: PASSWORD }, { cookie: 'gz_session=stale' });
    expect(res.statusCode).toBe(200);
  });

  test('an unknown cookie reads as anonymous: 401', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/indicators', headers: { cookie: 'gz_session=made-up' } }))
        .statusCode,
    ).toBe(401);
  });

  test('passwords are stored as argon2id', () => {
    const hashes = app.db.$client
      .prepare<[], { username: string; password_hash: string }>('SELECT username, password_hash FROM users')
      .all();
    expect(hashes.map((h) => h.username).sort()).toEqual(['admin', 'wang']);
    for (const h of hashes) {
      expect(h.password_hash.startsWith('$argon2id$')).toBe(true);
      expect(h.password_hash).not.toContain(PASSWORD);
    }
  });

  test('a deactivated user cannot sign in and loses their sessions', async () => {
    const u = await addUser(app, 'leaver', 'viewer');
    const s = await login(app, 'leaver');
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    expectStatus(
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${u.id}`,
        headers: admin.headers,
        payload: { active: false },
      }),
      200,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers })).statusCode).toBe(401);
    const again = await attempt({ username: 'leaver', password: PASSWORD });
    expect(again.statusCode).toBe(401);
    expect((again.json() as { code: string }).code).toBe('invalid_credentials');
  });

  test('the last active admin cannot be demoted or deactivated (409 last_admin); with a second admin it can', async () => {
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    for (const [payload, field] of [
      [{ role: 'viewer' }, 'body.role'],
      [{ active: false }, 'body.active'],
    ] as const) {
      const res = await app.inject({ method: 'PATCH', url: '/api/v1/users/1', headers: admin.headers, payload });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'last_admin', errors: [{ field }] });
    }
    // an admin may still change their own units or password
    expectStatus(
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/users/1',
        headers: admin.headers,
        payload: { units: ['stats'] },
      }),
      200,
    );
    const second = await addUser(app, 'deputy', 'admin');
    const deputy = await login(app, 'deputy');
    expect(
      expectStatus<{ role: string }>(
        await app.inject({
          method: 'PATCH',
          url: '/api/v1/users/1',
          headers: deputy.headers,
          payload: { role: 'reviewer' },
        }),
        200,
      ).role,
    ).toBe('reviewer');
    // now deputy is the last one
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${second.id}`,
      headers: deputy.headers,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(409);
    expectStatus(
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/users/1',
        headers: deputy.headers,
        payload: { role: 'admin' },
      }),
      200,
    );
  });

  test('a taken username is a 409 naming body.username; an unknown user id a 404', async () => {
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'wang', password: PASSWORD, role: 'viewer' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'username_taken', errors: [{ field: 'body.username' }] });
    const missing = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/99999',
      headers: admin.headers,
      payload: { role: 'viewer' },
    });
    expect(missing.statusCode).toBe(404);
    const empty = await app.inject({ method: 'PATCH', url: '/api/v1/users/1', headers: admin.headers, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  test('a password change by an admin ends the old sessions; the new password works', async () => {
    const u = await addUser(app, 'forgetful', 'viewer');
    const s = await login(app, 'forgetful');
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    expectStatus(
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${u.id}`,
        headers: admin.headers,
        payload: { password: 'A brand new password 7' },
      }),
      200,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers })).statusCode).toBe(401);
    expect((await attempt({ username: 'forgetful', password: PASSWORD })).statusCode).toBe(401);
    expect((await attempt({ username: 'forgetful', password: 'A brand new password 7' })).statusCode).toBe(200);
  });
});

describe('first start without ADMIN_PASSWORD', () => {
  test('creates admin with a generated password that signs in; kept for the banner, never logged', async () => {
    const lines: string[] = [];
    const logger = { level: 'info', stream: { write: (line: string) => lines.push(line) } };
    const app = await buildApp({ config: { DB_PATH: ':memory:', WEB_DIST: '' }, logger });
    await app.ready();
    try {
      expect(app.generatedAccounts).toHaveLength(1);
      const [account] = app.generatedAccounts;
      expect(account).toMatchObject({ username: 'admin', role: 'admin' });
      const password = account?.password ?? '';
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(lines.filter((l) => l.includes('generated password'))).toHaveLength(1);
      expect(lines.filter((l) => l.includes(password))).toEqual([]);
      const res = await app.inject({ method: 'POST', url: LOGIN, payload: { username: 'admin', password } });
      expect(res.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('with ADMIN_PASSWORD nothing is generated', async () => {
    const app = await buildTestApp();
    try {
      expect(app.generatedAccounts).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('session lifetime', () => {
  test('an expired session is refused', async () => {
    // 0.000001 h = 3.6 ms: expired by the next request
    const app = await buildTestApp({ SESSION_TTL_HOURS: 0.000001 });
    try {
      const s = await login(app, 'admin', ADMIN_PASSWORD);
      await new Promise((r) => setTimeout(r, 10));
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('login throttling', () => {
  test('the 11th attempt within a minute from one address gets 429, even with the right password', async () => {
    const app = await buildTestApp({ LOCKOUT_THRESHOLD: 100 }); // the account lockout is tested in sec-accounts.test.ts
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        statuses.push(
          (await app.inject({ method: 'POST', url: LOGIN, payload: { username: 'admin', password: `guess ${i}` } }))
            .statusCode,
        );
      }
      expect(statuses).toEqual(Array(10).fill(401));
      const blocked = await app.inject({
        method: 'POST',
        url: LOGIN,
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(blocked.json()).toMatchObject({ status: 429, title: 'Too Many Requests', code: 'too_many_requests' });
      expect(blocked.headers['retry-after']).toBeDefined();
      // another address is not throttled
      const elsewhere = await app.inject({
        method: 'POST',
        url: LOGIN,
        remoteAddress: '127.0.0.9',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(elsewhere.statusCode).toBe(200);
      // other routes are not throttled
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('API tokens', () => {
  let app: FastifyInstance;
  let editor: Session;
  let viewer: Session;
  let admin: Session;
  beforeAll(async () => {
    app = await buildTestApp();
    editor = await signIn(app, 'wang', 'editor', ['stats']);
    viewer = await signIn(app, 'vera', 'viewer');
    admin = await login(app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => app.close());

  test('the token is shown once: in the create reply only; the database keeps its SHA-256', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: editor.headers,
      payload: { name: 'etl', scope: 'write' },
    });
    const created = expectStatus<{
      id: number;
      token: string;
      prefix: string;
      scope: string;
      owner: string;
      lastUsedAt: null;
      revokedAt: null;
    }>(res, 201);
    expect(created).toMatchObject({ scope: 'write', owner: 'wang', lastUsedAt: null, revokedAt: null });
    expect(created.token).toMatch(/^gzt_[A-Za-z0-9_-]{40,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);

    const row = defined(
      app.db.$client
        .prepare<[number], Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = ?')
        .get(created.id),
      'app.db.$client .prepare<[number], Record<string, unknown>...',
    );
    expect(row.token_hash).toBe(sha256(created.token));
    expect(Object.values(row)).not.toContain(created.token);

    const list = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: editor.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.token);
    expect((list.json() as Array<{ id: number }>).map((t) => t.id)).toContain(created.id);
    // the audit entry does not hold the token either
    const audit = app.db.$client
      .prepare<[], { after: string }>(`SELECT after FROM audit_log WHERE action = 'token.create'`)
      .all();
    for (const a of audit) expect(a.after).not.toContain(created.token);
  });

  test('a read token reads but cannot write (403); a write token writes with its owner’s role', async () => {
    const read = await tokenFor(app, editor, 'read');
    const write = await tokenFor(app, editor, 'write');
    expect((await app.inject({ method: 'GET', url: '/api/v1/indicators/gdp', headers: read })).statusCode).toBe(200);
    const refused = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2023',
      headers: read,
      payload: gdpWrite(),
    });
    expect(refused.statusCode).toBe(403);
    expect((refused.json() as { code: string }).code).toBe('forbidden');
    // no CSRF header needed with a bearer token
    const ok = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2023',
      headers: write,
      payload: gdpWrite(),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // the owner is an editor of 市统计局 (stats): another unit's indicator is refused
    const other = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/grain_capacity/observations/2023',
      headers: write,
      payload: gdpWrite('51.9'),
    });
    expect(other.statusCode).toBe(403);
    expect((other.json() as { code: string }).code).toBe('not_your_unit');
    // the write is attributed to the owner and the token
    const entry = defined(
      app.db.$client
        .prepare<[], { username: string; token_id: number | null }>(
          `SELECT username, token_id FROM audit_log WHERE action = 'observation.write' ORDER BY id DESC LIMIT 1`,
        )
        .get(),
      'app.db.$client .prepare<[], { username: string; token_id:...',
    );
    expect(entry.username).toBe('wang');
    expect(entry.token_id).not.toBeNull();
  });

  test('a viewer’s write token still cannot write: the token has the owner’s role', async () => {
    const write = await tokenFor(app, viewer, 'write');
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2023',
      headers: write,
      payload: gdpWrite(),
    });
    expect(res.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: write })).statusCode).toBe(403);
  });

  test('an admin’s read token cannot create users; the write token can', async () => {
    const read = await tokenFor(app, admin, 'read');
    const write = await tokenFor(app, admin, 'write');
    const body = { username: 'via-token', password: PASSWORD, role: 'viewer' };
    expect((await app.inject({ method: 'POST', url: '/api/v1/users', headers: read, payload: body })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: read })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/v1/users', headers: write, payload: body })).statusCode).toBe(
      201,
    );
  });

  test('a token cannot create further tokens', async () => {
    const write = await tokenFor(app, editor, 'write');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: write,
      payload: { name: 'child', scope: 'write' },
    });
    expect(res.statusCode).toBe(403);
  });

  test('last_used_at is set on use', async () => {
    const read = await tokenFor(app, editor, 'read');
    const id = defined(
      app.db.$client.prepare<[], { id: number }>('SELECT max(id) AS id FROM api_tokens').get(),
      "app.db.$client.prepare<[], { id: number }>('SELECT max(i...",
    ).id;
    const lastUsed = () =>
      defined(
        app.db.$client
          .prepare<[number], { last_used_at: string | null }>('SELECT last_used_at FROM api_tokens WHERE id = ?')
          .get(id),
        'app.db.$client .prepare<[number], { last_used_at: string ...',
      ).last_used_at;
    expect(lastUsed()).toBeNull();
    const before = new Date().toISOString();
    expectStatus(await app.inject({ method: 'GET', url: '/api/v1/plans', headers: read }), 200);
    const at = lastUsed();
    expect(at).not.toBeNull();
    expect(defined(at, 'at') >= before).toBe(true);
  });

  test('a revoked token gets 401; revoking twice is a 404', async () => {
    const write = await tokenFor(app, editor, 'write');
    const id = defined(
      app.db.$client.prepare<[], { id: number }>('SELECT max(id) AS id FROM api_tokens').get(),
      "app.db.$client.prepare<[], { id: number }>('SELECT max(i...",
    ).id;
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: editor.headers })).statusCode,
    ).toBe(204);
    const res = await app.inject({ method: 'GET', url: '/api/v1/indicators', headers: write });
    expect(res.statusCode).toBe(401);
    expect((res.json() as { code: string }).code).toBe('invalid_token');
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: editor.headers })).statusCode,
    ).toBe(404);
  });

  test('someone else’s token is not found for a non-admin; an admin revokes any', async () => {
    await tokenFor(app, editor, 'read');
    const id = defined(
      app.db.$client.prepare<[], { id: number }>('SELECT max(id) AS id FROM api_tokens').get(),
      "app.db.$client.prepare<[], { id: number }>('SELECT max(i...",
    ).id;
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: viewer.headers })).statusCode,
    ).toBe(404);
    const viewerList = (
      await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: viewer.headers })
    ).json() as Array<{ owner: string }>;
    expect(viewerList.every((t) => t.owner === 'vera')).toBe(true);
    const adminList = (
      await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: admin.headers })
    ).json() as Array<{ owner: string }>;
    expect(new Set(adminList.map((t) => t.owner))).toEqual(new Set(['wang', 'vera', 'admin']));
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: admin.headers })).statusCode,
    ).toBe(204);
  });

  test.each([['Bearer nonsense'], ['Bearer '], ['Basic dXNlcjpwYXNz'], ['gzt_abc']])(
    'Authorization: %s → 401 invalid_token',
    async (authorization) => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/indicators', headers: { authorization } });
      expect(res.statusCode).toBe(401);
      expect((res.json() as { code: string }).code).toBe('invalid_token');
    },
  );

  test('a deactivated owner’s tokens stop working', async () => {
    const u = await addUser(app, 'temp-editor', 'editor', ['stats']);
    const s = await login(app, 'temp-editor');
    const write = await tokenFor(app, s, 'write');
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: write })).statusCode).toBe(200);
    expectStatus(
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${u.id}`,
        headers: admin.headers,
        payload: { active: false },
      }),
      200,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: write })).statusCode).toBe(401);
  });
});
