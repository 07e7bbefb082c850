/**
 * Runs the real server (`node --import tsx server/src/server.ts`) as a child process on loopback,
 * as production runs it: the benchmark measures it from outside, the crash tests kill it with SIGKILL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defined } from '../server/src/lib/invariant.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  pid: number;
  child: ChildProcess;
  /** resolves with the exit code, or the signal that ended the process */
  exited: Promise<number | NodeJS.Signals | null>;
  /** SIGTERM: the graceful shutdown production gets */
  stop(): Promise<void>;
  /** SIGKILL: the process dies wherever it is, mid-transaction included */
  kill(): Promise<void>;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts the server over the given database on a free loopback port and waits until /healthz answers.
 * `env` adds to (and overrides) the defaults: API only (no web app).
 */
export const startServer = (dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> =>
  startNode('server/src/server.ts', { WEB_DIST: '', DB_PATH: dbPath, ...env });

/**
 * Runs a TypeScript file of this repository that serves HTTP on HOST:PORT from its environment, on a
 * free loopback port, and waits until its /healthz answers. Its stdout (the log) goes to /dev/null, as
 * cheaply as possible; what it prints on stderr (a crash at start) is kept for the error message.
 */
export async function startNode(
  script: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let stderr = '';
  defined(child.stderr, 'child.stderr').on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited before listening:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within ${timeoutMs} ms:\n${stderr}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    pid: defined(child.pid, 'child.pid'),
    child,
    exited,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}

/** Signs in through the API; returns the headers of a cookie session (with the CSRF token for writes). */
export async function signInOver(
  url: string,
  username: string,
  password: string,
): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = defined(
    defined(
      res.headers.getSetCookie().find((c) => c.startsWith('gz_session=')),
      "res.headers .getSetCookie() .find((c) => c.startsWith('g...",
    ).split(';')[0],
    'defined(res.headers .getSetCookie() .find((c) => c.starts...',
  );
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}
