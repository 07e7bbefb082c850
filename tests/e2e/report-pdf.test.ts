/**
 * The printable evaluation report in a real browser: Chromium opens /reports/{planId}/{year} from the built
 * web app served by the API, prints it to PDF, and the PDF's text is read back page by page. Every area's
 * title and every indicator's name must be in it, and each area must start on a page of its own.
 * Needs the web app built first (`npx -y pnpm@10.34.8 --filter @gz/web build`).
 */
import type { EvaluationReport } from '@gz/shared';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, PLAN_ID } from '../helpers/app.ts';
import { launchBrowser, startApp, type RunningApp } from '../helpers/browser.ts';

let running: RunningApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  running = await startApp({ PUBLIC_READ: true });
  base = running.base;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

/** The text of each page of a PDF, whitespace removed (line breaks inside a cell must not split a name). */
async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: pdf, useSystemFonts: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .replace(/\s+/g, ''),
    );
  }
  await doc.destroy();
  return pages;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('the printed evaluation report', () => {
  test('holds every area and indicator, each area starting on a new page', async () => {
    const report = (await (await fetch(`${base}/api/v1/plans/${PLAN_ID}/evaluations/2023`)).json()) as EvaluationReport;
    expect(report.areas).toHaveLength(7);

    const page = await browser.newPage();
    await page.goto(`${base}/reports/${PLAN_ID}/2023`);
    await page.getByTestId('report-area').nth(6).waitFor();
    expect(await page.getByTestId('report-area').count()).toBe(7);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.close();

    const pages = await pageTexts(new Uint8Array(pdf));
    expect(pages[0]).toContain(squeeze(report.title));
    expect(pages[0]).toContain('三、评估意见');
    expect(pages[0]).toContain(squeeze(report.narrative.split('\n')[0]!));

    const numerals = ['一', '二', '三', '四', '五', '六', '七'];
    // The page each area starts on: the one whose text begins with the area's heading.
    const starts = report.areas.map((area, k) => {
      const heading = `（${numerals[k]}）${area.name}`;
      const at = pages.findIndex((text) => text.startsWith(heading));
      expect(at, `no page starts with ${heading}`).toBeGreaterThan(0);
      return at;
    });
    for (let k = 1; k < starts.length; k += 1) expect(starts[k]!).toBeGreaterThan(starts[k - 1]!);

    report.areas.forEach((area, k) => {
      const text = pages.slice(starts[k], starts[k + 1] ?? pages.length).join('');
      for (const row of area.rows) expect(text, `${row.name} is not on the pages of ${area.name}`).toContain(squeeze(row.name));
    });
    const all = pages.join('');
    for (const row of report.areas.flatMap((a) => a.rows)) expect(all).toContain(squeeze(row.name));
  });

  test('a reviewer edits the narrative: the print carries the edit, and issuing freezes it', async () => {
    const context = await browser.newContext();
    const login = await context.request.post(`${base}/api/v1/auth/login`, { data: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    await page.goto(`${base}/reports/${PLAN_ID}/2024`);
    const editor = page.getByTestId('report-narrative-editor');
    await editor.fill('经审议，2024年度各项指标总体平稳。');
    await page.emulateMedia({ media: 'print' });
    const pages = await pageTexts(new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
    expect(pages[0]).toContain('经审议，2024年度各项指标总体平稳。');
    expect(pages.join('')).not.toContain('2024年实施情况进行年度评估');

    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: '出具报告' }).click();
    await expect.poll(() => page.getByTestId('report-state').textContent()).toMatch(/^已出具 #\d+$/);
    await expect.poll(async () => page.getByTestId('report-narrative-editor').count()).toBe(0);
    const issued = (await (await fetch(`${base}/api/v1/plans/${PLAN_ID}/evaluations/2024`)).json()) as EvaluationReport;
    expect(issued.narrative).toBe('经审议，2024年度各项指标总体平稳。');
    expect(issued.issued?.createdBy).toBe('admin');
    await context.close();
  });
});
