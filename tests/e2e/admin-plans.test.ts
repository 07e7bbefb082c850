/**
 * The admin's yearly targets and plan lifecycle in a real browser (issue 6): an admin records the 2023 work
 * report's GDP target (增长7.5%左右, a growth over 2022) and the detail chart and year table show it; an admin
 * creates the successor of ganzhou-2021-2025 as a draft, which only admins are offered, edits it, publishes it
 * after a confirmation, and the overview's plan selector then offers both plans. The new panels are
 * photographed at 1280 and 390 px. Checked on screen and through the API.
 * Needs the web app built first (`npx -y pnpm@10.34.8 --filter @gz/web build`).
 */
import type { AnnualTarget, Indicator, PlanListItem, Trajectory } from '@gz/shared';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addUser, ADMIN_PASSWORD, expectStatus, login, PLAN_ID, type Session } from '../helpers/app.ts';
import {
  chooseOption,
  horizontalOverflow,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startApp,
  type RunningApp,
} from '../helpers/browser.ts';
import { defined } from '../../server/src/lib/invariant.ts';

const OLD_TITLE = '赣州革命老区高质量发展示范区发展规划';
const NEW_ID = 'plan-2026-2030'; // generated from the period: nobody types an id
const NEW_TITLE = '赣州示范区2026—2030年发展规划';
const WORK_REPORT = '2023年赣州市政府工作报告';

let run: RunningApp;
let browser: Browser;
let admin: Session;

beforeAll(async () => {
  run = await startApp();
  await addUser(run.app, 'viewer', 'viewer');
  admin = await login(run.app, 'admin', ADMIN_PASSWORD);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

async function api<T>(url: string): Promise<T> {
  return expectStatus<T>(await run.app.inject({ url, headers: admin.headers }), 200);
}

/** Opens the admin page (of `plan`) on one of its tabs. */
async function adminTab(page: Page, tab: string, plan = PLAN_ID): Promise<void> {
  await page.goto(`${run.base}/admin?plan=${plan}`);
  await page.getByRole('tab', { name: tab }).click();
}

/** A screenshot once a modal or drawer has finished sliding in (the helper waits for charts only). */
async function photo(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(500);
  await screenshot(page, name);
}

/** Waits until no table on the page is greyed out as still loading. */
async function tablesLoaded(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-blur').count()).toBe(0);
}

describe('yearly targets', () => {
  test('an admin records GDP 2023 "增长7.5%左右" from the work report; the chart and the year table show it', async () => {
    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'admin', ADMIN_PASSWORD, '/admin');
    await adminTab(page, '年度目标');
    await page.getByText('“GDP增长7.5%左右”', { exact: false }).waitFor();

    await chooseOption(page, page.getByTestId('annual-indicator'), 'GDP');
    await chooseOption(page, page.getByTestId('annual-year'), '2023年');
    // GDP is recorded in 亿元 and its plan target is a level: a growth rate is compared with the growth.
    expect(await page.getByRole('radio', { name: '比上年增长' }).isChecked()).toBe(true);
    await page.getByTestId('annual-value').fill('7.5');
    await page.getByTestId('annual-text').fill('增长7.5%左右');
    await page.getByTestId('annual-source').fill(WORK_REPORT);
    await page.getByTestId('annual-submit').click();
    const row = page.getByTestId('annual-target-list').locator('tr', { has: page.getByTestId('annual-edit-gdp-2023') });
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(0, 6)).toEqual([
      'GDP',
      '2023',
      '增长7.5%左右',
      '比上年增长',
      WORK_REPORT,
      expect.stringMatching(/^admin · /),
    ]);
    await screenshot(page, 'admin-annual-targets-desktop');

    const stored = await api<AnnualTarget[]>('/api/v1/indicators/gdp/annual-targets');
    expect(stored).toEqual([
      expect.objectContaining({
        code: 'gdp',
        year: 2023,
        spec: { kind: 'annual_rate', rate: 7.5 },
        text: '增长7.5%左右',
        source: WORK_REPORT,
        basis: 'growth',
        createdBy: 'admin',
      }),
    ]);
    // Drawn at 2022's 4524 grown by 7.5 %: 4524 × 1.075 = 4863.3.
    const trajectory = await api<Trajectory>('/api/v1/indicators/gdp/trajectory');
    expect(trajectory.points.map((p) => [p.year, p.annualTarget])).toEqual([
      [2021, null],
      [2022, null],
      [2023, 4863.3],
      [2024, null],
      [2025, null],
    ]);

    await page.goto(`${run.base}/indicators/gdp?plan=${PLAN_ID}`);
    const chart = page.getByTestId('chart');
    await expect
      .poll(() => chart.getAttribute('aria-label'))
      .toBe(
        'GDP（亿元）：基期2021年4,169.4，2025年目标“5500”；最新2022年4,524，较上期上升。进展：基本符合预期。年度目标：2023年“增长7.5%左右”。',
      );
    expect(await page.getByTestId('annual-target-2023').textContent()).toBe(
      `增长7.5%左右（按比上年增长计）${WORK_REPORT}`,
    );
    // 2023 has a target and no value yet: its row is there, the value a dash.
    const years = page.getByTestId('year-table').locator('tbody tr');
    expect(await years.locator('td:first-child').allTextContents()).toEqual(['2022', '2023']);
    await screenshot(page, 'detail-annual-target-desktop');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('plan lifecycle', () => {
  test('an admin creates the successor as a draft, only admins are offered it, it is edited, published, and the overview offers both plans', async () => {
    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'admin', ADMIN_PASSWORD, '/admin');
    await adminTab(page, '规划管理');
    expect(await page.getByTestId(`plan-state-${PLAN_ID}`).textContent()).toBe('已发布');

    await page.getByTestId(`plan-successor-${PLAN_ID}`).click();
    // The next five-year period is offered: 2025 → 2030.
    expect(await page.getByTestId('successor-baseline-year').inputValue()).toBe('2025');
    expect(await page.getByTestId('successor-target-year').inputValue()).toBe('2030');
    expect(await page.getByTestId('successor-id').count()).toBe(0);
    await page.getByTestId('successor-title').fill(NEW_TITLE);
    await photo(page, 'admin-plan-successor-desktop');
    await page.getByTestId('successor-submit').click();
    await expect.poll(() => page.getByTestId(`plan-state-${NEW_ID}`).textContent()).toBe('草稿');

    const listed = await api<PlanListItem[]>('/api/v1/plans');
    expect(listed.map((p) => [p.id, p.state, p.baselineYear, p.targetYear, p.indicatorCount])).toEqual([
      [NEW_ID, 'draft', 2025, 2030, 36],
      [PLAN_ID, 'published', 2021, 2025, 36],
    ]);
    // No approved 2025 GDP: the baseline stays blank, 待补录, with 4524 (2022) only as a hint; the target is 待定.
    const gdp = await api<Indicator>(`/api/v1/indicators/gdp?plan=${NEW_ID}`);
    expect([gdp.baseline.valueText, gdp.baseline.year, gdp.baseline.pending, gdp.target.undecided]).toEqual([
      null,
      2025,
      true,
      true,
    ]);
    expect(gdp.baseline.note).toContain('（参考：最近为2022年的4524，未采用）');

    // A viewer is not offered the draft: one plan, shown as a title rather than a selector.
    const viewer = await openPage(browser);
    await signInThroughForm(viewer.page, run.base, 'viewer');
    await viewer.page.getByRole('heading', { name: OLD_TITLE }).waitFor();
    expect(await viewer.page.getByTestId('plan-select').count()).toBe(0);
    await viewer.page.context().close();

    // The admin edits the draft: the GDP target for 2030.
    await page.getByTestId(`plan-edit-${NEW_ID}`).click();
    await page.getByTestId('draft-indicator-gdp').click();
    await chooseOption(page, page.getByTestId('draft-target-kind'), '数值');
    await page.getByTestId('draft-target-value').fill('7300');
    await page.getByTestId('draft-target-text').fill('7300');
    await photo(page, 'admin-plan-indicator-desktop');
    await page.getByTestId('draft-indicator-save').click();
    await expect
      .poll(async () => (await api<Indicator>(`/api/v1/indicators/gdp?plan=${NEW_ID}`)).target.spec)
      .toEqual({ kind: 'level', value: 7300 });
    await page.getByTestId('draft-onTrack').fill('0.85');
    await page.getByTestId('draft-save').click();
    await expect
      .poll(async () => (await api<{ thresholds: { onTrack: number } }>(`/api/v1/plans/${NEW_ID}`)).thresholds.onTrack)
      .toBe(0.85);
    await photo(page, 'admin-plan-draft-desktop');
    await page.keyboard.press('Escape');

    // The admin previews the draft on the overview: both plans are offered, the draft marked as such.
    await page.getByTestId(`plan-preview-${NEW_ID}`).click();
    await page.getByTestId('draft-notice').waitFor();
    const select = page.getByTestId('plan-select');
    expect(await select.locator('option').allTextContents()).toEqual([`${NEW_TITLE}（草稿）`, OLD_TITLE]);
    expect(await select.inputValue()).toBe(NEW_ID);

    // Publishing asks first, and is refused while targets are 待定.
    await adminTab(page, '规划管理', NEW_ID);
    await page.getByTestId(`plan-publish-${NEW_ID}`).click();
    await page.getByText(`确定发布“${NEW_TITLE}”吗？`, { exact: false }).waitFor();
    await page.getByTestId('publish-confirm').click();
    await page.getByText('35项指标目标待定', { exact: false }).waitFor();
    expect(await page.getByTestId(`plan-state-${NEW_ID}`).textContent()).toBe('草稿');
    // the other 35 marked 仅监测 through the API (the drawer is shown above)
    for (const ind of await api<Indicator[]>(`/api/v1/indicators?plan=${NEW_ID}`)) {
      if (!ind.target.undecided) continue;
      const target = { spec: { kind: 'none' }, text: null, note: '仅监测' };
      expectStatus(
        await run.app.inject({
          method: 'PATCH',
          url: `/api/v1/plans/${NEW_ID}/indicators/${ind.code}`,
          headers: admin.headers,
          payload: { target },
        }),
        200,
      );
    }
    await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
    await page.getByTestId(`plan-publish-${NEW_ID}`).click();
    await page.getByText(`确定发布“${NEW_TITLE}”吗？`, { exact: false }).waitFor();
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId(`plan-state-${NEW_ID}`).textContent()).toBe('已发布');
    expect(await page.getByTestId(`plan-edit-${NEW_ID}`).count()).toBe(0);
    await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
    await screenshot(page, 'admin-plans-desktop');

    // Publishing moves nobody: the overview still opens on the default plan, and offers both, to everyone.
    await page.goto(`${run.base}/`);
    await expect.poll(() => page.getByTestId('plan-select').inputValue()).toBe(PLAN_ID);
    expect(await page.getByTestId('plan-select').locator('option').allTextContents()).toEqual([NEW_TITLE, OLD_TITLE]);
    expect(await page.getByTestId('draft-notice').count()).toBe(0);
    // Choosing the new plan carries it in the URL to the other pages.
    await page.getByTestId('plan-select').selectOption(NEW_ID);
    await page.getByTestId('nav-indicators').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('plan')).toBe(NEW_ID);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('importing a plan definition', () => {
  test('a workbook is checked first, its problems shown at their cells; a clean one is imported as a draft', async () => {
    // The old plan's own definition, with a new id and title, and a direction GDP cannot have (row 3 is GDP's).
    const exported = await run.app.inject({ url: `/api/v1/plans/${PLAN_ID}/definition.xlsx`, headers: admin.headers });
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    defined(workbook.getWorksheet('规划'), "workbook.getWorksheet('规划')").getCell('C2').value = 'ganzhou-imported';
    defined(workbook.getWorksheet('规划'), "workbook.getWorksheet('规划')").getCell('C3').value = '导入测试规划';
    const indicators = defined(workbook.getWorksheet('指标'), "workbook.getWorksheet('指标')");
    expect(indicators.getCell('C3').value).toBe('gdp');
    indicators.getCell('H3').value = 2;
    const file = (name: string, buffer: ArrayBuffer) => ({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(buffer),
    });

    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'admin', ADMIN_PASSWORD, '/admin');
    await adminTab(page, '规划管理');
    expect(await page.getByTestId('plan-template').getAttribute('href')).toBe('/api/v1/plans/template.xlsx');
    const upload = page.locator('input[type=file]');
    await upload.setInputFiles(file('bad.xlsx', await workbook.xlsx.writeBuffer()));
    const report = page.getByTestId('plan-import-report');
    await report.getByText('发现 1 处问题，请修改后重新上传').waitFor();
    expect(await report.locator('tbody tr td').allTextContents()).toEqual([
      '指标',
      'H3',
      '1 (higher is better) or -1 (lower is better)',
    ]);
    await screenshot(page, 'admin-plan-import-problems-desktop');

    indicators.getCell('H3').value = 1;
    await upload.setInputFiles(file('good.xlsx', await workbook.xlsx.writeBuffer()));
    await report.getByText('检查通过：导入测试规划，2021–2025年，7 个领域、36 项指标').waitFor();
    // Nothing is written by the check.
    expect((await api<PlanListItem[]>('/api/v1/plans')).map((p) => p.id)).not.toContain('ganzhou-imported');
    await page.getByTestId('plan-import-commit').click();
    await expect.poll(() => page.getByTestId('plan-state-ganzhou-imported').textContent()).toBe('草稿');
    expect(await report.count()).toBe(0);
    expect((await api<PlanListItem[]>('/api/v1/plans')).find((p) => p.id === 'ganzhou-imported')).toMatchObject({
      title: '导入测试规划',
      state: 'draft',
      indicatorCount: 36,
    });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the new panels on a phone', () => {
  // Runs after the two above: it shows the yearly target and the plans they left behind.
  test('yearly targets, plans, a draft being edited and the detail page fit 390 px without sideways scrolling', async () => {
    // A second successor, to show a draft's edit drawer.
    const body = {
      id: 'ganzhou-2031-2035',
      title: '赣州示范区2031—2035年发展规划',
      baselineYear: 2030,
      targetYear: 2035,
    };
    expectStatus(
      await run.app.inject({
        method: 'POST',
        url: `/api/v1/plans/${NEW_ID}/successor`,
        headers: admin.headers,
        payload: body,
      }),
      201,
    );

    const { page, errors } = await openPage(browser, 'phone');
    await signInThroughForm(page, run.base, 'admin', ADMIN_PASSWORD, '/admin');
    await adminTab(page, '年度目标');
    await page.getByTestId('annual-edit-gdp-2023').waitFor();
    await tablesLoaded(page);
    await screenshot(page, 'admin-annual-targets-phone');
    expect(await horizontalOverflow(page)).toBe(0);

    await adminTab(page, '规划管理');
    await page.getByTestId(`plan-state-${body.id}`).waitFor();
    await tablesLoaded(page);
    await screenshot(page, 'admin-plans-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByTestId(`plan-successor-${PLAN_ID}`).click();
    await page.getByTestId('successor-title').waitFor();
    await photo(page, 'admin-plan-successor-phone');
    await page.keyboard.press('Escape');
    await page.getByTestId(`plan-edit-${body.id}`).click();
    await page.getByTestId('draft-title').waitFor();
    expect(await page.getByTestId('draft-title').inputValue()).toBe(body.title);
    await photo(page, 'admin-plan-draft-phone');

    await page.goto(`${run.base}/indicators/gdp?plan=${PLAN_ID}`);
    expect(await page.getByTestId('annual-target-2023').textContent()).toBe(
      `年度目标：增长7.5%左右（按比上年增长计）${WORK_REPORT}`,
    );
    await page.getByTestId('chart').waitFor();
    await screenshot(page, 'detail-annual-target-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
