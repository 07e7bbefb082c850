/**
 * The worker thread that reads uploaded workbooks and CSV files (SPEED, #13): unzipping and parsing 10,000 rows
 * takes a second of CPU, which on the main thread would stall every reader. It answers each request
 * `{ id, buffer, declared }` with `{ id, sheet }`, or `{ id, problem }` for a file the API refuses (a ProblemError,
 * rebuilt on the other side), or `{ id, failure }` for anything else.
 */
import { parentPort } from 'node:worker_threads';
import { ProblemError } from '../../lib/problem.ts';
import { readUpload } from './workbook.ts';

const port = parentPort;
if (port === null) throw new Error('parse.worker.ts runs as a worker thread');

port.on('message', async (message: { id: number; buffer: Uint8Array; declared: 'xlsx' | 'csv' }) => {
  const { id } = message;
  try {
    const buffer = Buffer.from(message.buffer.buffer, message.buffer.byteOffset, message.buffer.byteLength);
    port.postMessage({ id, sheet: await readUpload(buffer, message.declared) });
  } catch (error) {
    if (error instanceof ProblemError) {
      const { code, message: detail, errors, extra } = error;
      port.postMessage({ id, problem: { code, detail, errors, extra } });
    } else port.postMessage({ id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
