/**
 * Entering and reviewing a value in a real browser (issue 5): an editor of 市统计局 enters GDP for
 * 2023 on the entry grid, a reviewer approves it in the queue, and the overview's counts, GDP's status
 * and the detail chart's description change with it; a bad value shows the error at the value field
 * and saves nothing. Checked on screen and through the API.
 * Needs the web app built first (`npx -y pnpm@10.34.8 --filter @gz/web build`).
 */
import type { Indicator, PlanProgressSummary } from '@gz/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addUser, expectStatus, login, type Session } from '../helpers/app.ts';
import {
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startApp,
  type RunningApp,
} from '../helpers/browser.ts';

/** GDP's values and revisions as GET /indicators/gdp/observations returns them (the fields used here). */
interface History {
  current: { year: number; valueText: string; reviewState: string }[];
  revisions: {
    revisionId: number;
    year: number;
    revisionNo: number;
    valueText: string;
    reviewState: string;
    enteredBy: string | null;
    reviewedBy: string | null;
    dataStatus: string;
    source: string;
  }[];
}

// The seed's only GDP figure: 2022 = 4524, reported by the plan itself (approved, entered by nobody).
const SEEDED_2022 = { year: 2022, revisionNo: 1, valueText: '4524', reviewState: 'approved', enteredBy: null };
// GDP's usual source (the indicator's data source), which the entry form offers as a suggestion.
const GDP_SOURCE = '赣州市统计年鉴/统计公报';

let run: RunningApp;
let browser: Browser;
let reader: Session;

beforeAll(async () => {
  run = await startApp();
  await addUser(run.app, 'editor', 'editor', ['stats']);
  await addUser(run.app, 'reviewer', 'reviewer');
  reader = await login(run.app, 'reviewer');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

async function api<T>(url: string): Promise<T> {
  return expectStatus<T>(await run.app.inject({ url, headers: reader.headers }), 200);
}
const gdpHistory = () => api<History>('/api/v1/indicators/gdp/observations');

/** Records every write the page sends to the API, to prove that nothing was sent. */
function writesOf(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET' && request.url().includes('/api/v1/indicators/'))
      writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return writes;
}

describe('entering and reviewing a value', () => {
  test('a bad value shows the error at the value field and nothing is saved', async () => {
    const { page, errors } = await openPage(browser);
    const writes = writesOf(page);
    await signInThroughForm(page, run.base, 'editor', undefined, '/entry');
    const cell = page.getByTestId('entry-cell-gdp-2024');
    await expect.poll(() => cell.textContent()).toBe('未填报');

    await cell.click();
    const form = page.getByTestId('entry-form-gdp-2024');
    await form.waitFor();
    // Not a number at all: refused in the browser, no request sent.
    await form.getByTestId('entry-value').fill('45亿');
    await form.getByTestId('entry-submit').click();
    await form.getByText('请输入数字，如 4523.63').waitFor();
    expect(writes).toEqual([]);
    // The source is never filled in for the user: take the suggested one.
    await form.getByTestId('entry-source-suggestion-0').click();

    // A number GDP cannot have: the API refuses it (400, field body.value) and the form shows its reason at the field.
    await form.getByTestId('entry-value').fill('-5');
    await form.getByTestId('entry-submit').click();
    const fieldError = form.locator('.ant-form-item-explain-error');
    // the API says "the value cannot be negative (数值不能为负)"; the Chinese UI shows its Chinese part
    await fieldError.getByText('数值不能为负', { exact: true }).waitFor();
    expect(await fieldError.count()).toBe(1);
    expect(await form.getByTestId('entry-value').getAttribute('aria-invalid')).toBe('true');
    expect(writes).toEqual(['PUT /api/v1/indicators/gdp/observations/2024']);
    await screenshot(page, 'entry-bad-value-desktop');

    // Nothing saved: GDP still has only the seeded 2022 figure, and the cell still reads empty.
    const history = await gdpHistory();
    expect(history.revisions).toEqual([expect.objectContaining(SEEDED_2022)]);
    expect(history.current.map((o) => o.year)).toEqual([2022]);
    expect(await cell.textContent()).toBe('未填报');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('an editor enters GDP 2023, a reviewer approves it, and the overview and the chart change', async () => {
    // The reviewer opens the overview first: it is what a leader had on screen before the approval.
    const reviewer = await openPage(browser);
    await signInThroughForm(reviewer.page, run.base, 'reviewer');
    const overview = reviewer.page;
    await overview.getByTestId('class-count-on_track').waitFor();
    // Before: only GDP (2022: 4524, schedule ratio 1.066) and 实际利用外资 (2022) are evaluated, both on track.
    expect(await overview.getByTestId('class-count-on_track').locator('.class-count-value').textContent()).toBe('2');
    expect(await overview.getByTestId('class-count-lagging').locator('.class-count-value').textContent()).toBe('0');
    const gdpStatus = overview.getByTestId('area-indicator-gdp').getByTestId('status-tag');
    expect(await gdpStatus.getAttribute('data-status')).toBe('on_track');
    expect(await gdpStatus.textContent()).toBe('基本符合预期');

    // The editor enters 4500 for 2023 in the grid.
    const editor = await openPage(browser);
    await signInThroughForm(editor.page, run.base, 'editor', undefined, '/entry');
    const cell = editor.page.getByTestId('entry-cell-gdp-2023');
    await expect.poll(() => cell.textContent()).toBe('未填报');
    await screenshot(editor.page, 'entry-desktop');
    await cell.click();
    const form = editor.page.getByTestId('entry-form-gdp-2023');
    await form.getByTestId('entry-value').fill('4500');
    // The usual source is offered, not filled in: one click takes it.
    expect(await form.getByTestId('entry-source').inputValue()).toBe('');
    await form.getByTestId('entry-source-suggestion-0').click();
    expect(await form.getByTestId('entry-source').inputValue()).toBe(GDP_SOURCE);
    await form.getByTestId('entry-submit').click();
    await editor.page.getByText('已提交，等待审核').waitFor();
    // The counted value is still empty; the pending one shows beside it.
    await expect.poll(() => cell.textContent()).toBe('未填报待审核 4,500');

    let history = await gdpHistory();
    const pending = history.revisions.find((r) => r.year === 2023);
    expect(pending).toMatchObject({
      revisionNo: 1,
      valueText: '4500',
      reviewState: 'pending',
      enteredBy: 'editor',
      dataStatus: 'preliminary',
      source: GDP_SOURCE,
    });
    expect(history.current.map((o) => o.year)).toEqual([2022]);
    if (!pending) throw new Error('no pending revision');

    // The reviewer approves it from the queue.
    await overview.getByTestId('nav-review').click();
    const approve = overview.getByTestId(`approve-row-${pending.revisionId}`);
    await approve.waitFor();
    const row = overview.locator('tr', { has: approve });
    expect(await row.getByRole('link').textContent()).toBe('GDP');
    expect(await row.locator('.num').first().textContent()).toContain('4,500');
    await screenshot(overview, 'review-desktop');
    await approve.click();
    await overview.getByText('没有待审核的数据').waitFor();

    history = await gdpHistory();
    expect(history.revisions.find((r) => r.revisionId === pending.revisionId)).toMatchObject({
      reviewState: 'approved',
      reviewedBy: 'reviewer',
    });
    expect(history.current.map((o) => [o.year, o.valueText])).toEqual([
      [2022, '4524'],
      [2023, '4500'],
    ]);
    // 2023 = 4500: elapsed e = 0.5, completion c = (4500 − 4169.4) / (5500 − 4169.4) = 0.2485, ratio p = c / e = 0.4969 < 0.60.
    const gdp = await api<Indicator>('/api/v1/indicators/gdp');
    expect(gdp.progress.status).toBe('seriously_lagging');
    expect(gdp.progress.latestYear).toBe(2023);
    expect(gdp.progress.figures.completion.value).toBeCloseTo(330.6 / 1330.6, 10);
    expect(gdp.progress.figures.scheduleRatio.value).toBeCloseTo(0.496919, 6);
    const summary = await api<PlanProgressSummary & { evaluationYear: number }>(
      '/api/v1/plans/ganzhou-2021-2025/summary',
    );
    expect(summary.evaluationYear).toBe(2023);
    expect(summary.byClass).toEqual({ achieved: 0, ahead: 0, on_track: 1, lagging: 1, not_evaluated: 34 });

    // Back on the overview (the same session, no reload): GDP moved from on track to lagging.
    await overview.getByTestId('nav-overview').click();
    await expect
      .poll(() => overview.getByTestId('area-indicator-gdp').getByTestId('status-tag').getAttribute('data-status'))
      .toBe('seriously_lagging');
    expect(await gdpStatus.textContent()).toBe('严重滞后');
    await expect
      .poll(() => overview.getByTestId('class-count-lagging').locator('.class-count-value').textContent())
      .toBe('1');
    expect(await overview.getByTestId('class-count-on_track').locator('.class-count-value').textContent()).toBe('1');
    expect(await overview.getByTestId('year-2023').getAttribute('aria-checked')).toBe('true');
    await screenshot(overview, 'overview-after-approval-desktop');

    // The detail page: the chart's description names the new latest value and status, the panel the figures.
    await overview.getByTestId('area-indicator-gdp').click();
    const chart = overview.getByTestId('chart');
    await chart.waitFor();
    // Polled: what was cached from before the approval may show for a moment while the page asks again.
    await expect
      .poll(() => chart.getAttribute('aria-label'))
      .toBe(
        'GDP（亿元）：基期2021年4,169.4，2025年目标“5500”；最新2023年4,500，较上期下降。进展：严重滞后。年度目标：2023年“增长7.5%左右”。',
      );
    const panel = overview.getByTestId('status-panel');
    await expect.poll(() => panel.getByTestId('status-tag').textContent()).toBe('严重滞后');
    const explanation = await panel.getByTestId('status-explanation').textContent();
    expect(explanation).toContain('2023年为4500');
    expect(explanation).toContain('序时进度50.0%，完成进度24.8%');
    const figures = Object.fromEntries(
      await panel
        .locator('.figures tr')
        .evaluateAll((rows) =>
          rows.map((r) => [r.querySelector('th')?.textContent ?? '', r.querySelector('td')?.textContent ?? '']),
        ),
    );
    // Hand-computed: expected 4169.4 + 0.5 × 1330.6 = 4834.7; still needed (5500/4500)^(1/2) − 1 = 10.55 %;
    // actual CAGR (4500/4169.4)^(1/2) − 1 = 3.89 %, projected 4169.4 × 1.03889^4 = 4856.81; required CAGR (5500/4169.4)^(1/4) − 1 = 7.17 %.
    expect(figures).toEqual({
      时间进度: '50.0%',
      完成度: '24.8%',
      // p = 0.2485 / 0.5 = 0.4969, cut down to two decimals like the explanation above
      '进度比（完成度 ÷ 时间进度）': '0.49',
      按序时进度应达: '4,834.7 亿元',
      此后每年需变化: '10.55%',
      按现有增速预计2025年: '4,856.81 亿元',
      实际年均增速: '3.89%',
      所需年均增速: '7.17%',
      '增速比（实际 ÷ 所需）': '0.54',
    });
    await screenshot(overview, 'detail-after-approval-desktop');

    expect(reviewer.errors).toEqual([]);
    expect(editor.errors).toEqual([]);
    await reviewer.page.context().close();
    await editor.page.context().close();
  });
});
