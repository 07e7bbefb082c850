/**
 * Accounts in a real browser (#10): a user whose password an admin set is taken to the password
 * page first and sees the policy's refusals in Chinese; a locked account is told so in Chinese; the
 * admin unlocks it in the users panel and sees token expiry; a reviewer reads the sign-in log; the
 * password page fits a 390 px phone. Needs the web app built first.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addUser, ADMIN_PASSWORD, expectStatus, login, PASSWORD } from '../helpers/app.ts';
import {
  horizontalOverflow,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startApp,
  type RunningApp,
} from '../helpers/browser.ts';

let run: RunningApp;
let browser: Browser;

beforeAll(async () => {
  run = await startApp({ LOCKOUT_THRESHOLD: 2 });
  await addUser(run.app, 'rita', 'reviewer');
  await addUser(run.app, 'wang', 'editor', ['stats']);
  const admin = await login(run.app, 'admin', ADMIN_PASSWORD);
  expectStatus(
    await run.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'liwei', password: PASSWORD, role: 'viewer' },
    }),
    201,
  );
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

describe('password change', () => {
  test('a password set by the admin must be changed first; the policy speaks Chinese; then the app opens', async () => {
    const { page, errors } = await openPage(browser, 'phone');
    await page.goto(`${run.base}/login?next=/indicators`);
    await page.getByTestId('login-username').fill('liwei');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('password-must-change').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/password');
    // typing another address does not get past it
    await page.goto(`${run.base}/indicators`);
    await page.getByTestId('password-must-change').waitFor();

    await page.getByTestId('password-current').fill(PASSWORD);
    await page.getByTestId('password-new').fill('aaaaaaaaaa');
    await page.getByTestId('password-confirm').fill('aaaaaaaaaa');
    await page.getByTestId('password-submit').click();
    await expect.poll(() => page.getByTestId('password-error').textContent()).toContain('字符类别不足');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'accounts-password-phone');

    await page.getByTestId('password-new').fill('My own secret 2027');
    await page.getByTestId('password-confirm').fill('My own secret 2027');
    await page.getByTestId('password-submit').click();
    await page.waitForURL((url) => url.pathname === '/indicators');
    expect(errors).toEqual([]);
  });
});

describe('lockout, unlock and the sign-in log', () => {
  test('a locked account is told so in Chinese; the admin unlocks it; the reviewer reads the sign-in log', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${run.base}/login`);
    for (const attempt of ['wrong one', 'wrong two', PASSWORD]) {
      await page.getByTestId('login-username').fill('wang');
      await page.getByTestId('login-password').fill(attempt);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor();
    }
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('账户已锁定');

    const admin = await openPage(browser);
    await signInThroughForm(admin.page, run.base, 'admin', ADMIN_PASSWORD, '/admin');
    await admin.page.getByTestId('unlock-wang').click();
    await admin.page.getByText('已解锁').waitFor();

    await signInThroughForm(page, run.base, 'wang');

    const reviewer = await openPage(browser);
    await signInThroughForm(reviewer.page, run.base, 'rita');
    await reviewer.page.getByTestId('nav-securityLog').click();
    await reviewer.page.getByTestId('security-log').getByText('账户锁定').first().waitFor();
    await reviewer.page.getByTestId('security-log').getByText('登录失败').first().waitFor();
    await screenshot(reviewer.page, 'accounts-security-log');
  });
});
