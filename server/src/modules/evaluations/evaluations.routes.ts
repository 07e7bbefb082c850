import {
  EvaluationIssueSchema,
  EvaluationReportSchema,
  ReportDraftWriteSchema,
  ReportListItemSchema,
  REPORT_ISSUER_ROLES,
} from '@gz/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems, QueryBoolean, QueryYear } from '../../lib/http.ts';
import type { EvaluationsService } from './evaluations.service.ts';
import { writeEvaluationWorkbook, XLSX_TYPE } from './evaluations.xlsx.ts';
import { DOCX_TYPE, writeEvaluationDocx } from './evaluations.docx.ts';
import { actorOf } from '../../plugins/auth.ts';

const PlanParams = z.object({ planId: z.string().max(64) });
const YearParams = PlanParams.extend({ year: QueryYear });
const LiveQuery = z.object({
  live: QueryBoolean.describe('true: compute the report from the data now, even when one was issued'),
});

/** Evaluation reports: read by anyone who may read; issued by reviewers. */
export const evaluationsRoutes: FastifyPluginAsyncZod<{ service: EvaluationsService }> = async (app, { service }) => {
  app.get(
    '/plans/:planId/evaluations/:year',
    {
      schema: {
        operationId: 'getEvaluation',
        tags: ['evaluations'],
        summary: 'The evaluation report of a year: the latest issued one, else a live draft (issued: null)',
        description:
          'Annual (年度), mid-term (中期, the middle year of the period) or final (终期, the target year): the table per area, ' +
          'counts by evaluation class (byClass) overall and by attribute, the early-warning list and the narrative.',
        params: YearParams,
        querystring: LiveQuery,
        response: { 200: EvaluationReportSchema, ...problems(400, 404) },
      },
    },
    async (request) => service.get(request.params.planId, request.params.year, request.query),
  );

  app.get(
    '/plans/:planId/evaluations/:year.xlsx',
    {
      schema: {
        operationId: 'exportEvaluationXlsx',
        tags: ['evaluations'],
        summary: 'The same report as an XLSX workbook: a summary sheet and one sheet per area',
        params: YearParams,
        querystring: LiveQuery,
        response: { 200: z.any().describe(`the workbook (${XLSX_TYPE})`), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const report = service.get(request.params.planId, request.params.year, request.query);
      const file = await writeEvaluationWorkbook(report);
      const name = `${report.planId}-${report.year}-${report.kind}${report.issued ? `-${report.issued.id}` : '-live'}.xlsx`;
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`${report.title}.xlsx`)}`,
        )
        .send(file);
    },
  );

  // FINAL (#11): the report as a Word document, and the edited sections of the live draft
  app.get(
    '/plans/:planId/evaluations/:year.docx',
    {
      schema: {
        operationId: 'getEvaluationDocx',
        tags: ['evaluations'],
        summary:
          'The same report as a Word document (.docx): front matter, numbered sections, the 附表 in a landscape section',
        params: YearParams,
        querystring: LiveQuery,
        response: { 200: z.any().describe(`the document (${DOCX_TYPE})`), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const report = service.get(request.params.planId, request.params.year, request.query);
      const file = await writeEvaluationDocx(report);
      const name = `${report.planId}-${report.year}-${report.kind}${report.issued ? `-${report.issued.id}` : '-draft'}.docx`;
      return reply
        .type(DOCX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`${report.title}.docx`)}`,
        )
        .send(file);
    },
  );

  app.put(
    '/plans/:planId/evaluations/:year/draft',
    {
      config: { access: REPORT_ISSUER_ROLES },
      schema: {
        operationId: 'saveEvaluationDraft',
        tags: ['evaluations'],
        summary: 'Save edited section texts of the live draft of a year (null: back to the drafted text)',
        params: YearParams,
        body: ReportDraftWriteSchema,
        response: { 200: EvaluationReportSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => service.saveDraft(actorOf(request), request.params.planId, request.params.year, request.body),
  );

  app.post(
    '/plans/:planId/evaluations',
    {
      config: { access: REPORT_ISSUER_ROLES },
      schema: {
        operationId: 'issueEvaluation',
        tags: ['evaluations'],
        summary: 'Issue the report of a year: the data, statuses and narrative are frozen as of now',
        params: PlanParams,
        body: EvaluationIssueSchema,
        response: { 201: EvaluationReportSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(service.issue(actorOf(request), request.params.planId, request.body)),
  );

  app.get(
    '/plans/:planId/reports',
    {
      schema: {
        operationId: 'listReports',
        tags: ['evaluations'],
        summary: 'Reports issued for a plan, newest year first',
        params: PlanParams,
        response: { 200: z.array(ReportListItemSchema), ...problems(400, 404) },
      },
    },
    async (request) => service.list(request.params.planId),
  );

  app.get(
    '/plans/:planId/reports/:reportId',
    {
      schema: {
        operationId: 'getReport',
        tags: ['evaluations'],
        summary: 'One issued report, as it was issued',
        params: PlanParams.extend({ reportId: z.coerce.number().int().positive() }),
        response: { 200: EvaluationReportSchema, ...problems(400, 404) },
      },
    },
    async (request) => service.byId(request.params.planId, request.params.reportId),
  );
};
