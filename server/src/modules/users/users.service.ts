import { readFileSync } from 'node:fs';
import { PASSWORD_HISTORY, passwordProblems, type Role, type RoleSeparation, type User } from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { hashPassword, randomSecret, verifyPassword } from '../../lib/crypto.ts';
import { notFound, problem, ProblemError } from '../../lib/problem.ts';
import type { Actor, AnonymousCaller } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { toUser, type UserRow, type UsersRepository } from './users.repository.ts';

let common: ReadonlySet<string> | undefined;

/** The shipped list of common passwords (server/src/data/common-passwords.txt), read once. */
export function commonPasswords(): ReadonlySet<string> {
  if (common === undefined) {
    const text = readFileSync(new URL('../../data/common-passwords.txt', import.meta.url), 'utf8');
    common = new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#')),
    );
  }
  return common;
}

/** 400 `weak_password` naming the field and every rule the password breaks (codes the web translates). */
export function assertPasswordPolicy(username: string, password: string, field = 'body.password'): void {
  const problems = passwordProblems(password, username, commonPasswords());
  if (problems.length > 0) {
    throw problem('weak_password', `${field}: ${problems.join(', ')}`, [{ field, message: problems.join(', ') }], {
      problems,
    });
  }
}

/** 400 `password_reused` when the password is one of the user's last five. */
async function assertNotReused(users: UsersRepository, user: UserRow, password: string, field: string): Promise<void> {
  // the current password and the ones before it, each once: the last five
  const hashes = [...new Set([user.passwordHash, ...users.recentPasswordHashes(user.id, PASSWORD_HISTORY)])].slice(
    0,
    PASSWORD_HISTORY,
  );
  for (const h of hashes) {
    if (await verifyPassword(h, password)) {
      throw problem('password_reused', `${field}: one of the last ${PASSWORD_HISTORY} passwords`, [
        { field, message: `one of the last ${PASSWORD_HISTORY} passwords` },
      ]);
    }
  }
}

/**
 * Creates a user, hashing the password first (argon2 is slow on purpose, so it runs outside the
 * write transaction). A taken username is a 409. No policy check here: callers that take a password
 * from a person check it first ({@link assertPasswordPolicy}).
 */
export async function createUser(
  repo: UsersRepository,
  input: {
    username: string;
    password: string;
    role: Role;
    units: string[];
    displayName?: string | undefined;
    mustChangePassword?: boolean;
  },
) {
  input.units.forEach((code, i) => {
    if (!repo.unitExists(code)) {
      throw problem('unknown_unit', `body.units.${i}: unknown unit code ${code}`, [
        { field: `body.units.${i}`, message: `unknown unit code ${code}` },
      ]);
    }
  });
  if (repo.byUsername(input.username)) {
    throw problem('username_taken', `username ${input.username} is taken`, [
      { field: 'body.username', message: 'already taken' },
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  return repo.insert({
    username: input.username,
    passwordHash,
    role: input.role,
    units: input.units,
    displayName: input.displayName ?? null,
    mustChangePassword: input.mustChangePassword ?? false,
  });
}

/**
 * First start with no users: creates `admin` with ADMIN_PASSWORD, or with a generated password that
 * is returned so the caller can print it once. Returns null when users exist.
 */
export async function ensureFirstAdmin(repo: UsersRepository, adminPassword: string | undefined) {
  if (repo.count() > 0) return null;
  const password = adminPassword ?? randomSecret(15);
  await createUser(repo, { username: 'admin', password, role: 'admin', units: [] });
  return { username: 'admin', password, generated: adminPassword === undefined };
}

/**
 * ROLE_SEPARATION=strict: makes sure a security administrator (`secadmin`) and an audit
 * administrator (`auditadmin`) exist and are active, each created with its own generated password
 * (returned to be printed once, and to be changed at the first sign-in). Returns those created.
 */
export async function ensureStrictAdministrators(
  repo: UsersRepository,
): Promise<{ username: string; role: Role; password: string }[]> {
  const made: { username: string; role: Role; password: string }[] = [];
  const wanted: [string, Role][] = [
    ['secadmin', 'security_admin'],
    ['auditadmin', 'audit_admin'],
  ];
  for (const [base, role] of wanted) {
    if (repo.countActive(role) > 0) continue;
    let username = base;
    for (let n = 2; repo.byUsername(username); n += 1) username = `${base}${n}`;
    const password = `${randomSecret(12)}aA1!`;
    await createUser(repo, { username, password, role, units: [] });
    made.push({ username, role, password });
  }
  return made;
}

type Who = Actor | AnonymousCaller;

/**
 * Accounts (#10): creating users, changing roles, passwords and the active flag, unlocking, and a
 * user's own password change. A password set by anyone kills the user's tokens and sessions; one set
 * by someone else must be changed at the next sign-in; deactivation kills the tokens for good.
 */
export function createAccountsService(deps: {
  db: Db;
  users: UsersRepository;
  audit: AuditRepository;
  roleSeparation: RoleSeparation;
}) {
  const { db, users, audit } = deps;

  function guardLastOf(existing: UserRow, change: { role?: Role | undefined; active?: boolean | undefined }) {
    // the last active account manager cannot be demoted or deactivated: nobody could manage users afterwards
    const manager: Role = deps.roleSeparation === 'strict' ? 'security_admin' : 'admin';
    for (const role of new Set<Role>(['admin', manager])) {
      const loses =
        existing.role === role &&
        existing.active &&
        ((change.role !== undefined && change.role !== role) || change.active === false);
      if (loses && users.countActive(role) === 1) {
        const code = role === 'admin' ? 'last_admin' : 'last_security_admin';
        throw new ProblemError(
          409,
          code,
          'Conflict',
          `This is the last active ${role}; give another user that role first.`,
          [
            {
              field: change.active === false ? 'body.active' : 'body.role',
              message: `the last active ${role} must stay`,
            },
          ],
        );
      }
    }
  }

  return {
    /** Creates a user with a password set by the actor (so it must be changed at first sign-in). */
    async create(
      actor: Who,
      input: { username: string; password: string; role: Role; units: string[]; displayName?: string | undefined },
    ): Promise<User> {
      if (users.byUsername(input.username)) await createUser(users, input); // the 409, before the policy
      assertPasswordPolicy(input.username, input.password);
      const created = await createUser(users, { ...input, mustChangePassword: true });
      const user = toUser(created);
      db.transaction(() => {
        users.addPasswordHistory(created.id, created.passwordHash);
        audit.append(actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: user });
      });
      return user;
    },

    /** Changes role, units, display name, active flag or password of another user. */
    async update(
      actor: Who,
      id: number,
      change: {
        role?: Role | undefined;
        units?: string[] | undefined;
        displayName?: string | null | undefined;
        active?: boolean | undefined;
        password?: string | undefined;
      },
    ): Promise<User> {
      const existing = users.get(id);
      if (!existing) throw notFound(`user ${id}`);
      const { password, ...rest } = change;
      (rest.units ?? []).forEach((code, i) => {
        if (!users.unitExists(code)) {
          throw problem('unknown_unit', `body.units.${i}: unknown unit code ${code}`, [
            { field: `body.units.${i}`, message: `unknown unit code ${code}` },
          ]);
        }
      });
      let passwordHash: string | undefined;
      if (password !== undefined) {
        assertPasswordPolicy(existing.username, password);
        await assertNotReused(users, existing, password, 'body.password');
        passwordHash = await hashPassword(password);
      }
      return db.transaction(() => {
        guardLastOf(existing, rest);
        const setByOther = passwordHash !== undefined && actor.id !== existing.id;
        const updated = users.update(existing.id, {
          ...rest,
          ...(passwordHash === undefined
            ? {}
            : { passwordHash, mustChangePassword: setByOther, passwordChangedAt: new Date().toISOString() }),
        });
        if (!updated) throw notFound(`user ${id}`);
        if (passwordHash !== undefined) users.addPasswordHistory(existing.id, passwordHash);
        // a password set by anyone, or a deactivation, kills the tokens for good (reactivation does not revive them)
        let tokensRevoked = 0;
        if (passwordHash !== undefined) tokensRevoked += users.revokeTokensOf(existing.id, 'password_set');
        if (rest.active === false) tokensRevoked += users.revokeTokensOf(existing.id, 'deactivated');
        // a changed password, role or deactivation ends the user's sessions
        users.deleteSessionsOf(existing.id);
        const after = toUser(updated);
        audit.append(actor, {
          action: 'user.update',
          entityType: 'user',
          entityId: existing.id,
          before: toUser(existing),
          after: {
            ...after,
            ...(password === undefined ? {} : { passwordChanged: true }),
            ...(tokensRevoked > 0 ? { tokensRevoked } : {}),
          },
        });
        return after;
      });
    },

    /** Lifts a lockout. */
    unlock(actor: Who, id: number): User {
      const existing = users.get(id);
      if (!existing) throw notFound(`user ${id}`);
      return db.transaction(() => {
        const updated = users.update(id, { lockedUntil: null, failedLogins: 0, failureWindowStart: null });
        if (!updated) throw notFound(`user ${id}`);
        audit.append(actor, {
          action: 'user.unlock',
          entityType: 'user',
          entityId: id,
          before: { lockedUntil: existing.lockedUntil },
          after: { lockedUntil: null },
        });
        return toUser(updated);
      });
    },

    /** The actor changes their own password: the current one must be right; other sessions and all tokens end. */
    async changeOwn(
      actor: Actor,
      currentPassword: string,
      newPassword: string,
      keepSessionHash: string | null,
    ): Promise<User> {
      const existing = users.get(actor.id);
      if (!existing) throw notFound(`user ${actor.id}`);
      if (!(await verifyPassword(existing.passwordHash, currentPassword))) {
        throw problem('wrong_password', 'body.currentPassword: not your current password', [
          { field: 'body.currentPassword', message: 'not your current password' },
        ]);
      }
      assertPasswordPolicy(existing.username, newPassword, 'body.newPassword');
      await assertNotReused(users, existing, newPassword, 'body.newPassword');
      const passwordHash = await hashPassword(newPassword);
      return db.transaction(() => {
        const updated = users.update(existing.id, {
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: new Date().toISOString(),
        });
        if (!updated) throw notFound(`user ${actor.id}`);
        users.addPasswordHistory(existing.id, passwordHash);
        const tokensRevoked = users.revokeTokensOf(existing.id, 'password_set');
        if (keepSessionHash === null) users.deleteSessionsOf(existing.id);
        else users.deleteSessionsExcept(existing.id, keepSessionHash);
        audit.append(actor, {
          action: 'user.password_change',
          entityType: 'user',
          entityId: existing.id,
          after: { passwordChanged: true, tokensRevoked, keptSession: keepSessionHash !== null },
        });
        return toUser(updated);
      });
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
