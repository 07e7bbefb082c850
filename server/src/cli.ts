import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RoleSchema } from '@gz/shared';
import Database from 'better-sqlite3';
import { openDatabase } from './db/client.ts';
import { loadConfig } from './config.ts';
import { hashPassword, randomSecret } from './lib/crypto.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { createUnitsRepository } from './modules/units/units.repository.ts';
import { createUser } from './modules/users/users.service.ts';

const USAGE = `Usage (from the repository root: pnpm cli <command>):
  user:add <username> <role> [--units stats,ndrc] [--password …]   role: admin | reviewer | editor | viewer
                    --units: unit codes from the unit directory (GET /api/v1/units)
  user:reset-password <username> [--password …]
  user:display-name <username> <真实姓名>   the name shown as issuer (add --display-name … to user:add)
  backup <file>     consistent online copy of DB_PATH (safe while the server runs)
  restore <file>    checks the copy's integrity, then replaces DB_PATH with it (stop the server first)
Without --password a password is generated and printed once.`;

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
    if (!parsedRole.success) fail(`role must be admin, reviewer, editor or viewer, not ${role}`);
    const password = values.password ?? randomSecret(15);
    const db = openDatabase(config.DB_PATH);
    if (values.departments !== undefined) {
      fail('--departments is gone: users carry unit codes now; use --units (e.g. --units stats,ndrc)');
    }
    const units = values.units ? values.units.split(/[,，、]/).map((d) => d.trim()).filter(Boolean) : [];
    const known = new Map(createUnitsRepository(db).list().map((u) => [u.code, u.name]));
    const unknown = units.filter((u) => !known.has(u));
    if (unknown.length > 0) {
      db.$client.close();
      const list = [...known].map(([code, name]) => `${code} (${name})`).join(', ');
      fail(`unknown unit code ${unknown.join(', ')}; known units: ${list}`);
    }
    const displayName = values['display-name']?.trim() || undefined;
    const user = await createUser(createUsersRepository(db), { username, password, role: parsedRole.data, units, displayName });
    db.$client.close();
    console.log(`created ${user.username} (${user.role})${values.password ? '' : ` with password ${password}`}`);
    break;
  }
  case 'user:reset-password': {
    const [username] = args;
    if (!username) fail(USAGE);
    const db = openDatabase(config.DB_PATH);
    const users = createUsersRepository(db);
    const user = users.byUsername(username) ?? fail(`no user ${username}`);
    const password = values.password ?? randomSecret(15);
    users.update(user.id, { passwordHash: await hashPassword(password) });
    db.$client.prepare('DELETE FROM sessions WHERE user_id = ?').run(user.id);
    db.$client.close();
    console.log(`password of ${username} reset${values.password ? '' : ` to ${password}`}; their sessions ended`);
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
