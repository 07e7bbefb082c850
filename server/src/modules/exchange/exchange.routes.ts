import multipart from '@fastify/multipart';
import { ImportRejectedSchema, ImportReportSchema } from '@gz/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanQuery, problems, QueryBoolean } from '../../lib/http.ts';
import { invalidField, ProblemError } from '../../lib/problem.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { ExchangeService, Upload } from './exchange.service.ts';
import { XLSX_MIME } from './workbook.ts';
import { actorOf } from '../../plugins/auth.ts';

const CSV_MIME = 'text/csv';
const DEFAULT_BODY_LIMIT = 1024 * 1024;

const unsupported = () =>
  new ProblemError(
    415,
    'unsupported_media_type',
    'Unsupported Media Type',
    `Send the file as the body with Content-Type ${XLSX_MIME} or ${CSV_MIME}, or as multipart/form-data in the field "file".`,
  );

/** Multipart parse failures (a torn body, a bad boundary) are the client's; limits already carry their 4xx. */
function asClientError(error: unknown): unknown {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof ProblemError || (typeof status === 'number' && status >= 400 && status < 500)) return error;
  return new ProblemError(400, 'unreadable_upload', 'Bad Request', 'The multipart/form-data body cannot be read.', [{ field: 'body', message: 'malformed multipart body' }]);
}

/** The uploaded file, from a raw xlsx/CSV body or a form's `file` field. */
async function uploadOf(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (request.isMultipart()) {
    try {
      const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20 } });
      if (!part) throw invalidField('body.file', 'the form has no file');
      if (part.fieldname !== 'file') throw invalidField('body.file', `send the file in the field "file", not "${part.fieldname}"`);
      const filename = part.filename || null;
      const buffer = await part.toBuffer();
      // Windows browsers send .csv as application/vnd.ms-excel: the name says more than the type.
      return { buffer, declared: /\.xlsx$/i.test(filename ?? '') || part.mimetype === XLSX_MIME ? 'xlsx' : 'csv', filename };
    } catch (error) {
      throw asClientError(error);
    }
  }
  if (Buffer.isBuffer(request.body)) {
    return { buffer: request.body, declared: request.headers['content-type']?.toLowerCase().startsWith(CSV_MIME) ? 'csv' : 'xlsx', filename: null };
  }
  throw unsupported();
}

/**
 * Spreadsheet round trip of yearly values: export (xlsx, CSV) and an all-or-nothing import.
 * The raw-body parsers and multipart live in this plugin's scope only.
 */
export const exchangeRoutes: FastifyPluginAsyncZod<{ service: ExchangeService; indicators: IndicatorsService }> = async (app, { service, indicators }) => {
  const maxBytes = app.initialConfig.bodyLimit ?? DEFAULT_BODY_LIMIT;
  app.addContentTypeParser([XLSX_MIME, CSV_MIME], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1 } });

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
      return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="${plan.id}-values.xlsx"`).send(body);
    },
  );

  app.get(
    '/export.csv',
    {
      config: { access: 'read' },
      schema: {
        tags: ['exchange'],
        summary: 'Yearly values as CSV (UTF-8 with BOM, RFC 4180)',
        description: exportDescription,
        querystring: exportQuery,
        response: { 200: z.any().describe('the CSV text (text/csv; charset=utf-8)'), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const plan = indicators.resolvePlan(request.query.plan);
      return reply.type(`${CSV_MIME}; charset=utf-8`).header('content-disposition', `attachment; filename="${plan.id}-values.csv"`).send(service.exportCsv(plan));
    },
  );

  app.post(
    '/import',
    {
      config: { access: ['editor'] },
      schema: {
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
        response: { 200: ImportReportSchema, 422: ImportRejectedSchema, ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const plan = indicators.resolvePlan(request.query.plan);
      const upload = await uploadOf(request, maxBytes);
      return service.importFile(actorOf(request), plan, upload, request.query.dryRun ?? false);
    },
  );
};
