import { describe, expect, it } from 'vitest';
import { demoStage, DESKTOP, PATIENTLY, PHONE, login, newPage, screenshot } from './harness.js';

/**
 * A branch secretary on a 1366 px office screen: the roster fits without clipping its action column, and
 * 党员账号 shows who has an account and resets a member's password. The member then sees their organisation
 * named with the branch above it. After a reset the member must choose a password of their own before the app
 * opens.
 */

/** A password the policy accepts (length, character classes, not used before). */
const NEW_PASSWORD = 'Hongyan@2026x';

describe('member accounts, roster width and the own organisation path', () => {
  const stage = demoStage();

  it('fits the roster\'s action column into 1366 px', async () => {
    const { page, context } = await newPage(stage.browser, DESKTOP);
    await login(page, stage.server, 'zb_caizheng');
    await page.goto(`${stage.server.url}/admin/members`);
    const button = page.getByRole('button', { name: /^查看.+的完整信息$/ }).first();
    await button.waitFor();
    const box = (await button.boundingBox())!;
    const cell = (await button.locator('xpath=ancestor::td[1]').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(cell.x);
    expect(box.x + box.width).toBeLessThanOrEqual(cell.x + cell.width);
    expect(box.x + box.width).toBeLessThanOrEqual(DESKTOP.width);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(DESKTOP.width);
    await screenshot(page, 'members-1366');
    await context.close();
  });

  it('names a member\'s own organisation with the branch above it', async () => {
    const { page, context } = await newPage(stage.browser, PHONE);
    await login(page, stage.server, 'dy_member');
    await page.goto(`${stage.server.url}/admin/me`);
    await page.getByText('区财政局党支部 / 第一党小组').waitFor();
    await context.close();
  });

  it('lists account states, resets a member\'s password onto a printable slip, and the member sets a new one', async () => {
    const { page, context } = await newPage(stage.browser, DESKTOP);
    await login(page, stage.server, 'zb_caizheng');
    await page.goto(`${stage.server.url}/admin/accounts`);
    const row = page.getByRole('row').filter({ hasText: 'dy_member' });
    await row.waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: '未开设' }).count(), PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'member-accounts');

    await row.getByRole('button', { name: '重置张建国的密码' }).click();
    await page.getByRole('button', { name: '重置', exact: true }).click();
    const slip = page.getByRole('region', { name: '账号单' });
    await slip.getByText('dy_member').waitFor();
    const password = (await slip.locator('td.mono').nth(1).innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(8);
    await screenshot(page, 'member-account-reset');
    await context.close();

    const member = await newPage(stage.browser, PHONE);
    await member.page.goto(`${stage.server.url}/admin/`);
    await member.page.getByLabel('用户名').fill('dy_member');
    await member.page.getByLabel('密码', { exact: true }).fill(password);
    await member.page.getByRole('button', { name: '登录' }).click();
    // The one-time password only opens the change form: the member sets a password of their own.
    await member.page.getByRole('heading', { name: '修改初始密码' }).waitFor(PATIENTLY);
    expect(await member.page.getByRole('banner').count()).toBe(0);
    await member.page.getByLabel('当前密码').fill(password);
    await member.page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await member.page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await screenshot(member.page, 'member-password-change');
    await member.page.getByRole('button', { name: '设置新密码' }).click();

    // The app opens on the member's own page.
    await member.page.getByRole('banner').waitFor(PATIENTLY);
    await member.page.getByRole('heading', { name: '我的信息' }).waitFor(PATIENTLY);
    await member.page.getByText('区财政局党支部 / 第一党小组').waitFor(PATIENTLY);
    expect(new URL(member.page.url()).pathname).toBe('/admin/me');
    await screenshot(member.page, 'member-password-changed');
    await member.context.close();

    // From now on the new password signs in straight into the app, and the one-time password no longer does.
    const again = await newPage(stage.browser, PHONE);
    await login(again.page, stage.server, 'dy_member', NEW_PASSWORD);
    await again.page.getByText('区财政局党支部 / 第一党小组').waitFor(PATIENTLY);
    await again.context.close();
    const refused = await stage.browser.newContext();
    const res = await refused.request.post(`${stage.server.url}/api/v1/auth/login`, { data: { username: 'dy_member', password } });
    expect(res.status()).toBeGreaterThanOrEqual(400);
    await refused.close();
  });

});
