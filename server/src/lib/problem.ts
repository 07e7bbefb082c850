import { ERROR_STATUS, type ErrorCode } from '@gz/shared';

/** A field that failed validation, as a path such as `body.value` or `query.attribute`. */
export interface FieldError {
  field: string;
  message: string;
}

/** The standard title of each status the API answers with. */
export const STATUS_TITLES: Readonly<Record<number, string>> = {
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
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/**
 * An error the client caused or must know about, rendered as RFC 9457 problem+json.
 * `code` is the machine-readable id (one of the shared ERROR_CODES); `extra` adds members (e.g. the
 * current revision on a conflict). Build it with {@link problem}.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly title: string,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * The one factory of API errors: the status and title follow from the code (shared ERROR_STATUS);
 * `detail` is the English explanation (the web shows its own text for the code, the detail as a fallback).
 */
export function problem(
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): ProblemError {
  const status = ERROR_STATUS[code];
  return new ProblemError(status, code, STATUS_TITLES[status] ?? 'Error', detail, errors, extra);
}

export const notFound = (what: string) => problem('not_found', `${what} does not exist`);

export const badRequest = (code: ErrorCode, message: string, errors?: FieldError[]) => problem(code, message, errors);

/** A single invalid field: 400 with the field named in `errors`. */
export const invalidField = (field: string, message: string) =>
  problem('validation_failed', `${field}: ${message}`, [{ field, message }]);
