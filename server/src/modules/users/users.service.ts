import type { Role } from '@gz/shared';
import { hashPassword, randomSecret } from '../../lib/crypto.ts';
import { problem } from '../../lib/problem.ts';
import type { UsersRepository } from './users.repository.ts';

/**
 * Creates a user, hashing the password first (argon2 is slow on purpose, so it runs outside the
 * write transaction). A taken username is a 409.
 */
export async function createUser(
  repo: UsersRepository,
  input: { username: string; password: string; role: Role; units: string[]; displayName?: string | undefined },
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
