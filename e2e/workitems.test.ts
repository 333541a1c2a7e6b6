import { describe, expect, it } from 'vitest';
import { demoStage, PATIENTLY, PHONE, login, menuLabels, newPage, screenshot } from './harness.js';

/**
 * The work-item engine on the demo district: the secretary works an item from 我的事项 on a phone and submits it,
 * the committee signs it off (销号) from its queue, and sees the board with its chart and deadline calendar.
 */
describe('work items', () => {
  const stage = demoStage();

  it('takes an item from the secretary on a phone to the committee’s sign-off', { timeout: 180_000 }, async () => {
    const { page } = await newPage(stage.browser, PHONE);
    await login(page, stage.server, 'zb_caizheng');
    await page.goto(`${stage.server.url}/admin/my/work-items`);
    await page.getByRole('heading', { name: '我的事项' }).waitFor();
    const dueSoon = page.locator('.my-items-card', { hasText: '三天内到期' });
    await expect.poll(() => dueSoon.locator('.ant-list-item').count(), PATIENTLY).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.my-items-card', { hasText: '已逾期' }).locator('.ant-list-item').count(), PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'workitems-my-phone');

    await dueSoon.locator('.ant-list-item a').first().click();
    await page.getByRole('button', { name: '开始办理' }).click();
    await page.getByRole('button', { name: '提交办理结果' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('办理情况').fill('已按要求完成，记录已归档。');
    await dialog.locator('.ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-tag', { hasText: '待销号' }).count(), PATIENTLY).toBeGreaterThan(0);
    // the secretary may not sign off their own organisation's item
    expect(await page.getByRole('button', { name: /^销\s?号$/ }).count()).toBe(0);
    await screenshot(page, 'workitems-submitted-phone');
    const itemUrl = page.url().replace(/^.*\/admin/, '/admin');

    const committee = await newPage(stage.browser);
    await login(committee.page, stage.server, 'gw_admin');
    await committee.page.goto(`${stage.server.url}/admin/my/work-items`);
    const queue = committee.page.locator('.my-items-card', { hasText: '待我验收销号' });
    await expect.poll(() => queue.locator('.ant-list-item').count(), PATIENTLY).toBeGreaterThan(0);
    await committee.page.goto(`${stage.server.url}${itemUrl}`);
    await committee.page.getByRole('button', { name: /^销\s?号$/ }).click();
    await committee.page.getByRole('dialog').getByLabel('销号意见').fill('材料齐全，同意销号。');
    await committee.page.getByRole('dialog').locator('.ant-btn-primary').click();
    await expect.poll(() => committee.page.locator('.ant-tag', { hasText: '已销号' }).count(), PATIENTLY).toBeGreaterThan(0);
    await committee.page.getByText('材料齐全，同意销号。').waitFor();
    await screenshot(committee.page, 'workitems-signed-off');
  });

  it('shows the committee the board, the list and the holiday calendar', { timeout: 180_000 }, async () => {
    const { page } = await newPage(stage.browser);
    await login(page, stage.server, 'gw_admin');
    expect(await menuLabels(page)).toEqual(expect.arrayContaining(['督办看板', '事项清单', '节假日设置']));
    await page.goto(`${stage.server.url}/admin/work-items/board`);
    await page.getByRole('heading', { name: '督办看板' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENTLY).toBeGreaterThan(5);
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'workitems-board');
    await page.goto(`${stage.server.url}/admin/work-items?overdue=true`);
    await page.getByRole('heading', { name: '事项清单' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody .ant-tag', { hasText: '已逾期' }).count(), PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'workitems-list-overdue');
    await page.goto(`${stage.server.url}/admin/holidays`);
    await page.getByRole('heading', { name: '节假日与督办设置' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENTLY).toBeGreaterThan(10);
    await screenshot(page, 'workitems-holidays');
  });
});
