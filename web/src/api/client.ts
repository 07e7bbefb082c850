import { ProblemSchema } from '@gz/shared';
import i18next from 'i18next';
import type { z } from 'zod';
import type { Locale } from '../format/number.ts';
import { localMessage } from '../i18n/messages.ts';

const BASE = '/api/v1';

export interface FieldError {
  /** the API's path of the invalid input, e.g. `body.value` */
  field: string;
  message: string;
}

/**
 * Every failed call, whatever went wrong: an RFC 9457 problem from the API, a reply that does
 * not match the shared schema (status 0, code `invalid_reply`) or no reply at all (`network_error`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** the whole problem body: a 409 carries `current` beside the standard members */
  readonly body: unknown;

  constructor(status: number, code: string, detail: string, errors: FieldError[] = [], body: unknown = null) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.body = body;
  }

  /** The message of one input field (`value` matches `body.value`), for showing at that field. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
  }
}

/** A reply that has no body worth parsing (204, or a body the screen does not need). */
export const NO_CONTENT = null;

// The session's CSRF token: the server hands it out with /auth/me and /auth/login and checks it on
// every write, because the session itself travels in a cookie the browser would send anywhere.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** `/api/v1` + path + query, leaving out parameters that are not set. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

interface RequestOptions<S extends z.ZodType | null> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** sent as JSON */
  json?: unknown;
  /** sent as is (multipart form, a file) */
  body?: BodyInit;
  /** the shared schema the reply must match; `NO_CONTENT` to ignore the body */
  schema: S;
}

type Reply<S> = S extends z.ZodType ? z.output<S> : null;

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The UI language as i18next holds it (zh-CN until it says otherwise), for the side of a bilingual message. */
const uiLocale = (): Locale => (i18next.language === 'en' ? 'en' : 'zh-CN');

function toApiError(status: number, statusText: string, body: unknown): ApiError {
  const problem = ProblemSchema.safeParse(body);
  if (problem.success) {
    const { code, detail, errors } = problem.data;
    const local = (errors ?? []).map((e) => ({ ...e, message: localMessage(e.message, uiLocale()) }));
    return new ApiError(status, code, localMessage(detail, uiLocale()), local, body);
  }
  return new ApiError(status, 'http_error', statusText || `HTTP ${status}`, [], body);
}

/** One call to the API; resolves with the reply parsed by `schema`, rejects with an ApiError. */
export async function apiRequest<S extends z.ZodType | null>(
  path: string,
  options: RequestOptions<S>,
): Promise<Reply<S>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: body ?? null,
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error));
  }
  const payload = await readJson(response);
  if (!response.ok) throw toApiError(response.status, response.statusText, payload);
  if (options.schema === null) return null as Reply<S>;

  const parsed = options.schema.safeParse(payload);
  if (!parsed.success) {
    // A reply that breaks the shared contract is a bug to report, not data to show half-right.
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : '';
    throw new ApiError(0, 'invalid_reply', `${method} ${path}: ${where}`, [], payload);
  }
  return parsed.data as Reply<S>;
}
