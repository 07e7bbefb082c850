/**
 * Every machine-readable `code` of the API's problem replies (RFC 9457), with the HTTP status it
 * always comes with. The server builds its errors from these (lib/problem.ts), the web shows each one
 * from its dictionaries by code (the reply's `detail` only as a fallback). A new code is added here,
 * in the web's `errors` dictionaries (zh-CN and en), and nowhere else.
 */
export const ERROR_STATUS = {
  // 400
  validation_failed: 400,
  bad_request: 400,
  unknown_unit: 400,
  invalid_cursor: 400,
  weak_password: 400,
  password_reused: 400,
  wrong_password: 400,
  unreadable_file: 400,
  unreadable_upload: 400,
  // 401
  unauthorized: 401,
  invalid_token: 401,
  invalid_credentials: 401,
  not_signed_in: 401,
  account_locked: 401,
  // 403
  forbidden: 403,
  four_eyes: 403,
  not_your_unit: 403,
  no_lead_unit: 403,
  role_cannot_enter: 403,
  not_lead_unit: 403,
  not_your_indicator: 403,
  password_change_required: 403,
  // 404, 405, 406
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  // 409
  conflict: 409,
  not_pending: 409,
  username_taken: 409,
  last_admin: 409,
  last_security_admin: 409,
  plan_exists: 409,
  plan_not_draft: 409,
  plan_not_published: 409,
  plan_empty: 409,
  indicator_exists: 409,
  indicator_in_use: 409,
  targets_undecided: 409,
  unit_exists: 409,
  round_closed: 409,
  link_exists: 409,
  report_pending: 409,
  // 413, 414, 415
  file_too_large: 413,
  too_many_rows: 413,
  payload_too_large: 413,
  evidence_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  evidence_type_refused: 415,
  // 422, 423, 429
  import_rejected: 422,
  year_locked: 423,
  rate_limited: 429,
  too_many_requests: 429,
  // 500
  internal_error: 500,
} as const satisfies Record<string, number>;

/** A machine-readable error code of the API. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Every error code, in the order above. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** Whether a string is one of the API's error codes. */
export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_STATUS, code);
