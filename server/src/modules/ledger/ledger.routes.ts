import multipart from '@fastify/multipart';
import {
  AlignmentSchema,
  MeasureLinkSchema,
  QueuedReportSchema,
  KeyProjectBoxSchema,
  LedgerImportRejectedSchema,
  LedgerImportReportSchema,
  LedgerReportSectionSchema,
  MeasureDetailSchema,
  MeasureSummarySchema,
  PolicyDocumentSchema,
  ReturnReasonSchema,
  TaskReportSchema,
  TaskReportWriteSchema,
  TaskSchema,
  TaskStatusSchema,
  TaskWriteSchema,
  EvidenceSchema,
} from '@gz/shared';
import type { Task } from '@gz/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemContent, problems, QueryBoolean } from '../../lib/http.ts';
import { actorOf } from '../../plugins/auth.ts';
import { invalidField, ProblemError, problem } from '../../lib/problem.ts';
import { attachmentDisposition, MAX_EVIDENCE_BYTES } from './evidence.ts';
import type { LedgerExchange } from './ledger.exchange.ts';
import { todayIso, type LedgerService } from './ledger.service.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AsOf = z.iso.date().optional().describe('evaluation date of statuses (YYYY-MM-DD); default today (UTC)');
const IdParam = z.object({ id: z.coerce.number().int().positive() });
const MeasureId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const DocumentId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const LEDGER_IMPORT_LIMIT = 10 * 1024 * 1024;

/**
 * What a caller who is not signed in (PUBLIC_READ) sees of a task: its status (computed from approved
 * reports only) but no report that is not approved, and never who submitted or reviewed, nor evidence.
 */
function forAudience<T extends Task>(request: FastifyRequest, task: T): T {
  if (request.principal) return task;
  const r = task.latestReport;
  return {
    ...task,
    latestReport:
      r && r.state === 'approved'
        ? { ...r, submittedBy: null, reviewedBy: null, reviewNote: null, evidence: [] }
        : null,
  };
}

/** Multipart parse failures are the client's; limits already carry their 4xx. */
function asClientError(error: unknown): unknown {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof ProblemError || (typeof status === 'number' && status >= 400 && status < 500)) return error;
  return problem('unreadable_upload', 'The multipart/form-data body cannot be read.', [
    { field: 'file', message: 'malformed multipart body' },
  ]);
}

/** The one file of a multipart form (field `file`), read up to `maxBytes` (+1 so that "one byte too many" is seen). */
async function fileOf(request: FastifyRequest, maxBytes: number): Promise<{ filename: string; buffer: Buffer }> {
  if (!request.isMultipart()) {
    throw problem('unsupported_media_type', 'Send the file as multipart/form-data in the field "file".');
  }
  try {
    const part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 10 } });
    if (!part) throw invalidField('file', 'the form has no file');
    if (part.fieldname !== 'file')
      throw invalidField('file', `send the file in the field "file", not "${part.fieldname}"`);
    const buffer = await part.toBuffer();
    return { filename: part.filename || 'file', buffer };
  } catch (error) {
    throw asClientError(error);
  }
}

/**
 * The measures ledger (任务台账) under /api/v1: documents and measures with their alignment, key
 * projects, tasks, progress reports with review, evidence files, the ledger workbook and the data of
 * the report section 重点任务落实情况. Multipart lives in this plugin's scope only.
 */
export const ledgerRoutes: FastifyPluginAsyncZod<{ service: LedgerService; exchange: LedgerExchange }> = async (
  app,
  { service, exchange },
) => {
  await app.register(multipart, { limits: { fileSize: MAX_EVIDENCE_BYTES + 1, files: 1 } });
  app.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: LEDGER_IMPORT_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
  const tags = ['ledger'];

  app.get(
    '/documents',
    {
      schema: {
        operationId: 'listPolicyDocuments',
        tags,
        summary: 'Policy documents of the ledger (2026 urban opinions: central partial, Jiangxi, Ganzhou)',
        response: { 200: z.array(PolicyDocumentSchema), ...problems(401) },
      },
    },
    async () => service.documents(),
  );

  app.get(
    '/documents/:id/measures',
    {
      schema: {
        operationId: 'listDocumentMeasures',
        tags,
        summary: 'The numbered measures of a document, with section and task roll-up',
        params: z.object({ id: DocumentId }),
        querystring: z.object({ asOf: AsOf }),
        response: { 200: z.array(MeasureSummarySchema), ...problems(400, 401, 404) },
      },
    },
    async (request) => service.measuresOf(request.params.id, request.query.asOf ?? todayIso()),
  );

  app.get(
    '/measures/:id',
    {
      schema: {
        operationId: 'getMeasure',
        tags,
        summary: 'One measure: its printed text, the measures it is aligned to (alignedTo) and its tasks',
        params: z.object({ id: MeasureId }),
        querystring: z.object({ asOf: AsOf }),
        response: { 200: MeasureDetailSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const m = service.measure(request.params.id, request.query.asOf ?? todayIso());
      return { ...m, tasks: m.tasks.map((t) => forAudience(request, t)) };
    },
  );

  app.get(
    '/alignment',
    {
      schema: {
        operationId: 'getAlignment',
        tags,
        summary: 'Every measure of every level with its links and roll-up, and the tasks without a lead unit',
        querystring: z.object({ asOf: AsOf }),
        response: { 200: AlignmentSchema, ...problems(400, 401) },
      },
    },
    async (request) => service.alignment(request.query.asOf ?? todayIso()),
  );

  app.post(
    '/measure-links',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'createMeasureLink',
        tags,
        summary: 'Link a measure to the higher-level one it passes down (city → province → central)',
        body: z.object({ from: MeasureId, to: MeasureId, evidence: z.string().trim().max(200).nullish() }),
        response: { 201: MeasureLinkSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(service.addLink(actorOf(request), request.body.from, request.body.to, request.body.evidence ?? null)),
  );

  app.delete(
    '/measure-links/:id',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'deleteMeasureLink',
        tags,
        summary: 'Remove an alignment link (a default one included)',
        params: IdParam,
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      service.removeLink(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/key-projects',
    {
      schema: {
        operationId: 'listKeyProjects',
        tags,
        summary: "The plan's key projects, 专栏1–9",
        response: { 200: z.array(KeyProjectBoxSchema), ...problems(401) },
      },
    },
    async () => service.keyProjects(),
  );

  app.post(
    '/tasks',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'createTask',
        tags,
        summary: 'Split a measure or key project into a task (lead unit, contributing units, period, milestones)',
        description:
          'Give exactly one of `measureId` and `projectId`. The reply carries the computed `status`. Unknown references → 400 naming the field.',
        body: TaskWriteSchema,
        querystring: z.object({ asOf: AsOf }),
        response: { 201: TaskSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(service.createTask(actorOf(request), request.body, request.query.asOf ?? todayIso())),
  );

  app.get(
    '/tasks',
    {
      schema: {
        operationId: 'listTasks',
        tags,
        summary: 'Tasks, by unit (lead or contributing), status, measure or key project',
        querystring: z.object({
          unit: z.string().max(64).optional(),
          status: TaskStatusSchema.optional(),
          measure: MeasureId.optional(),
          project: MeasureId.optional(),
          asOf: AsOf,
        }),
        response: { 200: z.array(TaskSchema), ...problems(400, 401) },
      },
    },
    async (request) => {
      const { asOf, ...filter } = request.query;
      return service.tasks(filter, asOf ?? todayIso()).map((t) => forAudience(request, t));
    },
  );

  app.get(
    '/tasks/:id',
    {
      schema: {
        operationId: 'getTask',
        tags,
        summary: 'One task with its status',
        params: IdParam,
        querystring: z.object({ asOf: AsOf }),
        response: { 200: TaskSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => forAudience(request, service.task(request.params.id, request.query.asOf ?? todayIso())),
  );

  app.get(
    '/tasks/:id/reports',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'listTaskReports',
        tags,
        summary: 'Progress reports of a task, newest first',
        params: IdParam,
        response: { 200: z.array(TaskReportSchema), ...problems(400, 401, 404) },
      },
    },
    async (request) => service.reportsOf(request.params.id),
  );

  app.post(
    '/tasks/:id/reports',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'submitTaskReport',
        tags,
        summary:
          'The lead unit reports progress (进展情况): text, milestones done or a percentage, problems, next steps',
        description:
          'Creates a pending report (one at a time). Attach evidence with POST /task-reports/{id}/evidence while it is pending.',
        params: IdParam,
        body: TaskReportWriteSchema,
        response: { 201: TaskReportSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(service.submitReport(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/task-reports',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'listTaskReportsByState',
        tags,
        summary: 'Task reports in a review state (default: pending — the review queue)',
        querystring: z.object({ state: z.enum(['pending', 'approved', 'returned']).default('pending') }),
        response: { 200: z.array(QueuedReportSchema), ...problems(400, 401) },
      },
    },
    async (request) => service.reportsInState(request.query.state),
  );

  app.post(
    '/task-reports/:id/approve',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'approveTaskReport',
        tags,
        summary: 'Approve a pending task report',
        params: IdParam,
        response: { 200: TaskReportSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.review(actorOf(request), request.params.id, 'approved', null),
  );

  app.post(
    '/task-reports/:id/return',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'returnTaskReport',
        tags,
        summary: 'Return a pending task report with a reason',
        params: IdParam,
        body: ReturnReasonSchema,
        response: { 200: TaskReportSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.review(actorOf(request), request.params.id, 'returned', request.body.reason),
  );

  app.post(
    '/task-reports/:id/evidence',
    {
      config: { access: 'signed_in' },
      bodyLimit: MAX_EVIDENCE_BYTES + 1024 * 1024,
      schema: {
        operationId: 'uploadEvidence',
        tags,
        summary: 'Attach an evidence file (佐证材料) to a pending report: PDF, image or Office file, at most 20 MB',
        description:
          'multipart/form-data with the field `file`. The type is checked by content; a file whose content is not what its name says is refused (415).',
        params: IdParam,
        response: { 201: EvidenceSchema, ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { filename, buffer } = await fileOf(request, MAX_EVIDENCE_BYTES);
      return reply.status(201).send(await service.addEvidence(actor, request.params.id, filename, buffer));
    },
  );

  app.get(
    '/evidence/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'downloadEvidence',
        tags,
        summary: 'Download an evidence file (always as an attachment, never rendered inline)',
        params: IdParam,
        response: { 200: z.any().describe('the file'), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const e = service.evidenceFile(request.params.id);
      return reply
        .type(e.mime)
        .header('content-disposition', attachmentDisposition(e.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(e.content);
    },
  );

  app.get(
    '/ledger.xlsx',
    {
      schema: {
        operationId: 'exportLedger',
        tags,
        summary: 'The whole ledger as the 台账 workbook (also the import template)',
        querystring: z.object({ asOf: AsOf }),
        response: { 200: z.any().describe(`the workbook (${XLSX_MIME})`), ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      const body = await exchange.exportXlsx(request.query.asOf ?? todayIso(), request.principal !== null);
      return reply.type(XLSX_MIME).header('content-disposition', 'attachment; filename="ledger.xlsx"').send(body);
    },
  );

  app.post(
    '/ledger/import',
    {
      config: { access: ['reviewer'] },
      bodyLimit: LEDGER_IMPORT_LIMIT,
      schema: {
        operationId: 'importLedger',
        tags,
        summary: 'Create tasks from a 台账 workbook: all or nothing, with a dry run',
        description: `Body: the xlsx file (Content-Type ${XLSX_MIME}) or multipart/form-data with the field \`file\`. dryRun=true: the report, nothing written. Otherwise any problem → 422 import_rejected with the report (row, column, reason) and nothing written.`,
        querystring: z.object({ dryRun: QueryBoolean, asOf: AsOf }),
        response: {
          200: LedgerImportReportSchema,
          422: problemContent(LedgerImportRejectedSchema),
          ...problems(400, 401, 403, 413, 415),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const buffer = Buffer.isBuffer(request.body) ? request.body : (await fileOf(request, LEDGER_IMPORT_LIMIT)).buffer;
      return exchange.importXlsx(actor, buffer, request.query.dryRun ?? false, request.query.asOf ?? todayIso());
    },
  );

  const RoundRequestsSchema = z
    .object({
      roundId: z.number().int(),
      dueDate: z.string(),
      state: z.enum(['open', 'closed']),
      taskIds: z.array(z.number().int()),
    })
    .meta({ id: 'RoundTaskRequests' });

  app.post(
    '/rounds/:id/task-requests',
    {
      config: { access: ['reviewer'] },
      schema: {
        operationId: 'requestTaskReports',
        tags,
        summary: 'A reporting round asks the lead units of tasks for a progress report by its due date',
        description:
          'Past the due date, a task whose lead unit has not submitted a report since the request is 逾期未报 (report_missing).',
        params: IdParam,
        body: z.object({ taskIds: z.array(z.number().int().positive()).min(1).max(500) }),
        response: { 200: RoundRequestsSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.requestReports(actorOf(request), request.params.id, request.body.taskIds),
  );

  app.get(
    '/rounds/:id/task-requests',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'listRoundTaskRequests',
        tags,
        summary: 'The tasks a round asks reports of',
        params: IdParam,
        response: { 200: RoundRequestsSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => service.roundRequests(request.params.id),
  );

  app.get(
    '/ledger/report-section',
    {
      schema: {
        operationId: 'getLedgerReportSection',
        tags,
        summary:
          'Data of the evaluation report section 重点任务落实情况: counts by status per section, overdue tasks with their units',
        querystring: z.object({ document: DocumentId.default('gz-2026-urban'), asOf: AsOf }),
        response: { 200: LedgerReportSectionSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => service.reportSection(request.query.document, request.query.asOf ?? todayIso()),
  );
};
