/**
 * A typed client generated from the served /openapi.json (openapi-typescript) type-checks calls to three
 * routes with openapi-fetch — and refuses wrong ones (`@ts-expect-error` lines fail the check if the
 * generated types ever become too loose to catch them). The generated `.d.ts` and the calls are written to
 * a directory inside tests (so that openapi-fetch resolves) and checked with the project's tsc.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildTestApp, expectStatus } from '../helpers/app.ts';

const TESTS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The workspace's TypeScript (7), not the TypeScript 5 that tests/ carries for openapi-typescript. */
const TSC = resolve(createRequire(resolve(TESTS, '../package.json')).resolve('typescript/package.json'), '../bin/tsc');

const CALLS = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });

export async function calls(): Promise<number> {
  const list = await client.GET('/api/v1/indicators', { params: { query: { plan: 'ganzhou-2021-2025' } } });
  const name: string | undefined = list.data?.[0]?.name;

  const put = await client.PUT('/api/v1/indicators/{code}/observations/{year}', {
    params: { path: { code: 'gdp', year: 2023 } },
    body: { value: '4800.00', dataStatus: 'final', source: '统计公报' },
  });
  const revisionNo: number | undefined = put.data?.revisionNo;
  const problemCode: string | undefined = put.error?.code;

  const approved = await client.POST('/api/v1/revisions/{id}/approve', { params: { path: { id: 1 } } });
  const state: 'pending' | 'approved' | 'returned' | undefined = approved.data?.reviewState;

  // @ts-expect-error: no such route
  await client.GET('/api/v1/no-such-route');
  // @ts-expect-error: a data status the API does not know
  await client.PUT('/api/v1/indicators/{code}/observations/{year}', { params: { path: { code: 'gdp', year: 2023 } }, body: { value: 1, dataStatus: 'guess', source: 's' } });
  // @ts-expect-error: the path parameter is missing
  await client.POST('/api/v1/revisions/{id}/approve', {});
  // @ts-expect-error: a reply field that does not exist
  const wrong: string | undefined = list.data?.[0]?.noSuchField;

  return [name, revisionNo, problemCode, state, wrong].length;
}
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2023',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM'],
    types: [],
    skipLibCheck: false,
  },
  include: ['*.ts'],
};

let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  app = await buildTestApp();
  dir = await mkdtemp(join(TESTS, '.generated-client-'));
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

async function typecheck(files: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return promisify(execFile)(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { cwd: dir })
    .then(() => '')
    .catch((error: { stdout?: string }) => error.stdout ?? 'tsc failed');
}

test('a client generated from /openapi.json type-checks calls to three routes, and refuses wrong ones', async () => {
  const doc = expectStatus<Record<string, unknown>>(await app.inject({ method: 'GET', url: '/openapi.json' }), 200);
  const types = astToString(await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]));
  expect(types).toContain('"/api/v1/indicators/{code}/observations/{year}"');
  expect(types).toMatch(/enterObservation: \{/); // operations are named by operationId
  const output = await typecheck({ 'api.d.ts': types, 'calls.ts': CALLS, 'tsconfig.json': JSON.stringify(TSCONFIG) });
  expect(output).toBe('');

  // the check can fail: a call with a wrong body type is reported
  const wrong = CALLS.replace("source: '统计公报'", 'source: 42');
  expect(await typecheck({ 'calls.ts': wrong })).toMatch(/calls\.ts\(\d+,\d+\): error TS2322/);
}, 120_000);
