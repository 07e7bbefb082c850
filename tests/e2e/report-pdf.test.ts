/**
 * The official evaluation report in a real browser (issue #11): Chromium opens /reports/{planId}/2025 from the
 * built web app served by the API and prints it to PDF; the PDF is read back page by page: front matter, numbered
 * sections, page numbers (第 N 页 共 M 页) on every page, portrait body, and the 附表 on a landscape page of its
 * own with every indicator. Issuing in the browser shows what is missing first and names the issuer by display
 * name; at 390 px the page does not scroll sideways and the verdict is in view.
 * Needs the web app built first (`npx -y pnpm@10.34.8 --filter @gz/web build`).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createUsersRepository } from '@gz/server/modules/users/users.repository.ts';
import { createUser } from '@gz/server/modules/users/users.service.ts';
import type { EvaluationReport } from '@gz/shared';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PASSWORD, PLAN_ID } from '../helpers/app.ts';
import {
  ARTIFACTS,
  horizontalOverflow,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startApp,
  type RunningApp,
} from '../helpers/browser.ts';

let running: RunningApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  running = await startApp({ PUBLIC_READ: true });
  base = running.base;
  browser = await launchBrowser();
  await createUser(createUsersRepository(running.app.db), {
    username: 'lili',
    password: PASSWORD,
    role: 'reviewer',
    units: [],
    displayName: '李丽',
  });
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

interface PdfPage {
  text: string;
  landscape: boolean;
}

/** The text of each page of a PDF, whitespace removed, and whether the page is landscape. */
async function readPdf(pdf: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: pdf, useSystemFonts: false, disableFontFace: true }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const [x0, y0, x1, y1] = page.view;
    pages.push({
      text: content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .replace(/\s+/g, ''),
      landscape: (x1 ?? 0) - (x0 ?? 0) > (y1 ?? 0) - (y0 ?? 0),
    });
  }
  await doc.destroy();
  return pages;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('the printed final report', () => {
  test('front matter, sections, page numbers on every page, the 附表 landscape on its own pages with every indicator', async () => {
    const report = (await (await fetch(`${base}/api/v1/plans/${PLAN_ID}/evaluations/2025`)).json()) as EvaluationReport;
    const { page } = await openPage(browser);
    await page.goto(`${base}/reports/${PLAN_ID}/2025`);
    await page.getByTestId('report-appendix').waitFor();
    expect(await page.getByTestId('appendix-row').count()).toBe(36);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'report-final-2025.pdf'), pdf);
    await page.close();

    const pages = await readPdf(new Uint8Array(pdf));
    const total = pages.length;
    expect(total).toBeGreaterThan(2);
    pages.forEach((p, k) => {
      expect(p.text, `page ${k + 1}`).toContain(`第${k + 1}页共${total}页`);
    });
    expect(pages[0]?.text).toContain(squeeze(report.frontMatter.title));
    expect(pages[0]?.text).toContain('征求意见稿');
    expect(pages[0]?.text).toContain('赣州市发展和改革委员会');
    expect(pages[0]?.landscape).toBe(false);
    const all = pages.map((p) => p.text).join('');
    const titles = ['总体评价', '主要指标完成情况', '重点任务落实情况', '存在的问题', '下一步建议'];
    for (const [k, title] of titles.entries()) expect(all).toContain(`${'一二三四五'[k]}、${title}`);
    // none of the 9 binding indicators has a 2025 figure: the dangerous sentence must not be printed
    expect(all).not.toContain('约束性指标无预警');

    const first = pages.findIndex((p) => p.text.includes('附表主要指标完成情况表'));
    expect(first).toBeGreaterThan(0);
    expect(pages[first - 1]?.landscape).toBe(false);
    expect(pages[first - 1]?.text).not.toContain('附表主要指标完成情况表');
    const appendix = pages.slice(first);
    expect(appendix.every((p) => p.landscape)).toBe(true);
    expect(pages.slice(0, first).some((p) => p.landscape)).toBe(false);
    // the body before the 附表 holds no table row of it; the 附表 holds every indicator, the header on each page
    const appendixText = appendix.map((p) => p.text).join('');
    for (const row of report.areas.flatMap((a) => a.rows)) expect(appendixText).toContain(squeeze(row.name));
    for (const p of appendix) expect(p.text).toContain('序号类别指标单位属性基期值目标值');
    expect(appendixText).toContain('完成情况');
  });
});

describe('issuing in the browser', () => {
  test('the confirmation lists what is missing (binding first); the issued report names the display name', async () => {
    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, base, 'lili', PASSWORD);
    await page.goto(`${base}/reports/${PLAN_ID}/2024`);
    await page.getByTestId('report-issue').click();
    const dialog = page.getByTestId('issue-confirm');
    await dialog.waitFor();
    const items = dialog.getByTestId('issue-gaps').locator('li');
    const count = await items.count();
    expect(count).toBeGreaterThan(9);
    const attributes = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-attribute')));
    const kinds = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')));
    // binding indicators first among the missing figures and targets
    const firstExpected = attributes.indexOf('expected');
    expect(attributes.slice(0, firstExpected).every((a) => a === 'binding')).toBe(true);
    expect(firstExpected).toBe(9);
    expect(kinds.slice(0, 9).every((k) => k === 'missing_data' || k === 'target_pending')).toBe(true);
    expect(await items.first().textContent()).toMatch(/目标未下达|数据缺失/);
    expect(kinds).toContain('reason_missing');
    await screenshot(page, 'report-issue-confirm');
    await page.getByTestId('issue-confirm-ok').click();
    await expect.poll(() => page.getByTestId('report-state').textContent()).toMatch(/^已出具 #\d+$/);
    await expect.poll(() => page.getByTestId('report-issuer').textContent()).toContain('出具人：李丽');
    expect(await page.getByTestId('report-draft-state').textContent()).toBe('正式稿');
    expect(await page.getByTestId('report-issuer').textContent()).toMatch(/（北京时间）/);
    const issued = (await (await fetch(`${base}/api/v1/plans/${PLAN_ID}/evaluations/2024`)).json()) as EvaluationReport;
    expect(issued.issued?.createdByName).toBe('李丽');
    expect(errors).toEqual([]);
  });
});

describe('the report on a 390 px phone', () => {
  test('no sideways scroll of the page; the verdict column in view', async () => {
    const { page, errors } = await openPage(browser, 'phone');
    await page.goto(`${base}/reports/${PLAN_ID}/2025`);
    await page.getByTestId('report-appendix').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    const verdict = page.getByTestId('appendix-verdict').first();
    await verdict.scrollIntoViewIfNeeded();
    const box = await verdict.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 999) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    expect((await verdict.textContent())?.length).toBeGreaterThan(0);
    await screenshot(page, 'report-phone');
    expect(errors).toEqual([]);
  });
});
