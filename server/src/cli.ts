import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { RoleSchema } from '@gz/shared';
import Database from 'better-sqlite3';
import { openDatabase } from './db/client.ts';
import { loadConfig } from './config.ts';
import { randomSecret } from './lib/crypto.ts';
import { ProblemError } from './lib/problem.ts';
import { createAuditRepository } from './modules/audit/audit.repository.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { createUnitsRepository } from './modules/units/units.repository.ts';
import { createAccountsService } from './modules/users/users.service.ts';
import type { AnonymousCaller } from './plugins/auth.ts';

const USAGE = `Usage (from the repository root: pnpm cli <command>):
  user:add <username> <role> [--units stats,ndrc] [--display-name 真实姓名] [--password …]
      role: admin | reviewer | editor | viewer | security_admin | audit_admin
      --units: unit codes from the unit directory (GET /api/v1/units)
  user:reset-password <username> [--password …]   (the user must change it at the next sign-in; their tokens die)
  user:unlock <username>                          lift a lockout after failed sign-ins
  user:display-name <username> <真实姓名>          the name shown as issuer
  backup <file>     consistent online copy of DB_PATH (safe while the server runs)
  restore <file>    checks the copy's integrity, then replaces DB_PATH with it (stop the server first)
Without --password a password is generated and printed once. User commands are recorded in the audit log
as cli:<operating-system user>.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    units: { type: 'string' },
    departments: { type: 'string' },
    password: { type: 'string' },
    'display-name': { type: 'string' },
  },
});
const [command, ...args] = positionals;
const config = loadConfig();

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The command line as the audit log records it. */
function cliCaller(): AnonymousCaller {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (a container): stays unknown
  }
  return { id: null, username: `cli:${name}`, tokenId: null, ip: 'cli' };
}

/** A generated password that meets the policy (random, with all four character classes). */
const generatedPassword = () => `${randomSecret(15)}-7aZ`;

/** Runs a user command with the accounts service; a refused input ends with its reason, not a stack. */
async function withAccounts<T>(
  fn: (ctx: {
    accounts: ReturnType<typeof createAccountsService>;
    users: ReturnType<typeof createUsersRepository>;
  }) => Promise<T>,
): Promise<T> {
  const db = openDatabase(config.DB_PATH);
  const users = createUsersRepository(db);
  const accounts = createAccountsService({
    db,
    users,
    audit: createAuditRepository(db),
    roleSeparation: config.ROLE_SEPARATION,
  });
  try {
    return await fn({ accounts, users });
  } catch (error) {
    if (error instanceof ProblemError) fail(`refused: ${error.message}`);
    throw error;
  } finally {
    db.$client.close();
  }
}

/**
 * Whether another process (a running server) holds the database: leaving WAL mode needs the only
 * connection, so SQLite refuses it while anyone else has the file open.
 */
function openElsewhere(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    return mode !== 'delete';
  } catch {
    return true;
  } finally {
    db.close();
  }
}

/** Runs PRAGMA integrity_check on a database file; returns the problems found (empty when sound). */
function integrityProblems(file: string): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } catch (error) {
    // not a database at all (or unreadable): a problem to report, not a crash
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    db?.close();
  }
}

switch (command) {
  case 'user:add': {
    const [username, role] = args;
    if (!username || !role) fail(USAGE);
    const parsedRole = RoleSchema.safeParse(role);
    if (!parsedRole.success)
      fail(`role must be admin, reviewer, editor, viewer, security_admin or audit_admin, not ${role}`);
    const password = values.password ?? generatedPassword();
    if (values.departments !== undefined) {
      fail('--departments is gone: users carry unit codes now; use --units (e.g. --units stats,ndrc)');
    }
    const units = values.units
      ? values.units
          .split(/[,，、]/)
          .map((d) => d.trim())
          .filter(Boolean)
      : [];
    const unitsDb = openDatabase(config.DB_PATH);
    const known = new Map(
      createUnitsRepository(unitsDb)
        .list()
        .map((u) => [u.code, u.name]),
    );
    unitsDb.$client.close();
    const unknown = units.filter((u) => !known.has(u));
    if (unknown.length > 0) {
      const list = [...known].map(([code, name]) => `${code} (${name})`).join(', ');
      fail(`unknown unit code ${unknown.join(', ')}; known units: ${list}`);
    }
    const displayName = values['display-name']?.trim() || undefined;
    const user = await withAccounts(({ accounts }) =>
      accounts.create(cliCaller(), { username, password, role: parsedRole.data, units, displayName }),
    );
    console.log(
      `created ${user.username} (${user.role})${values.password ? '' : ` with password ${password}`}; it must be changed at the first sign-in`,
    );
    break;
  }
  case 'user:reset-password': {
    const [username] = args;
    if (!username) fail(USAGE);
    const password = values.password ?? generatedPassword();
    await withAccounts(async ({ accounts, users }) => {
      const user = users.byUsername(username) ?? fail(`no user ${username}`);
      return accounts.update(cliCaller(), user.id, { password });
    });
    console.log(
      `password of ${username} reset${values.password ? '' : ` to ${password}`}; their sessions and tokens ended; it must be changed at the next sign-in`,
    );
    break;
  }
  case 'user:unlock': {
    const [username] = args;
    if (!username) fail(USAGE);
    await withAccounts(async ({ accounts, users }) => {
      const user = users.byUsername(username) ?? fail(`no user ${username}`);
      return accounts.unlock(cliCaller(), user.id);
    });
    console.log(`${username} unlocked`);
    break;
  }
  case 'user:display-name': {
    const [username, ...nameParts] = args;
    const name = nameParts.join(' ').trim();
    if (!username || name === '' || name.length > 64) fail(USAGE);
    const db = openDatabase(config.DB_PATH);
    const users = createUsersRepository(db);
    const user = users.byUsername(username) ?? fail(`no user ${username}`);
    users.update(user.id, { displayName: name });
    db.$client.close();
    console.log(`display name of ${username} set to ${name}`);
    break;
  }
  case 'backup': {
    const [file] = args;
    if (!file) fail(USAGE);
    if (!existsSync(config.DB_PATH)) fail(`no database at ${config.DB_PATH}`);
    const db = new Database(config.DB_PATH, { fileMustExist: true });
    await db.backup(file);
    db.close();
    const problems = integrityProblems(file);
    if (problems.length > 0) fail(`backup written but failed its integrity check: ${problems.join('; ')}`);
    console.log(`backed up ${config.DB_PATH} to ${file} (integrity ok)`);
    break;
  }
  case 'restore': {
    const [file] = args;
    if (!file) fail(USAGE);
    if (!existsSync(file)) fail(`no file ${file}`);
    const problems = integrityProblems(file);
    if (problems.length > 0) fail(`refusing to restore: ${file} fails its integrity check: ${problems.join('; ')}`);
    if (openElsewhere(config.DB_PATH))
      fail(`refusing to restore: ${config.DB_PATH} is open in another process (stop the server first)`);
    const source = new Database(file, { readonly: true, fileMustExist: true });
    // backup() writes the copy page by page into DB_PATH through SQLite itself, replacing it whole
    await source.backup(config.DB_PATH);
    source.close();
    console.log(`restored ${file} into ${config.DB_PATH}`);
    break;
  }
  default:
    fail(USAGE);
}
