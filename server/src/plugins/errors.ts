import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode } from '@gz/shared';
import { type FieldError, ProblemError, problem, STATUS_TITLES } from '../lib/problem.ts';

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

/** The code of a framework error (bad JSON, body too large, the login limiter's 429), by its status. */
const FRAMEWORK_CODES: Readonly<Record<number, ErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
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
      return send(reply, request, problem('validation_failed', detail, errors));
    }

    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause }, 'reply did not match its schema');
      return send(reply, request, problem('internal_error', 'The server failed to answer.'));
    }

    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Framework errors (Fastify's FST_ERR_…, the rate limiter's 429) take the shared code of their status.
      const code = FRAMEWORK_CODES[status] ?? 'bad_request';
      // Fastify's own messages (bad JSON, body too large, unsupported media type) name no internals.
      return send(
        reply,
        request,
        new ProblemError(status, code, STATUS_TITLES[status] ?? 'Client Error', error.message),
      );
    }

    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, problem('internal_error', 'The server failed to answer.'));
  });

  app.setNotFoundHandler((request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && app.spaFallback?.(request.url)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return send(reply, request, problem('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
});
