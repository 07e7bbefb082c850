import { z } from 'zod';
import { ROLE_SEPARATION_MODES } from '../domain/separation-of-duties.ts';
import { PlainText } from './common.ts';
import { UnitCodesSchema } from './unit.ts';

export const ROLES = ['admin', 'reviewer', 'editor', 'viewer', 'security_admin', 'audit_admin'] as const;
/**
 * admin: system administrator (plans, targets, locks, settings; also accounts and audit when ROLE_SEPARATION=combined)
 * · reviewer: approves, locks, assesses · editor: enters values of their units' indicators · viewer: reads
 * · security_admin: accounts, roles, unlocks, token revocation · audit_admin: reads the audit and sign-in logs
 */
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES).meta({ id: 'Role' });

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const UsernameSchema = z.string().regex(/^[A-Za-z0-9_.-]{3,32}$/, '3–32 letters, digits, _ . or -');
export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(256);

/** SEC (#10): token lifetime in days (default 180, at most a year). */
export const TOKEN_DEFAULT_DAYS = 180;
export const TOKEN_MAX_DAYS = 365;

export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: RoleSchema,
    units: z.array(z.string()).describe('codes of the units (GET /api/v1/units) whose indicators an editor may enter'),
    active: z.boolean(),
    createdAt: z.string(),
    displayName: z
      .string()
      .nullable()
      .describe('真实姓名, shown as issuer and reviewer; null until set (the username stands in)'),
    mustChangePassword: z.boolean().describe('the password was set by someone else and must be changed now'),
    lockedUntil: z.string().nullable().describe('locked after repeated failed sign-ins until this instant'),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const LoginBodySchema = z.object({ username: PlainText(64).min(1), password: z.string().min(1).max(256) });

export const SessionInfoSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().describe('send as the x-csrf-token header on writes made with the session cookie'),
    roleSeparation: z
      .enum(ROLE_SEPARATION_MODES)
      .optional()
      .describe('ROLE_SEPARATION of the server (SEC #10), for what the UI offers'),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/** Free-text departments are gone: a client still sending them gets a 400 naming the field. */
const GoneDepartments = z
  .never({ error: 'departments are gone: send units (unit codes from GET /api/v1/units)' })
  .optional();
/** 真实姓名: a person's name as documents print it. */
export const DisplayNameSchema = z.string().trim().min(1).max(64).describe('真实姓名');

export const CreateUserBodySchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema,
  role: RoleSchema,
  units: UnitCodesSchema.default([]),
  departments: GoneDepartments,
  displayName: DisplayNameSchema.optional(),
});
export const UpdateUserBodySchema = z
  .object({
    role: RoleSchema.optional(),
    units: UnitCodesSchema.optional(),
    departments: GoneDepartments,
    active: z.boolean().optional(),
    password: PasswordSchema.optional(),
    displayName: DisplayNameSchema.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const ApiTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scope: z.enum(TOKEN_SCOPES),
    prefix: z.string().describe('first characters of the token, to recognise it'),
    owner: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    expiresAt: z.string().nullable().describe('the token stops working at this instant'),
    revokedReason: z.string().nullable().describe('revoked | password_set | deactivated'),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const CreateTokenBodySchema = z.object({
  name: PlainText(100).min(1),
  scope: z.enum(TOKEN_SCOPES),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(TOKEN_MAX_DAYS)
    .default(TOKEN_DEFAULT_DAYS)
    .describe('lifetime in days: 1 to 365, default 180'),
});
export const CreatedTokenSchema = ApiTokenSchema.extend({
  token: z.string().describe('shown once: store it now; only its hash is kept'),
}).meta({ id: 'CreatedToken' });
export type CreateTokenBody = z.output<typeof CreateTokenBodySchema>;
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;

// --- SEC (#10): self-service password change, sign-in log ---

export const ChangePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: PasswordSchema,
});

export const SECURITY_EVENTS = [
  'login.success',
  'login.failure',
  'login.locked',
  'login.throttled',
  'request.denied',
] as const;
export type SecurityEvent = (typeof SECURITY_EVENTS)[number];

export const SecurityLogEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    event: z.enum(SECURITY_EVENTS),
    username: z.string().nullable(),
    userId: z.number().int().nullable(),
    tokenId: z.number().int().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    status: z.number().int().nullable(),
    method: z.string().nullable(),
    path: z.string().nullable(),
    code: z.string().nullable(),
  })
  .meta({ id: 'SecurityLogEntry' });
export type SecurityLogEntry = z.infer<typeof SecurityLogEntrySchema>;

/** One entry of the append-only audit log: who (user, token, address, role) did what to which entity, before and after. */
export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.number().int().nullable(),
    username: z.string().nullable(),
    tokenId: z.number().int().nullable(),
    ip: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    planId: z.string().nullable(),
    indicatorCode: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    importId: z.number().int().nullable().describe('the import this per-value entry belongs to'),
    role: z.string().nullable().describe('the role the user acted in'),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
