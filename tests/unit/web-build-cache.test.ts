import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureWebBuild, STAMP_FILE, webBuildState, webSourceHash } from '../../scripts/web-build-cache.ts';

/**
 * `pnpm start` runs `pnpm build`, which must run vite only when the web app's sources changed:
 * a throwaway repository layout, and a stand-in for vite that writes web/dist and counts its runs.
 */
let root: string;
let builds: number;
const write = (path: string, content: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};
const fakeVite = () => {
  builds += 1;
  write('web/dist/index.html', `<html>build ${builds}</html>`);
  write(`web/dist/assets/index-${builds}.js`, 'console.log(1)');
};
const start = (force = false, env: NodeJS.ProcessEnv = {}) => ensureWebBuild({ root, build: fakeVite, force, env });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gz-webbuild-'));
  builds = 0;
  write('web/index.html', '<div id="root"></div>');
  write('web/vite.config.ts', 'export default {}');
  write('web/package.json', '{"name":"@gz/web"}');
  write('web/src/main.tsx', 'render(<App />)');
  write('web/node_modules/vite/index.js', 'vite');
  write('shared/src/index.ts', 'export const a = 1;');
  write('shared/node_modules/zod/index.js', 'zod');
  write('pnpm-lock.yaml', 'lockfileVersion: 9.0');
  write('README.md', '# readme');
  write('server/src/app.ts', 'server');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('pnpm build before start: vite only when the sources changed', () => {
  it('builds on the first start, not on a second start with unchanged sources', () => {
    const first = start();
    expect(first).toMatchObject({ built: true, reason: 'no-build' });
    expect(builds).toBe(1);
    const stamp = JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8')) as { hash: string };
    expect(stamp.hash).toBe(first.hash);

    const second = start();
    expect(second).toMatchObject({ built: false, reason: 'up-to-date', hash: first.hash, builtAt: first.builtAt });
    expect(second.buildMs).toBe(0);
    expect(builds).toBe(1);
    expect(readFileSync(join(root, 'web/dist/index.html'), 'utf8')).toBe('<html>build 1</html>');
  });

  it('judges by content: newer modification times alone (a checkout, a clone) do not rebuild', () => {
    start();
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(join(root, 'web/src/main.tsx'), later, later);
    utimesSync(join(root, 'pnpm-lock.yaml'), later, later);
    expect(start().built).toBe(false);
    expect(builds).toBe(1);
  });

  it.each([
    ['a web source', 'web/src/main.tsx', 'render(<App2 />)'],
    ['a new web source', 'web/src/pages/new.tsx', 'export {}'],
    ['web/index.html', 'web/index.html', '<div id="app"></div>'],
    ['the vite config', 'web/vite.config.ts', 'export default { base: "/x/" }'],
    ['a shared source', 'shared/src/index.ts', 'export const a = 2;'],
    ['the lockfile', 'pnpm-lock.yaml', 'lockfileVersion: 9.1'],
  ])('rebuilds when %s changed', (_what, path, content) => {
    const first = start();
    write(path, content);
    const again = start();
    expect(again).toMatchObject({ built: true, reason: 'sources-changed' });
    expect(again.hash).not.toBe(first.hash);
    expect(builds).toBe(2);
    expect(start().built).toBe(false);
    expect(builds).toBe(2);
  });

  it("ignores files that are not the web app's inputs: build output, node_modules, the server, docs", () => {
    start();
    write('web/dist/extra.txt', 'x');
    write('web/node_modules/vite/index.js', 'vite 2');
    write('shared/node_modules/zod/index.js', 'zod 2');
    write('server/src/app.ts', 'server 2');
    write('README.md', '# readme 2');
    expect(start().built).toBe(false);
    expect(builds).toBe(1);
  });

  it('rebuilds when web/dist was deleted, when the stamp is missing, when forced', () => {
    start();
    rmSync(join(root, 'web/dist'), { recursive: true });
    expect(start()).toMatchObject({ built: true, reason: 'no-build' });
    rmSync(join(root, STAMP_FILE));
    expect(start()).toMatchObject({ built: true, reason: 'no-stamp' });
    expect(start(true)).toMatchObject({ built: true, reason: 'forced' });
    expect(builds).toBe(4);
    expect(start().built).toBe(false);
  });

  it('VITE_* variables count (vite bakes them in); others do not', () => {
    start(false, { HOME: '/a' });
    expect(start(false, { HOME: '/b', PORT: '1' }).built).toBe(false);
    expect(start(false, { VITE_TITLE: 'x' }).built).toBe(true);
    expect(start(false, { VITE_TITLE: 'x' }).built).toBe(false);
    expect(builds).toBe(2);
  });

  it('a failed build leaves no stamp, so the next start builds again', () => {
    start();
    write('web/src/main.tsx', 'syntax error (');
    expect(() =>
      ensureWebBuild({
        root,
        build: () => {
          throw new Error('vite failed');
        },
      }),
    ).toThrow('vite failed');
    expect(webBuildState(root, {}).reason).toBe('no-stamp');
    expect(start().built).toBe(true);
    expect(builds).toBe(2);
  });

  it('a source saved while vite runs leaves no stamp (the bundle may hold either version)', () => {
    const racing = () => {
      fakeVite();
      write('web/src/main.tsx', 'saved during the build');
    };
    ensureWebBuild({ root, build: racing, env: {} });
    expect(webBuildState(root, {}).reason).toBe('no-stamp');
    expect(start().built).toBe(true);
    expect(start().built).toBe(false);
  });

  it('the hash of this repository is stable and leaves out web/dist', () => {
    const repo = join(import.meta.dirname, '../..');
    expect(webSourceHash(repo, {})).toMatch(/^[0-9a-f]{64}$/);
    expect(webSourceHash(repo, {})).toBe(webSourceHash(repo, {}));
  });
});
