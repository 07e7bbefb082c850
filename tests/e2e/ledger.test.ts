/**
 * A ledger task end to end in Chromium (issue 12): the office creates a task on a Ganzhou measure,
 * its lead unit reports progress with an evidence PDF, the office returns it with a reason, the unit
 * resubmits and the office approves; the ledger and alignment pages show the task and its status.
 * Checked on screen and through the API. Needs the web app built first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cstDateIso } from '@gz/shared';
import { ADMIN_PASSWORD, addUser, expectStatus, login, type Session } from '../helpers/app.ts';
import {
  horizontalOverflow,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startApp,
  type RunningApp,
  untilTaken,
} from '../helpers/browser.ts';
import { tinyPdf } from '../helpers/ledger.ts';

let run: RunningApp;
let browser: Browser;
let reader: Session;

const DAY = 86_400_000;
// days counted from the server's calendar day (China Standard Time), not the machine's UTC day:
// between 16:00 and 24:00 UTC the two differ and a start 30 days back would be 31 days back
const isoIn = (days: number) => cstDateIso(new Date(Date.now() + days * DAY).toISOString());
// started 20 days ago, due in 180; the first milestone was due 10 days ago, the second in 90
const START = isoIn(-20);
const DUE = isoIn(180);
const M1 = isoIn(-10);
const M2 = isoIn(90);

beforeAll(async () => {
  run = await startApp();
  await addUser(run.app, 'office', 'reviewer');
  await addUser(run.app, 'fgw', 'editor', ['ndrc']);
  reader = await login(run.app, 'office');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await run?.close();
});

interface TaskView {
  id: number;
  title: string;
  leadUnit: string;
  contributingUnits: string[];
  status: { status: string; colour: string };
  milestones: { title: string; dueDate: string; done: boolean }[];
  latestReport: { state: string; reviewNote: string | null; evidence: { filename: string; size: number }[] } | null;
}
const tasks = async () =>
  expectStatus<TaskView[]>(
    await run.app.inject({ url: '/api/v1/tasks?measure=gz2026-01', headers: reader.headers }),
    200,
  );

/** Types a date into an antd DatePicker and confirms it. */
async function pickDate(page: Page, testId: string, iso: string) {
  const input = page.getByTestId(testId);
  await untilTaken(
    `${testId} = ${iso}`,
    async () => {
      await input.click();
      await input.fill(iso);
      await input.press('Enter');
    },
    async () =>
      (await input.inputValue()) === iso && (await page.locator('.ant-picker-dropdown:visible').count()) === 0,
  );
}

/** Picks units by name in an antd Select (single or multiple), each one checked on the select itself. */
async function chooseUnits(page: Page, testId: string, names: string[]) {
  const select = page.getByTestId(testId);
  const open = () => select.evaluate((el) => (el.closest('.ant-select') ?? el).classList.contains('ant-select-open'));
  for (const name of names)
    await untilTaken(
      `${testId} ∋ ${name}`,
      async () => {
        if (!(await open())) await select.click();
        // typed into the select's own search box: the virtual list renders only the first options
        await select.locator('input').fill(name);
        await page
          .locator('.ant-select-dropdown:visible .ant-select-item-option')
          .filter({ hasText: name })
          .first()
          .click({ timeout: 3000 });
      },
      async () => (await select.textContent())?.includes(name) ?? false,
    );
  await page.keyboard.press('Escape');
  await expect.poll(open).toBe(false);
}

async function report(page: Page, taskId: number, text: string, pdf: Buffer | null) {
  await page.goto(`${run.base}/ledger/mine`);
  await page.getByTestId(`report-${taskId}`).click();
  const form = page.getByTestId('report-form');
  await form.waitFor();
  await page.getByTestId('report-period').fill('2026年第四季度');
  await page.getByTestId('report-progress').fill(text);
  await form.getByText(`${M1} 签订合作协议`).click();
  if (pdf)
    await page
      .getByTestId('report-files')
      .setInputFiles({ name: '合作协议.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.locator('#report-submit').click();
  await page.getByTestId(`mine-${taskId}`).getByText('已提交，等待审核').waitFor();
}

describe('a ledger task end to end', () => {
  test('created, reported with evidence, returned, resubmitted, approved; ledger and alignment show it', async () => {
    const office = await openPage(browser);
    const unit = await openPage(browser, 'phone');
    const pdf = tinyPdf('扫描件');

    // 1. the office creates a task on （一）推进区域联动发展
    await signInThroughForm(office.page, run.base, 'office', undefined, '/ledger');
    await office.page.getByTestId('measure-gz2026-01').getByText('未分解').waitFor();
    await office.page.getByTestId('task-create-gz2026-01').click();
    await office.page.getByTestId('task-title').fill('深化深赣共建产业园区合作');
    // units are chosen from the unit directory by name; the task stores their codes
    await chooseUnits(office.page, 'task-lead', ['市发展改革委']);
    await chooseUnits(office.page, 'task-contributing', ['市商务局', '市统计局']);
    await pickDate(office.page, 'task-start', START);
    await pickDate(office.page, 'task-due', DUE);
    await office.page.getByTestId('milestone-add').click();
    await office.page.getByTestId('milestone-title-0').fill('签订合作协议');
    await pickDate(office.page, 'milestone-date-0', M1);
    await office.page.getByTestId('milestone-add').click();
    await office.page.getByTestId('milestone-title-1').fill('园区挂牌运营');
    await pickDate(office.page, 'milestone-date-1', M2);
    await office.page.locator('#task-save').click();
    // the dialog closes on success; if it stays, say which field it refused
    await office.page
      .getByTestId('task-title')
      .waitFor({ state: 'hidden' })
      .catch(async () => {
        const errors = await office.page.locator('.ant-form-item-explain-error').allTextContents();
        throw new Error(`the task was not saved: ${errors.join('；') || 'no field error shown'}`);
      });
    const measure = office.page.getByTestId('measure-gz2026-01');
    await measure.getByText('深化深赣共建产业园区合作').waitFor();
    // no approved report, 20 days after its start (within the 30-day grace): 未启动, grey
    await expect.poll(() => measure.getByTestId('status-light').getAttribute('data-status')).toBe('not_started');
    const [created] = await tasks();
    expect(created).toMatchObject({
      title: '深化深赣共建产业园区合作',
      leadUnit: 'ndrc',
      contributingUnits: ['commerce', 'stats'],
      status: { status: 'not_started', colour: 'grey' },
    });
    // the ledger names the units, not their codes
    await measure.getByText('牵头单位：市发展改革委').waitFor();
    expect(created?.milestones.map((m) => [m.dueDate, m.title])).toEqual([
      [M1, '签订合作协议'],
      [M2, '园区挂牌运营'],
    ]);
    const id = created?.id ?? 0;

    // 2. its lead unit reports on a phone, with an evidence PDF
    await signInThroughForm(unit.page, run.base, 'fgw', undefined, '/ledger/mine');
    await report(unit.page, id, '已与深圳方面签订合作协议', pdf);
    expect(await horizontalOverflow(unit.page)).toBe(0);
    let [t1] = await tasks();
    expect(t1?.latestReport).toMatchObject({
      state: 'pending',
      evidence: [{ filename: '合作协议.pdf', size: pdf.length }],
    });

    // 3. the office sees the evidence and returns the report with a reason
    await office.page.goto(`${run.base}/ledger/review`);
    const item = office.page.getByTestId(/^review-\d+$/);
    await item.getByTestId('evidence-link').filter({ hasText: '合作协议.pdf' }).waitFor();
    const href = await item.getByTestId('evidence-link').getAttribute('href');
    const download = await run.app.inject({ url: href ?? '', headers: { cookie: reader.headers.cookie } });
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    await item.getByTestId(/^return-\d+$/).click();
    await office.page.getByTestId('return-reason').fill('请补充协议签字页');
    await office.page.locator('#return-confirm').click();
    await office.page.getByText('暂无待审核的进展报告').waitFor();

    // 4. the unit sees the reason and resubmits
    await unit.page.goto(`${run.base}/ledger/mine`);
    await unit.page.getByTestId('returned-reason').getByText('已退回，原因：请补充协议签字页').waitFor();
    await report(unit.page, id, '已签订合作协议，补充签字页', tinyPdf('签字页'));

    // 5. the office approves
    await office.page.goto(`${run.base}/ledger/review`);
    await office.page.getByTestId(/^approve-\d+$/).click();
    await office.page.getByText('暂无待审核的进展报告').waitFor();
    [t1] = await tasks();
    // e = 20/200 = 0.10, k = 1/2 (the first milestone done): 序时推进, green
    expect(t1?.status).toMatchObject({ status: 'on_schedule', colour: 'green' });
    expect(t1?.latestReport?.state).toBe('approved');

    // 6. the ledger shows its light and latest report; the alignment page shows it under its measure
    await office.page.goto(`${run.base}/ledger`);
    const row = office.page.getByTestId(`task-${id}`);
    await row.getByText('序时推进').waitFor();
    expect(await row.getByTestId('status-light').getAttribute('data-colour')).toBe('green');
    await row.getByTestId('latest-report').getByText('已签订合作协议，补充签字页', { exact: false }).waitFor();
    await screenshot(office.page, 'ledger-desktop');
    await office.page.goto(`${run.base}/ledger/alignment`);
    const aligned = office.page.getByTestId('align-row-jx2026-02').getByTestId('align-gz2026-01');
    await aligned.getByText('1项任务').waitFor();
    // 23 Ganzhou measures still have no task
    await office.page.getByTestId('align-findings').getByText('23项举措未分解', { exact: false }).waitFor();
    await unit.page.goto(`${run.base}/ledger/alignment`);
    await unit.page.getByTestId('align-row-jx2026-02').waitFor();
    expect(await horizontalOverflow(unit.page)).toBe(0);
    await screenshot(unit.page, 'ledger-alignment-phone');
    expect([...office.errors, ...unit.errors]).toEqual([]);
  });

  test('an admin changes a default link on the alignment page', async () => {
    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'admin', ADMIN_PASSWORD, '/ledger/alignment');
    // （一）完善城镇化发展格局 of Jiangxi has no Ganzhou counterpart by default
    const row = page.getByTestId('align-row-jx2026-01');
    await row.getByText('无本地对应举措').waitFor();
    await row.locator('.ant-select').click();
    await page.keyboard.type('推进区域联动发展');
    await page.locator('.ant-select-item-option').filter({ hasText: '推进区域联动发展' }).first().click();
    await row.getByTestId('align-gz2026-01').waitFor();
    const measure = expectStatus<{ alignedTo: { id: string; isDefault: boolean; linkId: number }[] }>(
      await run.app.inject({ url: '/api/v1/measures/gz2026-01', headers: reader.headers }),
      200,
    );
    const added = measure.alignedTo.find((a) => a.id === 'jx2026-01');
    expect(added?.isDefault).toBe(false);
    // and removes it again
    await row.getByTestId(`unlink-${added?.linkId ?? 0}`).click();
    await row.getByText('无本地对应举措').waitFor();
    expect(errors).toEqual([]);
  });
});
