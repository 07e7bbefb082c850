/**
 * /openapi.json passes Redocly's recommended ruleset with no error and no warning (its CLI, run on the
 * document the app serves), and every operation carries what clients and linters rely on: a stable
 * camelCase operationId named after the action, tags, a 2xx reply and the 4xx problem replies. A
 * route added later without them fails here.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, expectStatus } from '../helpers/app.ts';

interface Operation {
  operationId?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  servers?: Array<{ url: string }>;
}

const REDOCLY = resolve(createRequire(import.meta.url).resolve('@redocly/cli/package.json'), '../bin/cli.js');

let app: FastifyInstance;
let doc: OpenApiDoc;
let operations: Array<[string, Operation]>;

beforeAll(async () => {
  app = await buildTestApp();
  doc = expectStatus<OpenApiDoc>(await app.inject({ method: 'GET', url: '/openapi.json' }), 200);
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
  );
});
afterAll(() => app.close());

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: Array<{ pointer?: string }>;
}

describe('Redocly lint (recommended rules)', () => {
  test('no error and no warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gz-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      // exit code 1 on errors; the JSON report lists warnings too
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [REDOCLY, 'lint', '--extends', 'recommended', '--format', 'json', '--max-problems', '1000', file],
        {
          maxBuffer: 16 * 1024 * 1024,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        },
      ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { totals: unknown; problems: LintProblem[] };
      const problems = report.problems.map(
        (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`,
      );
      expect(problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('the linter does fail on a document with a problem (so the test above can fail)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gz-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      const broken = structuredClone(doc) as OpenApiDoc;
      delete broken.servers;
      const first = Object.values(Object.values(broken.paths)[0] ?? {})[0];
      if (first) delete first.operationId;
      await writeFile(file, JSON.stringify(broken));
      const result = await promisify(execFile)(
        process.execPath,
        [REDOCLY, 'lint', '--extends', 'recommended', '--format', 'json', file],
        {
          maxBuffer: 16 * 1024 * 1024,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        },
      ).catch((error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? '', code: error.code }));
      const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { problems: LintProblem[] };
      expect(report.problems.map((p) => p.ruleId).sort()).toEqual(['no-empty-servers', 'operation-operationId']);
      expect('code' in result ? result.code : 0).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('every operation', () => {
  test('has a unique camelCase operationId named after the action', () => {
    const ids = operations.map(([, op]) => op.operationId);
    for (const [key, op] of operations) expect(op.operationId, key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    // stable names clients are generated with
    const byKey = Object.fromEntries(operations.map(([key, op]) => [key, op.operationId]));
    expect(byKey['GET /api/v1/indicators']).toBe('listIndicators');
    expect(byKey['PUT /api/v1/indicators/{code}/observations/{year}']).toBe('enterObservation');
    expect(byKey['POST /api/v1/revisions/{id}/approve']).toBe('approveRevision');
  });

  test('has tags, a 2xx reply with a schema (or 204) and documents 400 and its other problem replies', () => {
    for (const [key, op] of operations) {
      expect(op.tags?.length, key).toBeGreaterThan(0);
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect(success.length, key).toBeGreaterThan(0);
      for (const [status, reply] of success) {
        if (status === '204') continue;
        const schemas = Object.values(reply.content ?? {}).map((c) => c.schema);
        expect(schemas.length > 0 && schemas.every((s) => s !== undefined), `${key} ${status}`).toBe(true);
      }
      expect(Object.keys(op.responses), key).toContain('400');
      for (const [status, reply] of Object.entries(op.responses).filter(([s]) => s.startsWith('4'))) {
        expect(Object.keys(reply.content ?? {}), `${key} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });

  test('writes under /api document 401, 403 and 429; role-restricted reads 401 and 403', () => {
    for (const [key, op] of operations) {
      const [method, path] = key.split(' ');
      if (!path?.startsWith('/api/') || method === 'GET' || key === 'POST /api/v1/auth/login') continue;
      expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(['401', '403', '429']));
    }
    expect(Object.keys(doc.paths['/api/v1/users']?.get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403']);
    expect(Object.keys(doc.paths['/healthz']?.get?.responses ?? {}).sort()).toEqual(['200', '400']);
  });
});
