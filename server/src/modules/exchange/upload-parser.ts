import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '@gz/shared';
import { type FieldError, problem } from '../../lib/problem.ts';
import type { ReadSheet } from './workbook.ts';

/**
 * The size from which an upload is read in the worker: a workbook of about 1,000 rows (zipped, about 35 bytes a
 * row), a CSV of about 1,000 rows (about 125 bytes a row, and read several times faster). Smaller files are read
 * on the main thread in a few milliseconds, less than handing them to a thread costs.
 */
export const offThreadFrom = (buffer: Buffer): number =>
  buffer.subarray(0, 2).toString('latin1') === 'PK' ? 32_768 : 131_072;

/** A worker idle this long ends (its parser holds tens of MiB); the next upload starts another. */
const IDLE_MS = 60_000;

type Reply =
  | { id: number; sheet: ReadSheet }
  | {
      id: number;
      problem: { code: ErrorCode; detail: string; errors?: FieldError[]; extra?: Record<string, unknown> };
    }
  | { id: number; failure: string };

interface Waiting {
  resolve(sheet: ReadSheet): void;
  reject(error: Error): void;
}

/**
 * Reads uploads (readUpload of workbook.ts) in a worker thread (SPEED, #13), so that the main thread keeps
 * answering while a 10,000-row workbook is unzipped and parsed. One worker, started at the first upload and
 * ended when idle; the problems it finds are the same ProblemErrors readUpload throws.
 */
export function createUploadParser() {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();
  let idle: NodeJS.Timeout | null = null;

  function stop() {
    const w = worker;
    worker = null;
    if (w !== null) void w.terminate();
  }

  function failAll(error: Error) {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  }

  function start(): Worker {
    // parse.worker.mjs registers tsx in the worker, then loads parse.worker.ts (threads do not share loaders)
    const w = new Worker(new URL('./parse.worker.mjs', import.meta.url), { execArgv: [] });
    w.unref();
    w.on('message', (reply: Reply) => {
      const found = waiting.get(reply.id);
      if (found === undefined) return;
      waiting.delete(reply.id);
      if ('sheet' in reply) found.resolve(reply.sheet);
      else if ('problem' in reply) {
        const p = reply.problem;
        found.reject(problem(p.code, p.detail, p.errors, p.extra));
      } else found.reject(new Error(`the upload parser failed: ${reply.failure}`));
      if (waiting.size === 0) {
        idle = setTimeout(stop, IDLE_MS);
        idle.unref();
      }
    });
    w.on('error', (error) => {
      if (worker === w) worker = null;
      failAll(error);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (waiting.size > 0) failAll(new Error(`the upload parser ended (exit code ${code})`));
    });
    return w;
  }

  return {
    /** The file read as readUpload reads it, off the main thread. */
    read(buffer: Buffer, declared: 'xlsx' | 'csv'): Promise<ReadSheet> {
      if (idle !== null) {
        clearTimeout(idle);
        idle = null;
      }
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<ReadSheet>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ id, buffer: new Uint8Array(buffer), declared });
      });
    },
    /** Ends the worker (the app closes). */
    close() {
      if (idle !== null) clearTimeout(idle);
      failAll(new Error('the server is closing'));
      stop();
    },
  };
}
export type UploadParser = ReturnType<typeof createUploadParser>;
