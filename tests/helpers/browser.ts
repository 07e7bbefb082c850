/**
 * Shared pieces of the browser tests: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), the real app listening on a loopback port with the built web app, screenshots as test
 * artifacts, and signing in through the login form the way a person does.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@gz/server';
import type { Config } from '@gz/server/config.ts';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ADMIN_PASSWORD, PASSWORD } from './app.ts';

const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
/** The built web app the server serves; the browser tests need it, unit and API tests do not. */
export const WEB_DIST = join(REPO, 'web/dist');
/** Where screenshots go: gitignored, kept after the run for people (and CI) to look at. */
export const ARTIFACTS = join(REPO, 'tests/artifacts');

/** The two sizes every screen must work at: a desktop and the reference phone (issue 5). */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

// Headless, and nothing that reaches the network on its own: the tests must run offline.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Debian's Chromium (installed by scripts/ensure-browser.sh). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The real app listening on a loopback port, over a fresh SQLite file of its own. */
export interface RunningApp {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:41234 */
  base: string;
  dbPath: string;
  /** stops the server and deletes the database file */
  close: () => Promise<void>;
}

/**
 * Builds the app in-process (migrated and seeded, admin created) serving the built web app, and
 * listens on a free port. A file database rather than :memory: so the run is the production setup.
 */
export async function startApp(config: Partial<Config> = {}): Promise<RunningApp> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `${WEB_DIST}/index.html is missing: run pnpm build first (npx -y pnpm@10.34.8 --filter @gz/web build)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'gz-e2e-'));
  const dbPath = join(dir, 'e2e.db');
  const app = await buildApp({ config: { DB_PATH: dbPath, ADMIN_PASSWORD, WEB_DIST, ...config } });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return {
    app,
    base: `http://127.0.0.1:${address.port}`,
    dbPath,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ECharts draws its lines in over about a second (symbols last): a picture taken earlier shows half a chart.
const CHART_ANIMATION_MS = 1500;

/** Saves a full-page PNG as tests/artifacts/<name>.png (after any chart has finished drawing) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if ((await page.locator('canvas').count()) > 0) await page.waitForTimeout(CHART_ANIMATION_MS);
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * A fresh page in a context of its own (its own cookies: one person per context) at the given size.
 * Uncaught errors in the page are collected in `errors`, for a test to assert there were none.
 */
export async function openPage(
  browser: Browser,
  viewport: ViewportName = 'desktop',
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport] });
  // Every screen here answers within a second or two; a wait that runs longer is a failure, and a short
  // limit keeps a failing file well inside its time budget instead of stalling 30 s per step.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** Signs in through the login form and waits until the app shows the user as signed in. */
export async function signInThroughForm(
  page: Page,
  base: string,
  username: string,
  password = PASSWORD,
  next = '/',
): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').filter({ hasText: username }).waitFor();
}

/**
 * How far the page is wider than its viewport, in CSS pixels (0: no sideways scrolling). A phone
 * layout that overflows makes the whole page pan, which is what issue 5 rules out.
 */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Does `act` until `taken` holds, up to 3 times (an error of `act` before the last try counts as not taken).
 * Under a loaded CI machine an antd popup can be realigned (a drawer still pushing its parent) between
 * Playwright's hit check and its click, which then lands beside the option and closes the popup — a race of
 * the driver, not something a person can meet; each control is therefore checked for what it shows.
 */
export async function untilTaken(what: string, act: () => Promise<void>, taken: () => Promise<boolean>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const acted = await act().then(
      () => true,
      (error: unknown) => {
        if (attempt === 3) throw error;
        return false;
      },
    );
    const ok =
      acted &&
      (await expect
        .poll(taken, { timeout: 2000 })
        .toBe(true)
        .then(
          () => true,
          () => false,
        ));
    if (ok) return;
    if (attempt === 3) throw new Error(`${what} not taken after ${attempt} tries`);
  }
}

/** Picks an option of an antd single select by its label and waits until the select shows it (see untilTaken). */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`);
  await untilTaken(
    `the select's “${label}”`,
    async () => {
      if ((await option.count()) === 0) await select.click();
      await option.click();
    },
    async () => (await select.textContent())?.includes(label) ?? false,
  );
}
