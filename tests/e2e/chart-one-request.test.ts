/**
 * The indicator chart is built from one reply (#15 item 2): the trajectory's points carry the values as
 * published, their source and data status, and the yearly targets as set, so the detail page asks the
 * trajectory once for the chart (and once more, with pending values, when they are switched on) and the
 * chart is complete even when every other read of the page fails. Figures from the seeded plan: GDP 2021
 * 4169.4 → 2025 5500, 2022 4524 (the plan's own figure), the 2023 work report's 增长7.5%左右; a pending
 * 2023 value 约4606.2 with a comparable growth of 5.3 %.
 * Needs the web app built first (`npx -y pnpm@10.34.8 build`).
 */
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addUser, login } from '../helpers/app.ts';
import {
  launchBrowser,
  openPage,
  type RunningApp,
  screenshot,
  signInThroughForm,
  startApp,
} from '../helpers/browser.ts';

let run: RunningApp;
let browser: Browser;

beforeAll(async () => {
  run = await startApp();
  await addUser(run.app, 'ed', 'editor', ['stats']);
  await addUser(run.app, 'rita', 'reviewer');
  const editor = await login(run.app, 'ed');
  const res = await run.app.inject({
    method: 'PUT',
    url: '/api/v1/indicators/gdp/observations/2023',
    headers: editor.headers,
    payload: {
      value: '4606.2',
      qualifier: 'approx',
      growthRate: '5.3',
      dataStatus: 'preliminary',
      source: '2023年赣州市国民经济和社会发展统计公报',
      baseRevision: null,
    },
  });
  if (res.statusCode !== 201) throw new Error(`entering GDP 2023: ${res.statusCode} ${res.body}`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

const apiPath = (request: Request) => new URL(request.url()).pathname;

describe('the indicator chart in one request', () => {
  test('GDP: one trajectory request draws the chart, with values, sources and the yearly target, the rest blocked', async () => {
    const { page, errors } = await openPage(browser);
    await signInThroughForm(page, run.base, 'rita');

    // Every other read of the detail page fails: the chart must not need any of them.
    const blocked: string[] = [];
    await page.route(/\/api\/v1\/indicators\/gdp\/(observations|annual-targets)/, (route) => {
      blocked.push(apiPath(route.request()));
      return route.abort();
    });
    const trajectoryRequests: string[] = [];
    page.on('request', (request) => {
      if (apiPath(request) === '/api/v1/indicators/gdp/trajectory') trajectoryRequests.push(request.url());
    });

    await page.goto(`${run.base}/indicators/gdp`);
    const chart = page.getByTestId('chart');
    await chart.waitFor();
    await expect
      .poll(() => chart.getAttribute('aria-label'))
      .toBe(
        'GDP（亿元）：基期2021年4,169.4，2025年目标“5500”；最新2022年4,524，较上期上升。进展：基本符合预期。' +
          '年度目标：2023年“增长7.5%左右”。',
      );
    // the page did ask for the blocked reads (its tables use them), so the chart above was drawn without them
    expect(blocked.some((p) => p.endsWith('/observations'))).toBe(true);
    expect(blocked.some((p) => p.endsWith('/annual-targets'))).toBe(true);
    expect(trajectoryRequests).toHaveLength(1);
    expect(new URL(trajectoryRequests[0] ?? '').searchParams.get('includePending')).toBeNull();

    // The tooltip of 2022 (the middle of the first two thirds) names the counted value's source and status.
    const box = await chart.boundingBox();
    if (!box) throw new Error('the chart has no box');
    const tooltipText = async (x: number) => {
      // off the chart first: a move to where the pointer already is triggers nothing
      await page.mouse.move(box.x + x, box.y - 40);
      await page.mouse.move(box.x + x, box.y + box.height / 2, { steps: 4 });
      // ECharts' tooltip: the element beside its canvas (its text is what the formatter wrote)
      return chart.locator(':scope > div').nth(1).textContent({ timeout: 2000 });
    };
    await expect
      .poll(async () => tooltipText(box.width * 0.32))
      .toContain('来源：《赣州革命老区高质量发展示范区发展规划》第一章：2022年总量达4524亿元');
    expect(await tooltipText(box.width * 0.32)).toContain('数据状态：初步核算');

    // Pending values: exactly one more request, the trajectory with them; the tooltip shows the value as published.
    await page.getByTestId('show-pending').click();
    await expect.poll(() => trajectoryRequests.length).toBe(2);
    expect(new URL(trajectoryRequests[1] ?? '').searchParams.get('includePending')).toBe('true');
    await expect.poll(async () => tooltipText(box.width * 0.5)).toMatch(/待审核：约4,606\.2\s亿元/);
    const pendingTip = await tooltipText(box.width * 0.5);
    expect(pendingTip).toContain('可比价增长5.3%');
    expect(pendingTip).toContain('来源：2023年赣州市国民经济和社会发展统计公报');
    expect(pendingTip).toContain('数据状态：初步核算');
    await screenshot(page, 'chart-one-request-pending');
    expect(trajectoryRequests).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});
