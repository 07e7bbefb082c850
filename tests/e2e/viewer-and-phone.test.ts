/**
 * Access, phone layout and language in a real browser (issue 5): a viewer cannot reach the entry
 * screen (nor can anyone signed out); overview, list, detail and entry fit a 390 px phone without
 * sideways scrolling, and the chart follows the window's width; the UI is in Chinese by default and
 * switches to English and back. Screenshots of each screen at 1280×800 and 390×844 go to tests/artifacts/.
 * Needs the web app built first (`npx -y pnpm@10.34.8 --filter @gz/web build`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addUser, login, PASSWORD } from '../helpers/app.ts';
import {
  horizontalOverflow,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startApp,
  VIEWPORTS,
  type RunningApp,
  type ViewportName,
} from '../helpers/browser.ts';

let run: RunningApp;
let browser: Browser;

beforeAll(async () => {
  run = await startApp();
  await addUser(run.app, 'editor', 'editor', ['stats']);
  await addUser(run.app, 'viewer', 'viewer');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

/** The rendered width of the detail page's chart canvas, in CSS pixels. */
async function chartWidth(page: Page): Promise<number> {
  const box = await page.getByTestId('chart').locator('canvas').first().boundingBox();
  if (!box) throw new Error('the chart has no canvas on screen');
  return box.width;
}

describe('who may open the entry screen', () => {
  test('a viewer sees no entry link, is refused the entry screen, and the API refuses their write', async () => {
    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'viewer');
    await page.getByTestId('nav-indicators').waitFor();
    expect(await page.getByTestId('nav-entry').count()).toBe(0);
    expect(await page.getByTestId('nav-review').count()).toBe(0);
    expect(await page.getByTestId('nav-admin').count()).toBe(0);

    // Typing the address does not help: the screen says so, and no grid is rendered.
    await page.goto(`${run.base}/entry`);
    await page.getByText('当前账号无权访问此页面').waitFor();
    expect(await page.getByTestId('entry-grid').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/entry');

    // The screen only hides a dead end; the API is what refuses (403 for the viewer's own session).
    const session = await login(run.app, 'viewer');
    const res = await run.app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2023',
      headers: session.headers,
      payload: { value: '4500', dataStatus: 'preliminary', source: 'test', note: null, baseRevision: null },
    });
    expect(res.statusCode).toBe(403);
    const history = (
      await run.app.inject({ url: '/api/v1/indicators/gdp/observations', headers: session.headers })
    ).json() as { revisions: { year: number }[] };
    expect(history.revisions.map((r) => r.year)).toEqual([2022]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('someone signed out who opens the entry screen is sent to sign in, and comes back to it after', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${run.base}/entry`);
    await page.getByText('请登录后查看').waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/login?next=%2Fentry');
    await page.getByTestId('login-username').fill('editor');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('entry-cell-gdp-2022').waitFor();
    expect(new URL(page.url()).pathname).toBe('/entry');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('on a phone and on a desktop', () => {
  // Each screen with what shows it has loaded (the data, not a spinner).
  const screens = [
    { name: 'overview', path: '/', ready: 'area-indicator-gdp' },
    { name: 'list', path: '/indicators', ready: 'indicator-link-gdp' },
    { name: 'detail', path: '/indicators/gdp', ready: 'chart' },
    { name: 'entry', path: '/entry', ready: 'entry-cell-gdp-2022' },
  ] as const;

  for (const viewport of ['desktop', 'phone'] as const satisfies readonly ViewportName[]) {
    test(`overview, list, detail and entry fit ${VIEWPORTS[viewport].width} px without sideways scrolling`, async () => {
      const { page, errors } = await openPage(browser, viewport);
      await signInThroughForm(page, run.base, 'editor');
      for (const screen of screens) {
        await page.goto(`${run.base}${screen.path}`);
        await page.getByTestId(screen.ready).first().waitFor();
        await screenshot(page, `${screen.name}-${viewport}`);
        expect({ screen: screen.name, overflow: await horizontalOverflow(page) }).toEqual({
          screen: screen.name,
          overflow: 0,
        });
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  test('the chart takes the width it is given and follows the window when it narrows and widens', async () => {
    const { page, errors } = await openPage(browser, 'desktop');
    await signInThroughForm(page, run.base, 'viewer', undefined, '/indicators/gdp');
    await page.getByTestId('chart').waitFor();
    const desktop = await chartWidth(page);
    // Beside the status panel on a desktop: well over half of the 1280 px, but not all of it.
    expect(desktop).toBeGreaterThan(500);
    expect(desktop).toBeLessThan(1280 - 300);

    await page.setViewportSize(VIEWPORTS.phone);
    // On the phone the chart spans the page less its paddings (12 px each side, card body 12 px each side).
    await expect.poll(() => chartWidth(page)).toBeLessThanOrEqual(390 - 48);
    expect(await chartWidth(page)).toBeGreaterThan(300);
    expect(await horizontalOverflow(page)).toBe(0);

    await page.setViewportSize(VIEWPORTS.desktop);
    await expect.poll(() => chartWidth(page)).toBe(desktop);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('language', () => {
  test('Chinese by default; the switch turns the UI to English, is remembered, and turns it back', async () => {
    const { page, errors } = await openPage(browser, 'phone');
    // Only the active language's dictionary is fetched (issue 13): the English one comes with the switch.
    const englishDictionary: string[] = [];
    const reading: Promise<void>[] = [];
    page.on('response', (response) => {
      if (!response.url().endsWith('.js')) return;
      reading.push(
        response
          .text()
          .then((body) => {
            if (body.includes('Ganzhou Demonstration Zone Indicator Tracker')) englishDictionary.push(response.url());
          })
          .catch(() => undefined),
      );
    });
    await signInThroughForm(page, run.base, 'viewer', undefined, '/indicators/gdp');
    const chart = page.getByTestId('chart');
    await chart.waitFor();
    const nav = page.getByTestId('nav-overview');
    const status = page.getByTestId('status-panel').getByTestId('status-tag');

    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await nav.textContent()).toBe('总览');
    expect(await status.textContent()).toBe('基本符合预期');
    expect(await page.getByTestId('locale-switch').textContent()).toContain('English');
    expect(await chart.getAttribute('aria-label')).toBe(
      'GDP（亿元）：基期2021年4,169.4，2025年目标“5500”；最新2022年4,524，较上期上升。进展：基本符合预期。年度目标：2023年“增长7.5%左右”。',
    ); // the 2023 work report's target (seed 002)

    await Promise.all(reading);
    expect(englishDictionary).toEqual([]);

    await page.getByTestId('locale-switch').click();
    await expect.poll(() => nav.textContent()).toBe('Overview');
    await Promise.all(reading);
    expect(englishDictionary).toHaveLength(1);
    expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
      'en',
      'Ganzhou Demonstration Zone Indicator Tracker',
    ]);
    expect(await status.textContent()).toBe('On track');
    expect(await page.getByTestId('locale-switch').textContent()).toContain('中文');
    // The chart's description is rebuilt in English (names and units are data and stay as the plan prints them).
    await expect
      .poll(() => chart.getAttribute('aria-label'))
      .toBe(
        'GDP (亿元): baseline 4,169.4 in 2021, target “5500” by 2025; latest 4,524 in 2022, up from the previous value. Progress: On track. Yearly targets: 2023 “增长7.5%左右”.',
      );
    await screenshot(page, 'detail-en-phone');

    // Remembered on this device: a reload stays English.
    await page.reload();
    await chart.waitFor();
    expect(await nav.textContent()).toBe('Overview');
    expect(await status.textContent()).toBe('On track');

    await page.getByTestId('locale-switch').click();
    await expect.poll(() => nav.textContent()).toBe('总览');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await status.textContent()).toBe('基本符合预期');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
