import { buildApp } from '@gz/server';
import type { Config } from '@gz/server/config.ts';
import { createUsersRepository } from '@gz/server/modules/users/users.repository.ts';
import { createUser } from '@gz/server/modules/users/users.service.ts';
import type { Role } from '@gz/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export const ADMIN_PASSWORD = 'admin-test-password';
export const PASSWORD = 'Correct horse battery 9';
export const PLAN_ID = 'ganzhou-2021-2025';

/** A fresh app over an in-memory database, seeded, with the first admin created. */
export async function buildTestApp(config: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config: { DB_PATH: ':memory:', ADMIN_PASSWORD, WEB_DIST: '', ...config } });
  await app.ready();
  return app;
}

/** Credentials of a signed-in user for `inject`: the cookie and the CSRF header. */
export interface Session {
  username: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Creates a user directly in the database (no API call, no audit entry); `units` are unit codes (e.g. stats). */
export async function addUser(app: FastifyInstance, username: string, role: Role, units: string[] = []) {
  return createUser(createUsersRepository(app.db), { username, password: PASSWORD, role, units });
}

let addressCount = 0;

/**
 * A loopback address not used before in this test file. Login is throttled to 10 attempts a minute
 * per address, and a test file signs in more people than that: each sign-in comes from its own.
 */
export function freshAddress(): string {
  addressCount += 1;
  return `127.1.${(addressCount >> 8) & 255}.${addressCount & 255}`;
}

/** Signs in through the API (from a fresh address, see freshAddress). */
export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: freshAddress(),
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gz_session');
  if (!cookie) throw new Error('no session cookie');
  return {
    username,
    headers: { cookie: `gz_session=${cookie.value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken },
  };
}

/** Creates a user and signs them in. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  role: Role,
  units: string[] = [],
): Promise<Session> {
  await addUser(app, username, role, units);
  return login(app, username);
}

/** Creates an API token for a signed-in user and returns the Authorization header. */
export async function tokenFor(app: FastifyInstance, session: Session, scope: 'read' | 'write') {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: session.headers,
    payload: { name: `${scope} token`, scope },
  });
  if (res.statusCode !== 201) throw new Error(`token: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${(res.json() as { token: string }).token}` };
}

/** Parses a JSON reply, failing loudly with the body when the status is not the expected one. */
export function expectStatus<T = unknown>(res: LightMyRequestResponse, status: number): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return (res.body === '' ? null : res.json()) as T;
}
