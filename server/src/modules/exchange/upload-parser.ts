import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '@gz/shared';
import { type FieldError, problem } from '../../lib/problem.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import type { ImportMeta } from './import-run.ts';
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
  | { id: number; json: string }
  | { id: number; file: Uint8Array }
  | {
      id: number;
      problem: { code: ErrorCode; detail: string; errors?: FieldError[]; extra?: Record<string, unknown> };
    }
  | { id: number; failure: string };

interface Waiting {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/** An import to check and write in the worker, over its own connection to the database file `dbPath`. */
export interface ImportJob {
  buffer: Buffer;
  declared: 'xlsx' | 'csv';
  dbPath: string;
  actor: Actor;
  plan: PlanRow;
  meta: ImportMeta;
}

/**
 * Reads uploads (readUpload of workbook.ts) in a worker thread (SPEED, #13), so that the main thread keeps
 * answering while a 10,000-row workbook is unzipped and parsed. With a database file it also checks and writes a
 * large import there (import-run.ts over the worker's own connection), so that readers never wait on its write
 * transaction, and reads and writes xlsx exports there (export-rows.ts). One worker, started at the first upload
 * and ended when idle; or, with `warmFor` (the database file), started at once with its modules and connection
 * loaded and kept for the server's life, so that an import does not wait a second for them. The problems it finds are the same ProblemErrors the main thread throws.
 */
export function createUploadParser(options: { warmFor?: string } = {}) {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();
  let idle: NodeJS.Timeout | null = null;
  const keep = options.warmFor !== undefined;

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
      if ('problem' in reply) {
        const p = reply.problem;
        found.reject(problem(p.code, p.detail, p.errors, p.extra));
      } else if ('failure' in reply) found.reject(new Error(`the upload parser failed: ${reply.failure}`));
      else found.resolve(reply);
      if (waiting.size === 0 && !keep) {
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
    if (options.warmFor !== undefined) w.postMessage({ kind: 'warm', dbPath: options.warmFor });
    return w;
  }

  function send(message: Record<string, unknown>): Promise<Reply> {
    if (idle !== null) {
      clearTimeout(idle);
      idle = null;
    }
    worker ??= start();
    const id = nextId++;
    const w = worker;
    return new Promise<Reply>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ ...message, id });
    });
  }

  if (keep) worker = start();

  return {
    /** The file read as readUpload reads it, off the main thread. */
    async read(buffer: Buffer, declared: 'xlsx' | 'csv'): Promise<ReadSheet> {
      const reply = await send({ kind: 'read', declared, buffer: new Uint8Array(buffer) });
      if (!('sheet' in reply)) throw new Error('the upload parser answered a read without a sheet');
      return reply.sheet;
    },
    /**
     * The import read, checked and written off the main thread: its report as JSON text (an ImportReport), or the
     * ProblemError refusing it.
     */
    async importFile(job: ImportJob): Promise<string> {
      const { buffer, ...rest } = job;
      const reply = await send({ kind: 'import', ...rest, buffer: new Uint8Array(buffer) });
      if (!('json' in reply)) throw new Error('the upload parser answered an import without a report');
      return reply.json;
    },
    /**
     * The values export of a plan as an xlsx workbook (export-rows.ts, writeXlsx of workbook.ts), read over the
     * worker's own connection to the database file and written there.
     */
    async exportXlsx(job: { dbPath: string; plan: PlanRow }): Promise<Buffer> {
      const reply = await send({ kind: 'export', ...job });
      if (!('file' in reply)) throw new Error('the upload parser answered an export without a file');
      return Buffer.from(reply.file.buffer, reply.file.byteOffset, reply.file.byteLength);
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
