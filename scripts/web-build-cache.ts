/**
 * Builds the web app only when what goes into it changed since the last build, so that `pnpm start`
 * (which runs `pnpm build` first) listens in seconds on a restart instead of re-running vite.
 *
 * "What goes into it" is a content hash (not modification times: a fresh clone or a `git checkout`
 * touches every file) of: every file of web/ except dist/ and node_modules/, every file of shared/
 * except node_modules/, the lockfile, the workspace file and the base tsconfig, and the VITE_*
 * environment variables (vite bakes them into the bundle). The hash of the last successful build is
 * stored beside web/dist in web/.dist-hash; it is deleted before a build starts and written only when
 * the build finished and the sources did not change meanwhile, so a failed or racing build is redone.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Bumped when the hashed inputs change meaning, so that every older stamp is stale. */
const STAMP_VERSION = 1;

/** The stamp file, relative to the repository root (beside web/dist; ignored by git). */
export const STAMP_FILE = join('web', '.dist-hash');

interface Stamp {
  version: number;
  hash: string;
  builtAt: string;
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist']);

/** Files under `dir` (recursively, sorted), leaving out node_modules/ and dist/ folders at any depth. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...filesUnder(path));
    } else if (entry.isFile()) {
      out.push(path);
    }
  }
  return out;
}

/**
 * The content hash of everything the web build reads (see the file comment), hex sha256.
 * `env` is consulted for VITE_* variables only.
 */
export function webSourceHash(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256');
  hash.update(`gz-web-build v${STAMP_VERSION}\0`);
  const stamp = join(root, STAMP_FILE);
  const files = [
    ...filesUnder(join(root, 'web')).filter((f) => f !== stamp),
    ...filesUnder(join(root, 'shared')),
    ...['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json']
      .map((f) => join(root, f))
      .filter((f) => existsSync(f)),
  ]
    .map((f) => ({ file: f, name: relative(root, f).split(sep).join('/') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { file, name } of files) {
    const content = readFileSync(file);
    hash.update(`${name}\0${content.length}\0`);
    hash.update(content);
  }
  for (const key of Object.keys(env)
    .filter((k) => k.startsWith('VITE_'))
    .sort()) {
    hash.update(`env:${key}=${env[key] ?? ''}\0`);
  }
  return hash.digest('hex');
}

function readStamp(root: string): Stamp | null {
  try {
    const parsed = JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8')) as Partial<Stamp>;
    const { version, hash, builtAt } = parsed;
    if (version !== STAMP_VERSION || typeof hash !== 'string' || typeof builtAt !== 'string') return null;
    return { version, hash, builtAt };
  } catch {
    return null;
  }
}

/** Why a build is (or is not) needed. */
export type BuildReason = 'up-to-date' | 'forced' | 'no-build' | 'no-stamp' | 'sources-changed';

export interface WebBuildOutcome {
  built: boolean;
  reason: BuildReason;
  hash: string;
  /** when the build in web/dist was made (ISO); null when it is unknown */
  builtAt: string | null;
  /** time spent in `build`, 0 when skipped */
  buildMs: number;
}

/** Whether web/dist is the build of the current sources, without building anything. */
export function webBuildState(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): { reason: BuildReason; hash: string; builtAt: string | null } {
  const hash = webSourceHash(root, env);
  const stamp = readStamp(root);
  if (!existsSync(join(root, 'web', 'dist', 'index.html'))) return { reason: 'no-build', hash, builtAt: null };
  if (stamp === null) return { reason: 'no-stamp', hash, builtAt: null };
  if (stamp.hash !== hash) return { reason: 'sources-changed', hash, builtAt: stamp.builtAt };
  return { reason: 'up-to-date', hash, builtAt: stamp.builtAt };
}

/**
 * Runs `build` (which must produce web/dist/index.html or throw) unless web/dist is already the
 * build of the current sources; `force` builds anyway. Records the sources' hash after a build.
 */
export function ensureWebBuild(options: {
  root: string;
  build: () => void;
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}): WebBuildOutcome {
  const env = options.env ?? process.env;
  const state = webBuildState(options.root, env);
  if (state.reason === 'up-to-date' && options.force !== true) {
    return { built: false, reason: 'up-to-date', hash: state.hash, builtAt: state.builtAt, buildMs: 0 };
  }
  const reason: BuildReason = options.force === true ? 'forced' : state.reason;
  rmSync(join(options.root, STAMP_FILE), { force: true });
  const t0 = performance.now();
  options.build();
  const buildMs = performance.now() - t0;
  if (!existsSync(join(options.root, 'web', 'dist', 'index.html'))) {
    throw new Error('the web build produced no web/dist/index.html');
  }
  const builtAt = new Date().toISOString();
  // a source saved while vite ran may or may not be in the bundle: leave no stamp, so the next start builds again
  if (webSourceHash(options.root, env) === state.hash) {
    const stamp: Stamp = { version: STAMP_VERSION, hash: state.hash, builtAt };
    writeFileSync(join(options.root, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
  }
  return { built: true, reason, hash: state.hash, builtAt, buildMs };
}
