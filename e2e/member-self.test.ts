import { describe, expect, it } from 'vitest';
import { demoStage, PATIENTLY, PHONE, login, newPage, screenshot } from './harness.js';

/** A member opens their own record on a phone: readable at 375 px, personal data masked. */
describe('member self page on a phone', () => {
  const stage = demoStage();

  it('shows the own record, masked, without sideways scrolling', async () => {
    const { page } = await newPage(stage.browser, PHONE);
    await login(page, stage.server, 'dy_member');
    await page.goto(`${stage.server.url}/admin/me`);
    await page.getByText('张建国').first().waitFor();
    const masked = await page.locator('.masked').first().innerText();
    expect(masked).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'member-self-phone');

    // The own 组织关系变动, the current placement open-ended.
    const placements = page.locator('.ant-card', { hasText: '组织关系变动' });
    await placements.scrollIntoViewIfNeeded();
    await expect.poll(() => placements.getByRole('row').filter({ hasText: '至今' }).count(), PATIENTLY).toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'member-self-placements-phone');
  });
});
