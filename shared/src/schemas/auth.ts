import { z } from 'zod';
import { UnitCodesSchema } from './unit.ts';

export const ROLES = ['admin', 'reviewer', 'editor', 'viewer'] as const;
/** admin: users, tokens, plans, targets · reviewer: approves, locks, assesses · editor: enters values of their units' indicators · viewer: reads */
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES).meta({ id: 'Role' });

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const UsernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, '3–32 letters, digits, _ . or -');
export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(256);

export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: RoleSchema,
    units: z.array(z.string()).describe('codes of the units (GET /api/v1/units) whose indicators an editor may enter'),
    active: z.boolean(),
    createdAt: z.string(),
    displayName: z.string().nullable().describe('真实姓名, shown as issuer and reviewer; null until set (the username stands in)'),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const LoginBodySchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

export const SessionInfoSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().describe('send as the x-csrf-token header on writes made with the session cookie'),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/** Free-text departments are gone: a client still sending them gets a 400 naming the field. */
const GoneDepartments = z.never({ error: 'departments are gone: send units (unit codes from GET /api/v1/units)' }).optional();
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
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const CreateTokenBodySchema = z.object({ name: z.string().min(1).max(100), scope: z.enum(TOKEN_SCOPES) });
export const CreatedTokenSchema = ApiTokenSchema.extend({
  token: z.string().describe('shown once: store it now; only its hash is kept'),
}).meta({ id: 'CreatedToken' });
