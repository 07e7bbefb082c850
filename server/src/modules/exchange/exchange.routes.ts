import multipart from '@fastify/multipart';
import { ImportRejectedSchema, type ImportReport, ImportReportSchema } from '@gz/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problemContent, problems, QueryBoolean } from '../../lib/http.ts';
import { invalidField, problem, ProblemError } from '../../lib/problem.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { ExchangeService, Upload } from './exchange.service.ts';
import { XLSX_MIME } from './workbook.ts';
import { actorOf } from '../../plugins/auth.ts';

const CSV_MIME = 'text/csv';
const DEFAULT_BODY_LIMIT = 1024 * 1024;

const unsupported = () =>
  problem(
    'unsupported_media_type',
    `Send the file as the body with Content-Type ${XLSX_MIME} or ${CSV_MIME}, or as multipart/form-data in the field "file".`,
  );

/** Multipart parse failures (a torn body, a bad boundary) are the client's; limits already carry their 4xx. */
function asClientError(error: unknown): unknown {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof ProblemError || (typeof status === 'number' && status >= 400 && status < 500)) return error;
  return problem('unreadable_upload', 'The multipart/form-data body cannot be read.', [
    { field: 'body', message: 'malformed multipart body' },
  ]);
}

/** The uploaded file, from a raw xlsx/CSV body or a form's `file` field. */
async function uploadOf(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (request.isMultipart()) {
    try {
      const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20 } });
      if (!part) throw invalidField('body.file', 'the form has no file');
      if (part.fieldname !== 'file')
        throw invalidField('body.file', `send the file in the field "file", not "${part.fieldname}"`);
      const filename = part.filename || null;
      const buffer = await part.toBuffer();
      // Windows browsers send .csv as application/vnd.ms-excel: the name says more than the type.
      return {
        buffer,
        declared: /\.xlsx$/i.test(filename ?? '') || part.mimetype === XLSX_MIME ? 'xlsx' : 'csv',
        filename,
      };
    } catch (error) {
      throw asClientError(error);
    }
  }
  if (Buffer.isBuffer(request.body)) {
    return {
      buffer: request.body,
      declared: request.headers['content-type']?.toLowerCase().startsWith(CSV_MIME) ? 'csv' : 'xlsx',
      filename: null,
    };
  }
  throw unsupported();
}

/**
 * Spreadsheet round trip of yearly values: export (xlsx, CSV) and an all-or-nothing import.
 * The raw-body parsers and multipart live in this plugin's scope only.
 */
export const exchangeRoutes: FastifyPluginAsyncZod<{
  service: ExchangeService;
  indicators: IndicatorsService;
}> = async (app, { service, indicators }) => {
  const maxBytes = app.initialConfig.bodyLimit ?? DEFAULT_BODY_LIMIT;
  app.addContentTypeParser([XLSX_MIME, CSV_MIME], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1 } });
  app.addHook('onClose', async () => service.close()); // SPEED (#13): the upload parser's worker thread

  const exportQuery = z.object({ plan: PlanQuery });
  const exportDescription =
    'Every indicator × year from its baseline year to the target year, with the counted value (text, digits as entered), data status, source, note, ' +
    'and the review state and id of the newest revision (send it back unchanged: a revision entered after the export turns an edited row into a conflict). ' +
    'Doubles as the import template.';

  app.get(
    '/export.xlsx',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'exportValuesXlsx',
        tags: ['exchange'],
        summary: 'Yearly values as an xlsx workbook (the import template)',
        description: exportDescription,
        querystring: exportQuery,
        response: { 200: z.any().describe(`the workbook (${XLSX_MIME})`), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const plan = indicators.resolvePlan(request.query.plan);
      const body = await service.exportXlsx(plan);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename="${plan.id}-values.xlsx"`)
        .send(body);
    },
  );

  app.get(
    '/export.csv',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'exportValuesCsv',
        tags: ['exchange'],
        summary: 'Yearly values as CSV (UTF-8 with BOM, RFC 4180)',
        description: exportDescription,
        querystring: exportQuery,
        response: { 200: z.any().describe('the CSV text (text/csv; charset=utf-8)'), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const plan = indicators.resolvePlan(request.query.plan);
      return reply
        .type(`${CSV_MIME}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${plan.id}-values.csv"`)
        .send(service.exportCsv(plan));
    },
  );

  // VALUES (issue 14 item 6): the wide template of one unit
  app.get(
    '/export/template.xlsx',
    {
      config: { access: 'signed_in' },
      schema: {
        operationId: 'downloadEntryTemplate',
        tags: ['exchange'],
        summary: 'The wide entry template of one unit: its indicators × the years asked (分单位填报表)',
        description:
          'One row per indicator of `unit` (a unit code; default: the indicators you may enter; all for an admin), a block of columns per year ' +
          "(default: the plan's years after its baseline): the value that counts, the pending or returned revision apart from it, " +
          'the entry columns (numbers as numbers, Chinese drop-downs for 数据状态 and 限定词) and the revision id; every column but the ' +
          'entry ones is protected. A sheet 填报说明 explains it. POST /import reads it back. A year outside the plan period is 400.',
        querystring: z.object({
          plan: PlanQuery,
          unit: z
            .string()
            .trim()
            .min(1)
            .max(64)
            .optional()
            .describe('code of the unit whose indicators (lead or contributing) to list; default: yours'),
          years: z
            .string()
            .regex(/^\d{4}(,\d{4}){0,19}$/, 'years as 2024,2025')
            .optional()
            .describe('comma-separated years, e.g. 2024,2025; default: the plan period after the baseline year'),
        }),
        response: { 200: z.any().describe(`the workbook (${XLSX_MIME})`), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const plan = indicators.resolvePlan(request.query.plan);
      const years = request.query.years?.split(',').map(Number);
      const principal = request.principal;
      if (!principal) throw problem('unauthorized', 'Sign in or send an API token (Authorization: Bearer …).');
      const { buffer } = await service.wideTemplate(principal, plan, { unit: request.query.unit, years });
      const name = encodeURIComponent(`${plan.id}-填报表${request.query.unit ? `-${request.query.unit}` : ''}.xlsx`);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename="${plan.id}-template.xlsx"; filename*=UTF-8''${name}`)
        .send(buffer);
    },
  );

  app.post(
    '/import',
    {
      config: { access: ['editor'] },
      schema: {
        operationId: 'importValues',
        tags: ['exchange'],
        summary: 'Import yearly values from an xlsx or CSV file: all or nothing',
        description:
          `Body: the file itself (Content-Type ${XLSX_MIME} or ${CSV_MIME}; CSV in UTF-8 or GB18030) or multipart/form-data with the field \`file\`. ` +
          'Rows with a blank value and rows equal to the counted value are skipped; every other row is checked like a manual entry ' +
          '(indicator, year span, value, data status, source, department rights, locked year, the revision it was exported with). ' +
          '`dryRun=true`: 200 with the report (what would be created, or ok=false and the problems), nothing written. ' +
          'Otherwise any problem → 422 `import_rejected` with the report and nothing written; a clean file creates pending revisions attributed to you. ' +
          'At most 50,000 rows.',
        querystring: z.object({ plan: PlanQuery, dryRun: QueryBoolean.describe('true: check only, write nothing') }),
        response: {
          200: ImportReportSchema,
          422: problemContent(ImportRejectedSchema),
          ...problems(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const plan = indicators.resolvePlan(request.query.plan);
      const upload = await uploadOf(request, maxBytes);
      // the report as JSON text, sent as it is (SPEED, #13: Fastify sends a JSON string unserialised): an
      // ImportReport built in import-run.ts, not copied and checked again on this thread
      const json = await service.importFile(actorOf(request), plan, upload, request.query.dryRun ?? false);
      return reply.type('application/json; charset=utf-8').send(json as unknown as ImportReport);
    },
  );
};
