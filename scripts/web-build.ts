/**
 * `pnpm build` (and so `pnpm start`, `pnpm test`): runs `vite build` for the web app only when its
 * sources changed since the last build (see web-build-cache.ts). `pnpm build --force` (or
 * WEB_BUILD_FORCE=1) always builds.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from './web-build-cache.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const force = process.argv.includes('--force') || ['1', 'true'].includes(process.env.WEB_BUILD_FORCE ?? '');

const outcome = ensureWebBuild({
  root,
  force,
  build: () => {
    const why = force ? 'forced' : 'its sources changed since the last build';
    console.log(`building the web app (${why})…`);
    const run = spawnSync(process.execPath, [join(root, 'web/node_modules/vite/bin/vite.js'), 'build'], {
      cwd: join(root, 'web'),
      stdio: 'inherit',
    });
    if (run.status !== 0) {
      console.error('vite build failed');
      process.exit(run.status ?? 1);
    }
  },
});
if (outcome.built) {
  console.log(`web app built in ${(outcome.buildMs / 1000).toFixed(1)} s (sources ${outcome.hash.slice(0, 12)})`);
} else {
  console.log(
    `web app up to date: sources unchanged since the build of ${outcome.builtAt ?? '?'} ` +
      `(${outcome.hash.slice(0, 12)}); \`pnpm build --force\` rebuilds`,
  );
}
