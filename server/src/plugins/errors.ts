import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type FieldError, ProblemError } from '../lib/problem.ts';

const PROBLEM_TYPE = 'https://gz-tracker.local/problems/';

declare module 'fastify' {
  interface FastifyRequest {
    /** the `code` of the problem answered, for the security log (SEC #10) */
    problemCode: string | null;
  }
}

function send(reply: FastifyReply, request: FastifyRequest, problem: ProblemError) {
  request.problemCode = problem.code;
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({
      type: PROBLEM_TYPE + problem.code,
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      code: problem.code,
      instance: request.url.split('?')[0],
      ...(problem.errors ? { errors: problem.errors } : {}),
      ...problem.extra,
    });
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

/**
 * Every error leaves as application/problem+json. Client errors say what was wrong and where;
 * anything unexpected is logged in full and answered with a bare 500 — never a stack or SQL text.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('problemCode', null);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) return send(reply, request, error);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        // Fastify calls the query string `querystring`; the API documents fields as `query.<name>`.
        const where = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
        return { field: path ? `${where}.${path}` : where, message: issue.message ?? 'invalid' };
      });
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return send(reply, request, new ProblemError(400, 'validation_failed', 'Bad Request', detail, errors));
    }

    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause }, 'reply did not match its schema');
      return send(reply, request, new ProblemError(500, 'internal_error', 'Internal Server Error', 'The server failed to answer.'));
    }

    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // errors without a code of their own (the rate limiter's 429) take one from their status title
      const code = (error.code ?? STATUS_TITLES[status]?.replaceAll(' ', '_') ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase();
      // Fastify's own messages (bad JSON, body too large, unsupported media type) name no internals.
      return send(reply, request, new ProblemError(status, code, STATUS_TITLES[status] ?? 'Client Error', error.message));
    }

    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, new ProblemError(500, 'internal_error', 'Internal Server Error', 'The server failed to answer.'));
  });

  app.setNotFoundHandler((request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && app.spaFallback?.(request.url)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return send(reply, request, new ProblemError(404, 'not_found', 'Not Found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
});
