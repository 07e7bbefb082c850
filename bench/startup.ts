/**
 * `pnpm start` as a person types it (`npx -y pnpm@10.34.8 start`), timed from the command to the
 * start-up banner (printed once the server listens):
 *  - cold start: the web app built (as on a fresh clone; WEB_BUILD_FORCE=1) and an empty database
 *    (migrations, seed, first admin with a generated password);
 *  - warm restart: the same command again with unchanged sources and the same database: no build.
 * The dependency install (`pnpm install`) is not part of either figure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './server-process.ts';

export interface StartRun {
  /** from the command to the banner (the server listens) */
  listeningMs: number;
  /** from the command to the end of the `pnpm build` step (vite run or skipped) */
  buildStepMs: number;
  /** whether vite ran */
  rebuilt: boolean;
  /** what the build step printed */
  buildLine: string;
}

const RULE = '─'.repeat(72);

async function timedStart(env: Record<string, string>, port: number): Promise<StartRun> {
  const base = { ...process.env };
  delete base.ADMIN_PASSWORD;
  delete base.WEB_BUILD_FORCE;
  const t0 = performance.now();
  const child: ChildProcess = spawn('npx', ['-y', 'pnpm@10.34.8', 'start'], {
    cwd: REPO_ROOT,
    env: { ...base, HOST: '127.0.0.1', PORT: String(port), LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // its own process group: pnpm, sh, tsx and node all stop with one signal
    detached: true,
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let out = '';
  let err = '';
  let buildStepMs = Number.NaN;
  let buildLine = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-4000);
  });
  try {
    const listeningMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`pnpm start: no banner within 300 s\n${out.slice(-4000)}\n${err}`)),
        300_000,
      );
      child.once('exit', (code) =>
        reject(new Error(`pnpm start exited (${code}) before listening\n${out.slice(-4000)}\n${err}`)),
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = /^web app (built|up to date).*$/m.exec(out);
        if (line && buildLine === '') {
          buildLine = line[0];
          buildStepMs = performance.now() - t0;
        }
        if (out.includes(`${RULE}\n`) && out.includes('  Open ')) {
          clearTimeout(timer);
          resolve(performance.now() - t0);
        }
      });
    });
    return { listeningMs, buildStepMs, rebuilt: buildLine.startsWith('web app built'), buildLine };
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

/** Cold start, then warm restart, over a fresh database in `work`. */
export async function measureStartup(
  work: string,
  port: () => Promise<number>,
): Promise<{ cold: StartRun; warm: StartRun }> {
  const DB_PATH = join(work, 'startup.db');
  const cold = await timedStart({ DB_PATH, WEB_BUILD_FORCE: '1' }, await port());
  const warm = await timedStart({ DB_PATH }, await port());
  return { cold, warm };
}
