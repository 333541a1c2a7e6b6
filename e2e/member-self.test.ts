import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PHONE, launchBrowser, login, newPage, screenshot, startServer, type RunningServer } from './harness.js';

/** A member opens their own record on a phone: readable at 375 px, personal data masked. */
describe('member self page on a phone', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the own record, masked, without sideways scrolling', async () => {
    const { page } = await newPage(browser, PHONE);
    await login(page, server, 'dy_member');
    await page.goto(`${server.url}/admin/me`);
    await page.getByText('张建国').first().waitFor();
    const masked = await page.locator('.masked').first().innerText();
    expect(masked).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'member-self-phone');
  });
});
