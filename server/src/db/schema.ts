// COUNTED (#15 item 1): the enums of the API are the enums of the columns
import {
  ANNUAL_TARGET_BASES,
  ATTRIBUTES,
  DATA_STATUSES,
  REVIEW_STATES,
  ROLES,
  TOKEN_SCOPES,
  VALUE_QUALIFIERS,
} from '@gz/shared';
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  state: text('state', { enum: ['draft', 'published', 'archived'] })
    .notNull()
    .default('draft'),
  sourcePlanId: text('source_plan_id'),
  createdAt: createdAt(),
  publishedAt: text('published_at'),
});

export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
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
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    unitNote: text('unit_note'),
    attribute: text('attribute', { enum: ATTRIBUTES }).notNull(),
    direction: integer('direction').notNull(),
    baselineText: text('baseline_text'),
    baselineYear: integer('baseline_year').notNull(),
    baselineNote: text('baseline_note'),
    /** JSON of TargetSpec: the target in force; its history is in target_versions */
    targetSpec: text('target_spec').notNull(),
    targetText: text('target_text'),
    targetNote: text('target_note'),
    definition: text('definition'),
    /** 牵头单位: a units.code (checked by the service); null while nobody is in charge */
    leadUnit: text('lead_unit'),
    /** JSON array of 配合单位 codes */
    contributingUnits: text('contributing_units').notNull().default('[]'),
    /** where the assignment came from: seed_default | admin | migrated; null when unassigned */
    assignmentSource: text('assignment_source', { enum: ['seed_default', 'admin', 'migrated'] }),
    dataSource: text('data_source'),
    /** the indicator of an earlier plan this one was carried over from */
    sourceIndicatorId: integer('source_indicator_id'),
    /** 待定: a successor's target not decided yet (publishing is refused while any is) — FINAL (#11) */
    targetUndecided: integer('target_undecided', { mode: 'boolean' }).notNull().default(false),
    /** 待补录: a successor's baseline the source plan has no target-year value for — FINAL (#11) */
    baselinePending: integer('baseline_pending', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('indicators_plan_code').on(t.planId, t.code), index('indicators_category').on(t.categoryId)],
);

/** Every target an indicator has had, so that past evaluations stay reproducible. */
export const targetVersions = sqliteTable(
  'target_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
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
  role: text('role', { enum: ROLES }).notNull(),
  /** JSON array of unit codes (units.code) whose indicators an editor may enter */
  units: text('units').notNull().default('[]'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  /** 真实姓名: the name shown as issuer and reviewer; null until set (the username stands in) — FINAL (#11) */
  displayName: text('display_name'),
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
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
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
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  name: text('name').notNull(),
  scope: text('scope', { enum: TOKEN_SCOPES }).notNull(),
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
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    year: integer('year').notNull(),
    revisionNo: integer('revision_no').notNull(),
    valueText: text('value_text').notNull(),
    dataStatus: text('data_status', { enum: DATA_STATUSES }).notNull(),
    source: text('source').notNull(),
    note: text('note'),
    reviewState: text('review_state', { enum: REVIEW_STATES }).notNull(),
    baseRevisionId: integer('base_revision_id'),
    enteredBy: integer('entered_by').references(() => users.id),
    enteredAt: createdAt('entered_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note'),
    importId: integer('import_id').references(() => imports.id),
    // VALUES (issue 14 item 5): the value as published
    /** 以上 / 左右 / 约 / 以内 as at_least / about / approx / at_most; null when the figure has none */
    qualifier: text('qualifier', { enum: VALUE_QUALIFIERS }),
    /** the comparable-price growth rate published with the value (可比价增速), percent, as decimal text */
    growthRateText: text('growth_rate_text'),
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
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
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
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
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
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    year: integer('year').notNull(),
    spec: text('spec').notNull(),
    text: text('text'),
    source: text('source').notNull(),
    /** what the target is compared with: the year's value, or its growth over the previous year */
    basis: text('basis', { enum: ANNUAL_TARGET_BASES }).notNull().default('value'),
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
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
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

// --- units, rounds, messages (#14, UNITS) ---

/** 单位: the directory of reporting units (市直部门; 县（市、区） below them). */
export const units = sqliteTable('units', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['city_department', 'county'] })
    .notNull()
    .default('city_department'),
  parentCode: text('parent_code'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  position: integer('position').notNull().default(0),
  source: text('source', { enum: ['seed_default', 'admin', 'migrated'] })
    .notNull()
    .default('admin'),
  createdAt: createdAt(),
});

/** 填报任务: a data call for some indicators and years of a plan, with a due date. */
export const rounds = sqliteTable(
  'rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    /** JSON array of years asked */
    years: text('years').notNull(),
    /** JSON array of indicator codes asked (all of the plan's when the round was opened without a list) */
    indicatorCodes: text('indicator_codes').notNull(),
    /** YYYY-MM-DD: values are due by the end of this day (Asia/Shanghai) */
    dueDate: text('due_date').notNull(),
    instructions: text('instructions'),
    state: text('state', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: text('closed_at'),
  },
  (t) => [index('rounds_plan').on(t.planId)],
);

/** The in-app message centre: one row per user and message; `dedupeKey` keeps computed ones single. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', {
      enum: [
        'value_returned',
        'review_waiting',
        'round_opened',
        'round_due_soon',
        'round_overdue',
        'task_report_returned',
      ],
    }).notNull(),
    /** JSON of the message's parameters (indicator, year, reason, round, due date) */
    params: text('params').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAt(),
    readAt: text('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_user_key').on(t.userId, t.dedupeKey),
    index('notifications_user_read').on(t.userId, t.readAt),
  ],
);

/** Outgoing webhooks: global (unit null) or for one unit's events. */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  url: text('url').notNull(),
  format: text('format', { enum: ['wecom', 'dingtalk', 'json'] }).notNull(),
  unitCode: text('unit_code'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
});

/** Every attempt to deliver an event to a webhook, kept as the delivery log. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    event: text('event').notNull(),
    /** one delivery per webhook and key (e.g. round_due_soon:3:stats): a reminder is sent once */
    dedupeKey: text('dedupe_key'),
    payload: text('payload').notNull(),
    state: text('state', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    nextAttemptAt: text('next_attempt_at'),
    createdAt: createdAt(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_hook').on(t.webhookId),
    uniqueIndex('webhook_deliveries_key').on(t.webhookId, t.dedupeKey),
  ],
);

// ── measures ledger (任务台账, issue 12) ───────────────────────────────────────────────────────────

/** A policy document whose numbered measures the ledger tracks (the 2026 urban opinions). */
export const policyDocuments = sqliteTable('policy_documents', {
  id: text('id').primaryKey(),
  level: text('level', { enum: ['central', 'province', 'city'] }).notNull(),
  title: text('title').notNull(),
  issuer: text('issuer').notNull(),
  documentNo: text('document_no'),
  issuedOn: text('issued_on'),
  /** 1: the source holds only part of the document */
  partial: integer('partial', { mode: 'boolean' }).notNull().default(false),
  partialNote: text('partial_note'),
  sourceFile: text('source_file'),
  position: integer('position').notNull(),
});

export const policySections = sqliteTable(
  'policy_sections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id')
      .notNull()
      .references(() => policyDocuments.id),
    no: text('no').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('policy_sections_doc_no').on(t.documentId, t.no)],
);

/** A numbered measure (举措) as printed: its title and full paragraph. */
export const policyMeasures = sqliteTable(
  'policy_measures',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id')
      .notNull()
      .references(() => policyDocuments.id),
    sectionId: integer('section_id')
      .notNull()
      .references(() => policySections.id),
    no: integer('no').notNull(),
    label: text('label').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('policy_measures_doc').on(t.documentId)],
);

/** Alignment: a lower-level measure passes down a higher-level one. Seeded links are defaults an admin may change. */
export const measureLinks = sqliteTable(
  'measure_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromMeasureId: text('from_measure_id')
      .notNull()
      .references(() => policyMeasures.id),
    toMeasureId: text('to_measure_id')
      .notNull()
      .references(() => policyMeasures.id),
    evidence: text('evidence'),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('measure_links_pair').on(t.fromMeasureId, t.toMeasureId)],
);

/** A 专栏 box of a plan's key projects. */
export const keyProjectBoxes = sqliteTable(
  'key_project_boxes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id').notNull(),
    no: integer('no').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('key_project_boxes_plan_no').on(t.planId, t.no)],
);

export const keyProjects = sqliteTable('key_projects', {
  id: text('id').primaryKey(),
  boxId: integer('box_id')
    .notNull()
    .references(() => keyProjectBoxes.id),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  text: text('text').notNull(),
});

/** A task (工作任务) a measure or key project is split into. */
export const ledgerTasks = sqliteTable(
  'ledger_tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    measureId: text('measure_id').references(() => policyMeasures.id),
    projectId: text('project_id').references(() => keyProjects.id),
    title: text('title').notNull(),
    /** 牵头单位: a unit code (null: not yet assigned, a finding) */
    leadUnit: text('lead_unit'),
    /** JSON array of unit codes (配合单位) */
    contributingUnits: text('contributing_units').notNull().default('[]'),
    startDate: text('start_date').notNull(),
    dueDate: text('due_date').notNull(),
    /** JSON array of indicator codes of the default plan */
    indicatorCodes: text('indicator_codes').notNull().default('[]'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('ledger_tasks_measure').on(t.measureId), index('ledger_tasks_lead').on(t.leadUnit)],
);

export const taskMilestones = sqliteTable(
  'task_milestones',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => ledgerTasks.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    dueDate: text('due_date').notNull(),
  },
  (t) => [index('task_milestones_task').on(t.taskId)],
);

/** A progress report (进展情况) of the lead unit; reviewed like values (pending → approved | returned). */
export const taskReports = sqliteTable(
  'task_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => ledgerTasks.id),
    period: text('period').notNull(),
    progress: text('progress').notNull(),
    /** JSON array of milestone ids done by the report */
    milestonesDone: text('milestones_done').notNull().default('[]'),
    percent: integer('percent'),
    completed: integer('completed', { mode: 'boolean' }).notNull().default(false),
    problems: text('problems'),
    nextSteps: text('next_steps'),
    state: text('state', { enum: REVIEW_STATES }).notNull().default('pending'),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: createdAt('submitted_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note'),
  },
  (t) => [index('task_reports_task').on(t.taskId), index('task_reports_state').on(t.state)],
);

/** 佐证材料: evidence files kept in the database so that backups carry them. */
export const taskEvidence = sqliteTable(
  'task_evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => taskReports.id),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: createdAt('uploaded_at'),
  },
  (t) => [index('task_evidence_report').on(t.reportId)],
);

/** A reporting round (rounds, of the data-call feature) asks a task's lead unit for a progress report by its due date. */
export const roundTaskRequests = sqliteTable(
  'round_task_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    taskId: integer('task_id')
      .notNull()
      .references(() => ledgerTasks.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('round_task_requests_pair').on(t.roundId, t.taskId),
    index('round_task_requests_task').on(t.taskId),
  ],
);

// ───────── FINAL (#11): settings, reasons from the responsible unit, report drafts ─────────

/** Admin settings (issuing unit, default plan): one value per key; absent keys use the documented defaults. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: createdAt('updated_at'),
});

/**
 * 原因说明 and 下一步措施 of an indicator for a report year, entered by its responsible unit and reviewed like values:
 * each write is a new row (pending); a reviewer approves or returns it. The latest approved row is quoted.
 */
export const indicatorReasons = sqliteTable(
  'indicator_reasons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    year: integer('year').notNull(),
    reason: text('reason').notNull(),
    measures: text('measures').notNull(),
    unitName: text('unit_name'),
    reviewState: text('review_state', { enum: REVIEW_STATES }).notNull().default('pending'),
    enteredBy: integer('entered_by').references(() => users.id),
    enteredAt: createdAt('entered_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note'),
  },
  (t) => [index('indicator_reasons_indicator_year').on(t.indicatorId, t.year)],
);

/** The edited text of a report's sections before it is issued, per plan and year (JSON object key → text). */
export const reportDrafts = sqliteTable(
  'report_drafts',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    year: integer('year').notNull(),
    sections: text('sections').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: createdAt('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.year] })],
);

// --- SEC (#10): password history and the security log ---

/** The hashes of a user's earlier passwords: the last five may not be used again. */
export const passwordHistory = sqliteTable(
  'password_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
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
