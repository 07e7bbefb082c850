import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/*
 * The single source for drizzle-kit. Numbers that people typed or the plan printed are stored as
 * decimal text (`*_text`) so that their precision survives; nothing here is ever updated in place
 * where history matters: observation values, targets and assessments are append-only rows.
 */

const createdAt = (name = 'created_at') => text(name).notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const plans = sqliteTable('plans', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  tableTitle: text('table_title'),
  issuer: text('issuer'),
  document: text('document'),
  baselineYear: integer('baseline_year').notNull(),
  targetYear: integer('target_year').notNull(),
  outlookYear: integer('outlook_year'),
  /** JSON of Thresholds */
  thresholds: text('thresholds').notNull(),
  tableNote: text('table_note'),
  state: text('state', { enum: ['draft', 'published', 'archived'] }).notNull().default('draft'),
  sourcePlanId: text('source_plan_id'),
  createdAt: createdAt(),
  publishedAt: text('published_at'),
});

export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id').notNull().references(() => plans.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('categories_plan_code').on(t.planId, t.code)],
);

export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id').notNull().references(() => plans.id),
    categoryId: integer('category_id').notNull().references(() => categories.id),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    unitNote: text('unit_note'),
    attribute: text('attribute', { enum: ['binding', 'expected'] }).notNull(),
    direction: integer('direction').notNull(),
    baselineText: text('baseline_text'),
    baselineYear: integer('baseline_year').notNull(),
    baselineNote: text('baseline_note'),
    /** JSON of TargetSpec: the target in force; its history is in target_versions */
    targetSpec: text('target_spec').notNull(),
    targetText: text('target_text'),
    targetNote: text('target_note'),
    definition: text('definition'),
    department: text('department'),
    dataSource: text('data_source'),
    /** the indicator of an earlier plan this one was carried over from */
    sourceIndicatorId: integer('source_indicator_id'),
  },
  (t) => [uniqueIndex('indicators_plan_code').on(t.planId, t.code), index('indicators_category').on(t.categoryId)],
);

/** Every target an indicator has had, so that past evaluations stay reproducible. */
export const targetVersions = sqliteTable(
  'target_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id),
    spec: text('spec').notNull(),
    text: text('text'),
    note: text('note'),
    documentNo: text('document_no'),
    issuedOn: text('issued_on'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('target_versions_indicator').on(t.indicatorId)],
);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'reviewer', 'editor', 'viewer', 'security_admin', 'audit_admin'] }).notNull(),
  /** JSON array of department names an editor may enter values for */
  departments: text('departments').notNull().default('[]'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  // --- SEC (#10): password life and lockout ---
  /** the password was set by someone else (admin, CLI): it must be changed at the next sign-in */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  passwordChangedAt: text('password_changed_at'),
  /** failed sign-ins counted since failure_window_start; reset by a success, an unlock or an expired window */
  failedLogins: integer('failed_logins').notNull().default(0),
  failureWindowStart: text('failure_window_start'),
  lockedUntil: text('locked_until'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie value; the value itself is never stored */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    ip: text('ip'),
    /** SEC (#10): last request seen, for the idle timeout */
    lastSeenAt: text('last_seen_at'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  scope: text('scope', { enum: ['read', 'write'] }).notNull(),
  /** SHA-256 of the token; the token is shown once and never stored */
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  createdAt: createdAt(),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
  /** SEC (#10): a token expires (default 180 days, at most 365); null only for tokens older than expiry */
  expiresAt: text('expires_at'),
  /** why it was revoked: revoked (by hand), password_set, deactivated */
  revokedReason: text('revoked_reason'),
});

export const imports = sqliteTable('imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').references(() => users.id),
  filename: text('filename'),
  format: text('format').notNull(),
  rowCount: integer('row_count').notNull(),
  createdAt: createdAt(),
});

/**
 * Each write of a yearly value is a new revision. A year's counted value is its latest approved
 * revision; pending ones await review, returned ones stay for the record.
 */
export const observationRevisions = sqliteTable(
  'observation_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id),
    year: integer('year').notNull(),
    revisionNo: integer('revision_no').notNull(),
    valueText: text('value_text').notNull(),
    dataStatus: text('data_status', { enum: ['preliminary', 'final', 'revised'] }).notNull(),
    source: text('source').notNull(),
    note: text('note'),
    reviewState: text('review_state', { enum: ['pending', 'approved', 'returned'] }).notNull(),
    baseRevisionId: integer('base_revision_id'),
    enteredBy: integer('entered_by').references(() => users.id),
    enteredAt: createdAt('entered_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note'),
    importId: integer('import_id').references(() => imports.id),
  },
  (t) => [
    uniqueIndex('revisions_indicator_year_no').on(t.indicatorId, t.year, t.revisionNo),
    index('revisions_state').on(t.reviewState),
  ],
);

/** A reviewer's judgement shown beside the computed status; the latest per indicator-year is in force. */
export const assessments = sqliteTable(
  'assessments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id),
    year: integer('year').notNull(),
    status: text('status').notNull(),
    justification: text('justification').notNull(),
    assessedBy: integer('assessed_by').references(() => users.id),
    assessedAt: createdAt('assessed_at'),
  },
  (t) => [index('assessments_indicator_year').on(t.indicatorId, t.year)],
);

export const yearLocks = sqliteTable(
  'year_locks',
  {
    planId: text('plan_id').notNull().references(() => plans.id),
    year: integer('year').notNull(),
    lockedBy: integer('locked_by').references(() => users.id),
    lockedAt: createdAt('locked_at'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.year] })],
);

/** 年度目标: an optional target for one indicator in one year, with its source. */
export const annualTargets = sqliteTable(
  'annual_targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id),
    year: integer('year').notNull(),
    spec: text('spec').notNull(),
    text: text('text'),
    source: text('source').notNull(),
    /** what the target is compared with: the year's value, or its growth over the previous year */
    basis: text('basis', { enum: ['value', 'growth'] }).notNull().default('value'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('annual_targets_indicator_year').on(t.indicatorId, t.year)],
);

/** An issued evaluation report: the data as of its creation, frozen as JSON. */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id').notNull().references(() => plans.id),
    year: integer('year').notNull(),
    kind: text('kind', { enum: ['annual', 'midterm', 'final'] }).notNull(),
    snapshot: text('snapshot').notNull(),
    narrative: text('narrative').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('reports_plan_year').on(t.planId, t.year)],
);

/** Append-only record of every write: who, when, from where, what, before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt('at'),
    userId: integer('user_id'),
    username: text('username'),
    tokenId: integer('token_id'),
    ip: text('ip'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    planId: text('plan_id'),
    indicatorCode: text('indicator_code'),
    before: text('before'),
    after: text('after'),
    /** SEC (#10): the import a per-value entry belongs to */
    importId: integer('import_id'),
    /** SEC (#10): the actor's role when they acted */
    role: text('role'),
  },
  (t) => [index('audit_at').on(t.at), index('audit_indicator').on(t.planId, t.indicatorCode)],
);

// --- SEC (#10): password history and the security log ---

/** The hashes of a user's earlier passwords: the last five may not be used again. */
export const passwordHistory = sqliteTable(
  'password_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('password_history_user').on(t.userId)],
);

/**
 * Append-only sign-in and denial log: successful, failed, locked and throttled sign-ins and every
 * request refused with 401, 403 or 429, with address and user agent.
 */
export const securityLog = sqliteTable(
  'security_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt('at'),
    /** login.success | login.failure | login.locked | login.throttled | request.denied */
    event: text('event').notNull(),
    username: text('username'),
    userId: integer('user_id'),
    tokenId: integer('token_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    status: integer('status'),
    method: text('method'),
    path: text('path'),
    code: text('code'),
  },
  (t) => [index('security_log_at').on(t.at), index('security_log_user').on(t.username)],
);
