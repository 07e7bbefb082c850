import type { FastifyInstance } from 'fastify';
import { expectStatus, type Session } from './app.ts';

/** A multipart/form-data body with one file in the field `file`. */
export function multipartFile(filename: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = `----gz${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A small but real PDF (one empty page). */
export function tinyPdf(text = 'evidence'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** A task on a measure, created by the office (a reviewer's session). */
export interface TaskInput {
  measureId?: string;
  projectId?: string;
  title?: string;
  leadUnit?: string | null;
  contributingUnits?: string[];
  startDate?: string;
  dueDate?: string;
  milestones?: { title: string; dueDate: string }[];
  indicatorCodes?: string[];
}

/** Creates a task through the API and returns the reply. */
export async function createTask(app: FastifyInstance, office: Session, input: TaskInput, asOf?: string) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/tasks${asOf ? `?asOf=${asOf}` : ''}`,
    headers: office.headers,
    payload: {
      title: '推进任务',
      leadUnit: 'ndrc',
      contributingUnits: [],
      startDate: '2026-06-01',
      dueDate: '2026-12-31',
      milestones: [],
      ...input,
    },
  });
  return expectStatus<{ id: number; status: { status: string; colour: string }; milestones: { id: number }[] }>(
    res,
    201,
  );
}
