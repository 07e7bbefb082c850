/**
 * The worker thread that reads uploaded workbooks and CSV files (SPEED, #13): unzipping and parsing 10,000 rows
 * takes a second of CPU, which on the main thread would stall every reader. It answers each request
 * `{ id, kind: 'read', buffer, declared }` with `{ id, sheet }`, and `{ id, kind: 'import', …, dbPath }` with
 * `{ id, json }` (the report as JSON) after checking and writing the import over this thread's own connection (import-run.ts), or
 * `{ id, problem }` for a file the API refuses (a ProblemError, rebuilt on the other side), or `{ id, failure }`
 * for anything else. `{ id, kind: 'export', dbPath, plan }` is answered with `{ id, file }`: the plan's xlsx export,
 * read over this thread's connection and written here, so that the main thread keeps answering meanwhile
 * (2,000 indicators × 16 years take seconds). `{ kind: 'warm', dbPath }` loads the modules, opens the connection
 * and reads a small file once, so that the first large import does not wait for them.
 */
import { parentPort } from 'node:worker_threads';
import { ProblemError } from '../../lib/problem.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import { importDepsFor } from './import-connection.ts';
import { runImport, type ImportMeta } from './import-run.ts';
import { exportRows } from './export-rows.ts';
import { readUpload, writeXlsx } from './workbook.ts';

const port = parentPort;
if (port === null) throw new Error('parse.worker.ts runs as a worker thread');

type Request =
  | { kind: 'read'; id: number; buffer: Uint8Array; declared: 'xlsx' | 'csv' }
  | {
      kind: 'import';
      id: number;
      buffer: Uint8Array;
      declared: 'xlsx' | 'csv';
      dbPath: string;
      actor: Actor;
      plan: PlanRow;
      meta: ImportMeta;
    }
  | { kind: 'export'; id: number; dbPath: string; plan: PlanRow }
  | { kind: 'warm'; dbPath: string };

const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

async function warm(dbPath: string) {
  importDepsFor(dbPath);
  await readUpload(await writeXlsx([]), 'xlsx');
}

port.on('message', async (message: Request) => {
  if (message.kind === 'warm') {
    // a failure here (a file not migrated yet) shows again, and is answered, at the first import
    await warm(message.dbPath).catch(() => undefined);
    return;
  }
  const { id } = message;
  try {
    if (message.kind === 'export') {
      const file = await writeXlsx(exportRows(importDepsFor(message.dbPath), message.plan));
      // handed over, not copied, when the file fills an ArrayBuffer of its own (never Node's shared pool of small
      // buffers, which a transfer would take away from this thread); otherwise copied into one first
      const own = file.byteOffset === 0 && file.byteLength === file.buffer.byteLength ? file : new Uint8Array(file);
      port.postMessage({ id, file: own }, [own.buffer as ArrayBuffer]);
      return;
    }
    const sheet = await readUpload(bufferOf(message.buffer), message.declared);
    if (message.kind === 'read') port.postMessage({ id, sheet });
    else {
      const report = runImport(importDepsFor(message.dbPath), message.actor, message.plan, sheet, message.meta);
      // as JSON text: one string crosses to the main thread, not 10,000 objects it would copy and check again
      port.postMessage({ id, json: JSON.stringify(report) });
    }
  } catch (error) {
    if (error instanceof ProblemError) {
      const { code, message: detail, errors, extra } = error;
      port.postMessage({ id, problem: { code, detail, errors, extra } });
    } else port.postMessage({ id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
