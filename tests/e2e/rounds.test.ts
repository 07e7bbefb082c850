/**
 * A reporting round end to end in Chromium (#14): the admin opens a round for GDP 2025 on the rounds
 * page; the editor of 市统计局 sees it on the to-do and in the header's message count; enters the
 * value; the reviewer returns it with a reason; the editor reads the reason in a message and on the
 * to-do, resubmits; the reviewer approves; the board shows 100 % for 市统计局.
 * Also: the user form offers only units of the directory (a typed unknown unit selects nothing).
 * Needs the web app built first (`npx -y pnpm@10.34.8 --filter @gz/web build`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, addUser, expectStatus, login, type Session } from '../helpers/app.ts';
import {
  horizontalOverflow,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startApp,
  type RunningApp,
} from '../helpers/browser.ts';

interface History {
  revisions: { revisionId: number; year: number; valueText: string; reviewState: string }[];
}

const REASON = '与统计快报不一致，请核实后重报';
let run: RunningApp;
let browser: Browser;
let reader: Session;

/** A due date 20 days from today (YYYY-MM-DD): the round is open and nothing is overdue. */
const dueDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  run = await startApp({ REMINDER_INTERVAL_MS: 0 });
  await addUser(run.app, 'editor', 'editor', ['stats']);
  await addUser(run.app, 'reviewer', 'reviewer');
  reader = await login(run.app, 'admin', ADMIN_PASSWORD);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

const gdp2025 = async () =>
  (
    await expectStatus<History>(
      await run.app.inject({ url: '/api/v1/indicators/gdp/observations', headers: reader.headers }),
      200,
    )
  ).revisions.filter((r) => r.year === 2025);

async function enterGdp2025(page: Page, value: string): Promise<void> {
  await page.getByTestId('nav-entry').click();
  const cell = page.getByTestId('entry-cell-gdp-2025');
  await cell.click();
  const form = page.getByTestId('entry-form-gdp-2025');
  await form.getByTestId('entry-value').fill(value);
  await form.getByTestId('entry-source').fill('2025年赣州市统计公报');
  await form.getByTestId('entry-submit').click();
  await page.getByText('已提交，等待审核').waitFor();
}

describe('a reporting round in the browser', () => {
  test('open → to-do and message count → entry → returned with a reason → resubmitted → approved → 100 %', async () => {
    // The admin opens the round for GDP, 2025 (the form's default year), due in 20 days.
    const admin = await openPage(browser);
    await signInThroughForm(admin.page, run.base, 'admin', ADMIN_PASSWORD, '/rounds');
    await admin.page.getByTestId('open-round').click();
    const indicators = admin.page.locator('.ant-modal .ant-select').nth(1);
    await indicators.click();
    await admin.page.keyboard.type('GDP');
    await admin.page.locator('.ant-select-item-option[title="GDP"]').click();
    await admin.page.keyboard.press('Escape');
    await admin.page.getByTestId('round-due').fill(dueDate);
    await admin.page.getByTestId('round-submit').click();
    await admin.page.getByTestId('completeness-board').waitFor();
    await expect.poll(() => admin.page.getByTestId('percent-stats').textContent()).toBe('0.0%');
    await screenshot(admin.page, 'rounds-opened-desktop');

    // The editor: one unread message, and the round on the to-do.
    const editor = await openPage(browser);
    await signInThroughForm(editor.page, run.base, 'editor', undefined, '/todo');
    await expect.poll(() => editor.page.getByTestId('unread-count').textContent()).toBe('1');
    await expect.poll(() => editor.page.getByTestId('todo-status-gdp-2025').textContent()).toBe('待填报');
    await enterGdp2025(editor.page, '5400');
    let revs = await gdp2025();
    expect(revs.map((r) => [r.valueText, r.reviewState])).toEqual([['5400', 'pending']]);
    const first = revs[0]?.revisionId ?? 0;

    // The reviewer returns it with a reason.
    const reviewer = await openPage(browser);
    await signInThroughForm(reviewer.page, run.base, 'reviewer', undefined, '/review');
    await reviewer.page.getByTestId(`return-row-${first}`).click();
    await reviewer.page.getByTestId('return-reason').fill(REASON);
    await reviewer.page.getByTestId('return-confirm').click();
    await reviewer.page.getByText('没有待审核的数据').waitFor();

    // The editor sees the reason in a message and on the to-do.
    await editor.page.getByTestId('nav-todo').click();
    await expect.poll(() => editor.page.getByTestId('todo-reason-gdp-2025').textContent()).toBe(REASON);
    expect(await editor.page.getByTestId('todo-status-gdp-2025').textContent()).toBe('已退回');
    await editor.page.reload();
    await expect.poll(() => editor.page.getByTestId('unread-count').textContent()).toBe('2');
    await editor.page.getByTestId('messages-link').click();
    const returned = editor.page.getByTestId('message-value_returned');
    await expect.poll(() => returned.textContent()).toContain(`GDP 2025年的数据 5400 被退回，原因：${REASON}`);
    await screenshot(editor.page, 'messages-desktop');
    await editor.page.getByTestId('mark-all-read').click();
    await expect.poll(() => editor.page.getByTestId('unread-count').count()).toBe(0);

    // Resubmitted, then approved.
    await enterGdp2025(editor.page, '5380.5');
    revs = await gdp2025();
    const second = revs.find((r) => r.reviewState === 'pending')?.revisionId ?? 0;
    expect(revs.map((r) => [r.valueText, r.reviewState])).toEqual([
      ['5400', 'returned'],
      ['5380.5', 'pending'],
    ]);
    await reviewer.page.reload();
    await reviewer.page.getByTestId(`approve-row-${second}`).click();
    await reviewer.page.getByText('没有待审核的数据').waitFor();

    // The board: 市统计局 asked 1, approved 1 → 100 %.
    await admin.page.reload();
    await expect.poll(() => admin.page.getByTestId('percent-stats').textContent()).toBe('100.0%');
    expect(await admin.page.getByTestId('reminder-sheet').getAttribute('href')).toMatch(
      /^\/api\/v1\/rounds\/\d+\/completeness\.xlsx$/,
    );
    await screenshot(admin.page, 'rounds-board-desktop');

    await editor.page.getByTestId('nav-todo').click();
    await expect.poll(() => editor.page.getByTestId('todo-status-gdp-2025').textContent()).toBe('已通过');

    expect(admin.errors).toEqual([]);
    expect(editor.errors).toEqual([]);
    expect(reviewer.errors).toEqual([]);
    for (const p of [admin, editor, reviewer]) await p.page.context().close();
  });

  test('on a phone the to-do fits the screen', async () => {
    const { page, errors } = await openPage(browser, 'phone');
    await signInThroughForm(page, run.base, 'editor', undefined, '/todo');
    await page.getByTestId('todo-status-gdp-2025').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'todo-phone');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the admin’s to-do lists the 8 indicators without a lead unit, and links to their assignment', async () => {
    const { page, errors } = await openPage(browser, 'phone');
    await signInThroughForm(page, run.base, 'admin', ADMIN_PASSWORD, '/todo');
    const card = page.getByTestId('todo-unassigned');
    await card.waitFor();
    expect(await card.locator('.ant-card-head-title').textContent()).toBe('8 个指标尚未分配牵头单位');
    expect(await card.getByTestId('unassigned-rd_intensity').textContent()).toBe('全社会研发投入占GDP比重');
    expect(await horizontalOverflow(page)).toBe(0);
    await card.getByRole('link', { name: '去分配牵头单位' }).click();
    await page.getByTestId('only-unassigned').click();
    await page.getByTestId('lead-rd_intensity').waitFor();
    await screenshot(page, 'units-unassigned-phone');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the user form offers only units of the directory: an unknown unit cannot be picked', async () => {
    const { page } = await openPage(browser);
    await signInThroughForm(page, run.base, 'admin', ADMIN_PASSWORD, '/admin');
    await page.getByTestId('add-user').click();
    const units = page.getByTestId('new-user-units');
    await units.click();
    await page.keyboard.type('统计局2');
    await expect
      .poll(() => page.locator('.ant-select-dropdown:visible .ant-empty-description').textContent())
      .toBe('暂无数据');
    await page.keyboard.press('Enter');
    expect(await page.locator('.ant-modal .ant-select-selection-item').count()).toBe(0);
    // a unit of the directory is offered by its name
    await page.keyboard.press('Backspace');
    await page.locator('.ant-select-item-option[title="市统计局"]').click();
    expect(await page.locator('.ant-modal .ant-select-selection-item').allTextContents()).toEqual(['市统计局']);
    await page.context().close();
  });
});
