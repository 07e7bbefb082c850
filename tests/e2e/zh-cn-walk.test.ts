/**
 * The Chinese UI speaks Chinese (issue 15 item 6): every page, in zh-CN, as each role (admin, reviewer,
 * editor, viewer, and signed out), every tab opened, shows no English word outside the data. The data
 * (indicator names, units, codes, sources, plan titles, user names) is read from the API and taken out
 * of the text first; what is left may hold only the allow-listed tokens (file types, the language
 * switch, acronyms the plan itself prints). API errors and missing-figure reasons are shown from the
 * dictionaries by code, so a page whose figures cannot be computed is covered too.
 * Needs the web app built first (`npx -y pnpm@10.34.8 --filter @gz/web build`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, addUser, login, PLAN_ID, type Session } from '../helpers/app.ts';
import { launchBrowser, openPage, signInThroughForm, startApp, type RunningApp } from '../helpers/browser.ts';

/** Latin tokens allowed in the Chinese UI: file types, the switch to English, acronyms and symbols of units. */
const ALLOWED = new Set(['english', 'excel', 'word', 'xlsx', 'csv', 'pdf', 'gdp', 'pm', 'cagr', 'id', 'api']);

type Role = 'admin' | 'reviewer' | 'editor' | 'viewer';
const ROLES: Role[] = ['admin', 'reviewer', 'editor', 'viewer'];

let run: RunningApp;
let browser: Browser;
/** Texts that are data, longest first (so that a long name is taken out before a code inside it). */
let dataTexts: string[] = [];
let indicatorCodes: string[] = [];
let reportYear: number;

interface IndicatorRow {
  code: string;
  name: string;
  unit: string;
  unitNote: string | null;
  category: { code: string; name: string };
  baseline: { note: string | null; valueText: string | null };
  target: { text: string | null; note: string | null };
  definition: string | null;
  department: string | null;
  dataSource: string | null;
  latest: { source: string; note: string | null } | null;
}

beforeAll(async () => {
  run = await startApp();
  await addUser(run.app, 'reviewer', 'reviewer');
  await addUser(run.app, 'editor', 'editor', ['stats']);
  await addUser(run.app, 'viewer', 'viewer');
  const editor: Session = await login(run.app, 'editor');
  // a pending value, so that the review queue and the entry grid show one
  const put = await run.app.inject({
    method: 'PUT',
    url: '/api/v1/indicators/gdp/observations/2023',
    headers: editor.headers,
    payload: { value: '4606.21', dataStatus: 'preliminary', source: '统计快报', note: '初步数' },
  });
  expect(put.statusCode, put.body).toBe(201);

  const admin = await login(run.app, 'admin', ADMIN_PASSWORD);
  const indicators = (
    await run.app.inject({ url: '/api/v1/indicators', headers: admin.headers })
  ).json() as IndicatorRow[];
  const plans = (await run.app.inject({ url: '/api/v1/plans', headers: admin.headers })).json() as Array<{
    id: string;
    title: string;
    baselineYear: number;
    targetYear: number;
  }>;
  indicatorCodes = indicators.map((i) => i.code);
  const plan = plans.find((p) => p.id === PLAN_ID);
  reportYear = (plan?.baselineYear ?? 2020) + 3;
  const texts = [
    ...indicators.flatMap((i) => [
      i.code,
      i.name,
      i.unit,
      i.unitNote ?? '',
      i.category.code,
      i.category.name,
      i.baseline.note ?? '',
      i.target.text ?? '',
      i.target.note ?? '',
      i.definition ?? '',
      i.department ?? '',
      i.dataSource ?? '',
      i.latest?.source ?? '',
      i.latest?.note ?? '',
    ]),
    ...plans.flatMap((p) => [p.id, p.title]),
    'admin',
    'reviewer',
    'editor',
    'viewer',
    '统计快报',
  ];
  dataTexts = [...new Set(texts.filter((t) => t.trim() !== ''))].sort((a, b) => b.length - a.length);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

/**
 * The text a person reads on the page now: the visible text and the placeholders, titles and labels
 * (antd's icons are left out: their aria-label is the icon's file name, e.g. `caret-down`, not a text).
 */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const labelled = [...document.querySelectorAll('[placeholder], [title], [aria-label]')].filter(
      (e) => !e.classList.contains('anticon'),
    );
    const attributes = labelled.flatMap((e) =>
      ['placeholder', 'title', 'aria-label'].map((a) => e.getAttribute(a) ?? ''),
    );
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is wanted, not hidden nodes' text
    return `${document.body.innerText}\n${attributes.join('\n')}\n${document.title}`;
  });
}

/** The English words on the page that are neither data (the app's, or `extra`) nor allow-listed. */
async function englishWords(page: Page, extra: string[] = []): Promise<string[]> {
  let text = await readableText(page);
  for (const data of [...extra, ...dataTexts].sort((a, b) => b.length - a.length)) text = text.split(data).join(' ');
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w.toLowerCase())))];
}

/** Waits until the page has loaded its data (no request in flight, no spinner left). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.page-spin, .ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(200);
}

/** Opens each path (and each tab on it) and returns the English words found, by path. */
async function walk(page: Page, paths: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(`${run.base}${path}`);
    await settle(page);
    const words = await englishWords(page);
    const tabs = page.locator('.ant-tabs-tab');
    const tabCount = await tabs.count();
    for (let k = 1; k < tabCount; k++) {
      await tabs.nth(k).click();
      await settle(page);
      words.push(...(await englishWords(page)));
    }
    if (words.length > 0) found[path] = [...new Set(words)];
  }
  return found;
}

const pathsFor = (codes: string[]) => [
  '/',
  '/indicators',
  ...codes.map((c) => `/indicators/${c}`),
  '/entry',
  '/review',
  '/admin',
  `/reports/${PLAN_ID}/${reportYear}`,
  `/reports/${PLAN_ID}/${reportYear}?live=true`,
  '/no-such-page',
];

describe('every page in zh-CN', () => {
  test('signed out: the pages and the sign-in form', async () => {
    const { page, errors } = await openPage(browser);
    const found = await walk(page, ['/login', '/', '/indicators', '/indicators/gdp', '/entry', '/no-such-page']);
    if (Object.keys(found).length > 0) console.log(`FOUND ${JSON.stringify(found)}`);
    expect(found).toEqual({});
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test.each(ROLES)(
    'as %s',
    async (role) => {
      const { page, errors } = await openPage(browser);
      const password = role === 'admin' ? ADMIN_PASSWORD : undefined;
      await signInThroughForm(page, run.base, role, password);
      // every indicator's page once (as admin: their figures and reasons differ); a sample for the other roles
      const codes = role === 'admin' ? indicatorCodes : indicatorCodes.slice(0, 3);
      const found = await walk(page, pathsFor(codes));
      if (Object.keys(found).length > 0) console.log(`FOUND ${JSON.stringify(found)}`);
      expect(found).toEqual({});
      expect(errors).toEqual([]);
      await page.context().close();
    },
    600_000,
  );
});

describe('errors and reports in zh-CN', () => {
  test('an import with problems and an unreadable file show their reasons and errors in Chinese', async () => {
    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'editor');
    await page.goto(`${run.base}/entry`);
    await settle(page);
    // a CSV with a problem in every checked column: unknown code, bad year, bad status, bad value, other department
    const csv = [
      '指标代码 code,年份 year,数值 value,数据状态 dataStatus,来源 source,备注 note,修订号 revision',
      'nosuch,2023,1,final,统计公报,,',
      'gdp,20x3,1,final,统计公报,,',
      'gdp,2024,abc,guess,统计公报,,',
      'forest_coverage,2023,70,final,统计公报,,',
    ].join('\n');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'values.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-report').waitFor();
    await settle(page);
    // the file's own header and cells are data; the reasons beside them are the app's words
    const fileTexts = csv
      .split('\n')
      .flatMap((line) => line.split(','))
      .filter((cell) => cell !== '');
    expect(await page.getByTestId('import-report').textContent()).toContain('该指标不属于您所在的单位');
    expect(await englishWords(page, fileTexts)).toEqual([]);
    // a file that is no workbook: the API's unreadable_file, shown from the dictionary
    await page.locator('input[type=file]').setInputFiles({
      name: 'values.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('PK\u0003\u0004 not a zip'),
    });
    await page.getByText('文件无法读取').first().waitFor();
    expect(await englishWords(page, fileTexts)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});

test('the check finds English: the same walk in English reports words', async () => {
  const { page } = await openPage(browser);
  await page.goto(`${run.base}/`);
  await settle(page);
  await page.evaluate(() => localStorage.setItem('gz.locale', 'en'));
  await page.goto(`${run.base}/indicators`);
  await settle(page);
  expect((await englishWords(page)).length).toBeGreaterThan(5);
  await page.context().close();
});
