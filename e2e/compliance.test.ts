import { describe, expect, it } from 'vitest';
import { demoStage, PATIENTLY, login, menuLabels, newPage, screenshot } from './harness.js';

/**
 * 三会一课落实情况 on the demo district: the working committee sees every branch against the rules, who is behind,
 * the activities behind a cell and the monthly trend; a secretary sees their own branch.
 */
describe('compliance page', () => {
  const stage = demoStage();
  const lastYear = new Date().getFullYear() - 1;


  it('shows the committee every branch by rule, with drill-down and the trend', async () => {
    const { page } = await newPage(stage.browser);
    await login(page, stage.server, 'gw_admin');
    expect(await menuLabels(page)).toContain('三会一课落实');
    await page.goto(`${stage.server.url}/admin/compliance?period=${lastYear}`);
    await page.getByRole('heading', { name: '三会一课落实情况' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENTLY).toBeGreaterThan(20);
    // some branches are behind, some are not
    await expect.poll(() => page.locator('.ant-table-tbody .ant-tag-error').count(), PATIENTLY).toBeGreaterThan(0);
    expect(await page.locator('.ant-table-tbody .ant-tag-success').count()).toBeGreaterThan(0);
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'compliance-committee-year');

    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '区财政局党支部' });
    await row.locator('.ant-tag-success').first().click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('区财政局党支部').first().waitFor();
    await expect.poll(() => drawer.locator('.ant-list-item').count(), PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'compliance-drilldown');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: '连续6个月未参加组织生活' }).click();
    await expect.poll(() => page.getByText('最近一次参加').count(), PATIENTLY).toBeGreaterThan(0);
    await page.getByRole('tab', { name: '缺席未补课' }).click();
    await expect.poll(() => page.getByRole('tabpanel').locator('.ant-table-row').count(), PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'compliance-follow-up');
  });

  it('shows a secretary their own branch for a month', async () => {
    const { page } = await newPage(stage.browser);
    await login(page, stage.server, 'zb_caizheng');
    await page.goto(`${stage.server.url}/admin/compliance`);
    await page.getByRole('heading', { name: '三会一课落实情况' }).waitFor();
    await page.locator('.ant-segmented-item', { hasText: '月度' }).click();
    // The branches × rules table, the first on the page: the follow-up tabs below list members, as many as the
    // month's absences happen to be on the day the test runs.
    const branches = page.locator('.ant-table-wrapper').first().locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => branches.count(), PATIENTLY).toBe(1);
    await expect.poll(() => branches.first().innerText(), PATIENTLY).toContain('区财政局党支部');
    await screenshot(page, 'compliance-secretary-month');
  });
});
