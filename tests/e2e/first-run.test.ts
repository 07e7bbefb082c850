/**
 * The first run as a newcomer meets it: the real server process (`node --import tsx server/src/server.ts`,
 * what `pnpm start` runs after `pnpm build`) on a random loopback port and a fresh database, its stdout
 * read as a pipe (JSON log, then the plain-text banner); and `pnpm build` twice, the second skipping vite.
 *
 * Needs the web app built first (`npx -y pnpm@10.34.8 build`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const RULE = '─'.repeat(72);
const PLAN_LINE = '  Plan       ganzhou-2021-2025 · 赣州革命老区高质量发展示范区发展规划 (2021–2025, 36 indicators)';
const work = mkdtempSync(join(tmpdir(), 'gz-firstrun-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  rmSync(work, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  /** stdout lines before the banner (the log) */
  log: string[];
  banner: string[];
  port: number;
}

/** Starts the server and resolves once its banner (between two rules) is complete on stdout. */
async function startServer(env: Record<string, string>): Promise<Started> {
  const base = { ...process.env };
  delete base.ADMIN_PASSWORD;
  delete base.LOG_FORMAT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: ROOT,
    env: { ...base, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const text = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 90 s:\n${out}\n${err}`)), 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const first = out.indexOf(RULE);
      const end = first < 0 ? -1 : out.indexOf(`${RULE}\n`, first + RULE.length);
      if (end >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, end + RULE.length));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before its banner:\n${out}\n${err}`));
    });
  });
  const lines = text.split('\n');
  const top = lines.indexOf(RULE);
  const banner = lines.slice(top);
  const port = Number(/^ {2}Open {7}http:\/\/127\.0\.0\.1:(\d+)\//m.exec(text)?.[1]);
  return { child, log: lines.slice(0, top), banner, port };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const login = (port: number, username: string, password: string) =>
  fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('first start: the banner under the JSON log', () => {
  const dbPath = join(work, 'first.db');
  let password = '';

  it('prints the address, the plan and the generated admin password once; the password signs in', async () => {
    const s = await startServer({ DB_PATH: dbPath });
    try {
      expect(s.port).toBeGreaterThan(0);
      // stdout is a pipe: the log is one JSON object a line, and never holds the password
      const entries = s.log.filter((l) => l !== '').map((l) => JSON.parse(l) as { msg: string });
      expect(entries.map((e) => e.msg)).toContain(`Server listening at http://127.0.0.1:${s.port}`);
      const accountLine = /^ {4}user admin {3}role admin {3}password (\S+)$/;
      const account = s.banner.map((l) => accountLine.exec(l)).find((m) => m !== null);
      password = account?.[1] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(s.log.filter((l) => l.includes(password))).toEqual([]);
      expect(s.banner).toEqual([
        RULE,
        '  赣州示范区指标监测平台 · Ganzhou indicator tracker is listening',
        `  Open       http://127.0.0.1:${s.port}/`,
        `  API docs   http://127.0.0.1:${s.port}/docs`,
        PLAN_LINE,
        `  Database   ${dbPath}`,
        '  First start: account(s) created with generated passwords, shown only this once;',
        '  sign in and change them:',
        `    user admin   role admin   password ${password}`,
        RULE,
      ]);
      const page = await fetch(`http://127.0.0.1:${s.port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect((await login(s.port, 'admin', password)).status).toBe(200);
    } finally {
      await stop(s.child);
    }
  }, 120_000);

  it('a restart on the same database shows no account and no password; the password still signs in', async () => {
    expect(password).not.toBe('');
    const s = await startServer({ DB_PATH: dbPath, PUBLIC_READ: 'true' });
    try {
      expect(s.banner).toEqual([
        RULE,
        '  赣州示范区指标监测平台 · Ganzhou indicator tracker is listening',
        `  Open       http://127.0.0.1:${s.port}/`,
        `  API docs   http://127.0.0.1:${s.port}/docs`,
        PLAN_LINE,
        `  Database   ${dbPath}`,
        '  Reads      public (PUBLIC_READ=true): no sign-in needed to read',
        RULE,
      ]);
      expect([...s.log, ...s.banner].filter((l) => l.includes(password))).toEqual([]);
      expect((await login(s.port, 'admin', password)).status).toBe(200);
    } finally {
      await stop(s.child);
    }
  }, 120_000);

  it('API only when no web app is served; LOG_FORMAT=pretty gives readable lines, not JSON', async () => {
    const s = await startServer({
      DB_PATH: join(work, 'pretty.db'),
      WEB_DIST: '',
      LOG_FORMAT: 'pretty',
      ADMIN_PASSWORD: 'a-chosen-admin-password',
    });
    try {
      expect(s.banner[2]).toBe(
        `  Open       http://127.0.0.1:${s.port}/   (web app not built: API only; run \`npx -y pnpm@10.34.8 build\`)`,
      );
      // ADMIN_PASSWORD given: nothing generated, nothing shown
      expect(s.banner.some((l) => l.includes('password'))).toBe(false);
      const listening = s.log.find((l) => l.includes(`Server listening at http://127.0.0.1:${s.port}`));
      expect(listening).toMatch(/INFO/);
      expect(() => JSON.parse(listening ?? '')).toThrow();
    } finally {
      await stop(s.child);
    }
  }, 120_000);
});

describe('pnpm build before pnpm start', () => {
  it('a second build with unchanged sources does not run vite and leaves web/dist untouched', () => {
    const build = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/web-build.ts'], { cwd: ROOT, encoding: 'utf8' });
    const first = build();
    expect(first.status).toBe(0);
    const index = join(ROOT, 'web/dist/index.html');
    const before = statSync(index).mtimeMs;
    const second = build();
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^web app up to date: sources unchanged since the build of /);
    expect(second.stdout).not.toContain('building');
    expect(statSync(index).mtimeMs).toBe(before);
  }, 180_000);
});
