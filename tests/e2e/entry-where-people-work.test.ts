/**
 * Entry where people work (issue 14 item 4), in a real browser: a returned value shows its reason in the
 * cell and in the popover and reopens with the entry that was returned; a correction of another value never
 * takes over its source (offered as a suggestion instead); a cell of another unit's indicator is read-only
 * with the reason in Chinese; a qualifier (以上) and 预计数 are entered and shown with the value; bulk
 * approval asks for confirmation naming the count. Needs the web app built first.
 */
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addUser, expectStatus, login, type Session } from '../helpers/app.ts';
import {
  chooseOption,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startApp,
  type RunningApp,
} from '../helpers/browser.ts';

const GDP_2022_SOURCE = '《赣州革命老区高质量发展示范区发展规划》第一章：2022年总量达4524亿元';

interface Pending {
  id: number;
  indicatorCode: string;
  year: number;
  valueText: string;
  qualifier: string | null;
  dataStatus: string;
  source: string;
}

let run: RunningApp;
let browser: Browser;
let editor: Session;
let reviewer: Session;

beforeAll(async () => {
  run = await startApp();
  await addUser(run.app, 'editor', 'editor', ['stats']);
  await addUser(run.app, 'reviewer', 'reviewer');
  editor = await login(run.app, 'editor');
  reviewer = await login(run.app, 'reviewer');
  browser = await launchBrowser();

  const put = async (code: string, year: number, value: string, source: string) =>
    expectStatus<{ id: number }>(
      await run.app.inject({
        method: 'PUT',
        url: `/api/v1/indicators/${code}/observations/${year}`,
        headers: editor.headers,
        payload: { value, dataStatus: 'final', source, baseRevision: null },
      }),
      201,
    ).id;
  // GDP 2023 went in with a zero too many and was returned with a reason.
  const wrong = await put('gdp', 2023, '48000', '2023年赣州市统计公报');
  const back = await run.app.inject({
    method: 'POST',
    url: `/api/v1/revisions/${wrong}/return`,
    headers: reviewer.headers,
    payload: { reason: '多了一个0' },
  });
  expect(back.statusCode).toBe(200);
  // two more values waiting for review
  await put('gdp', 2024, '5000', '2024年赣州市统计公报');
  await put('retail_sales', 2024, '2300', '2024年赣州市统计公报');
});

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

const pending = async () =>
  expectStatus<Pending[]>(
    await run.app.inject({ url: '/api/v1/revisions?state=pending', headers: reviewer.headers }),
    200,
  );

describe('entry where people work', () => {
  test('the editor: a returned value, a correction without a borrowed source, a read-only cell, 10以上 as 预计数', async () => {
    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'editor', undefined, '/entry');

    // The returned value says so in the cell, with the reason.
    const returned = page.getByTestId('entry-cell-gdp-2023');
    await expect.poll(() => returned.textContent()).toContain('已退回');
    expect(await page.getByTestId('return-reason-gdp-2023').textContent()).toBe('退回原因：多了一个0');
    await screenshot(page, 'entry-returned-desktop');

    // It reopens with the entry that was returned and the reason.
    await returned.click();
    const form = page.getByTestId('entry-form-gdp-2023');
    await form.waitFor();
    expect(await form.getByTestId('entry-returned').textContent()).toContain('退回原因：多了一个0');
    expect(await form.getByTestId('entry-value').inputValue()).toBe('48000');
    expect(await form.getByTestId('entry-source').inputValue()).toBe('2023年赣州市统计公报');
    // Corrected: 4800, published as 4800以上, a 预计数.
    await form.getByTestId('entry-value').fill('4800');
    await chooseOption(page, form.getByTestId('entry-qualifier'), '以上');
    await chooseOption(page, form.getByTestId('entry-data-status'), '预计数');
    await form.getByTestId('entry-submit').click();
    await page.getByText('已提交，等待审核').waitFor();
    await expect.poll(() => returned.textContent()).toBe('未填报待审核 4,800以上');
    const resubmitted = (await pending()).find((p) => p.indicatorCode === 'gdp' && p.year === 2023);
    expect(resubmitted).toMatchObject({
      valueText: '4800',
      qualifier: 'at_least',
      dataStatus: 'estimate',
      source: '2023年赣州市统计公报',
    });

    // Correcting the approved 2022 figure: its value is offered, its source is not taken over.
    await page.getByTestId('entry-cell-gdp-2022').click();
    const correction = page.getByTestId('entry-form-gdp-2022');
    await correction.waitFor();
    expect(await correction.getByTestId('entry-value').inputValue()).toBe('4524');
    expect(await correction.getByTestId('entry-source').inputValue()).toBe('');
    expect(await correction.getByTestId('entry-source-suggestion-0').textContent()).toBe(GDP_2022_SOURCE);
    await page.keyboard.press('Escape');
    await correction.waitFor({ state: 'detached' });

    // Another unit's indicator: read-only, and it says why in Chinese.
    await page.getByTestId('mine-only').click();
    const foreign = page.getByTestId('entry-cell-fdi_actual-2023');
    await foreign.waitFor();
    expect(await foreign.getAttribute('data-readonly')).toBe('true');
    expect(await foreign.getAttribute('data-reason')).toBe('该指标由市商务局填报，你无权填报');
    expect(await foreign.getAttribute('aria-disabled')).toBe('true');
    await foreign.hover();
    await page.locator('.ant-tooltip').getByText('该指标由市商务局填报，你无权填报').waitFor();
    await foreign.click({ force: true }); // aria-disabled: playwright would wait for it to be enabled
    expect(await page.getByTestId('entry-form-fdi_actual-2023').count()).toBe(0);
    await screenshot(page, 'entry-readonly-desktop');

    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the reviewer: bulk approval asks first, naming the count', async () => {
    const waiting = await pending();
    expect(waiting).toHaveLength(3);
    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'reviewer', undefined, '/review');
    const queue = page.getByTestId('review-queue');
    await queue.locator('tbody tr.ant-table-row').first().waitFor();
    // the value as published in the queue
    await queue.getByText('4,800以上').waitFor();
    await queue.locator('thead .ant-checkbox-input').check();

    await page.getByTestId('approve-selected').click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.locator('.ant-modal-confirm-title').getByText('确认通过所选的 3 条数据？').waitFor();
    await screenshot(page, 'review-bulk-confirm-desktop');
    // Cancelled: nothing approved.
    await page.getByTestId('approve-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await pending()).toHaveLength(3);

    await page.getByTestId('approve-selected').click();
    await page.getByTestId('approve-confirm').click();
    await page.getByText('已处理 3 条').waitFor();
    expect(await pending()).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('an import problem is shown by its code in Chinese: a year outside the plan, with its row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['指标代码', '年份', '数值', '数据状态', '来源']);
    ws.addRow(['gdp', 2025, 5200, '预计数', '市统计局预计']);
    ws.addRow(['gdp', 2026, 5400, '预计数', '市统计局预计']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'editor', undefined, '/entry');
    await page.getByTestId('upload-file').waitFor();
    await page.locator('.excel-card input[type=file]').setInputFiles({
      name: '2026.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    const report = page.getByTestId('import-report');
    await report.getByText('发现 1 处问题，请修改后重新上传').waitFor();
    const reason = report.getByTestId('import-reason');
    expect(await reason.getAttribute('data-code')).toBe('year_outside_plan');
    // the code's text, then the server's particulars in the UI's language
    expect(await reason.textContent()).toBe('年份不在规划期内2026年不在规划期2021–2025年内');
    expect(await report.locator('tbody tr.ant-table-row').first().locator('td').first().textContent()).toBe('3');
    expect(await page.getByTestId('import-commit').count()).toBe(0);
    await screenshot(page, 'entry-import-problem-desktop');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
