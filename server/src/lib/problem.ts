/** A field that failed validation, as a path such as `body.value` or `query.attribute`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error the client caused or must know about, rendered as RFC 9457 problem+json.
 * `code` is the machine-readable id; `extra` adds members (e.g. the current revision on a conflict).
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ProblemError(404, 'not_found', 'Not Found', `${what} does not exist`);

export const badRequest = (code: string, message: string, errors?: FieldError[]) =>
  new ProblemError(400, code, 'Bad Request', message, errors);

/** A single invalid field: 400 with the field named in `errors`. */
export const invalidField = (field: string, message: string) =>
  new ProblemError(400, 'validation_failed', 'Bad Request', `${field}: ${message}`, [{ field, message }]);
