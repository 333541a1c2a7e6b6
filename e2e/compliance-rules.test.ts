import { describe, expect, it } from 'vitest';
import { demoStage, PATIENTLY, login, newPage, screenshot } from './harness.js';

/** antd spaces out a two-character button label (确 定) */
const OK = /^确\s?定$/;

/**
 * 三会一课规则 on the demo district: the working committee switches a rule off for branches, sees the compliance
 * table drop its column, and goes back to the regulation's default; a secretary reads the rules and cannot change them.
 */
describe('compliance rule settings', () => {
  const stage = demoStage();

  it('lets the working committee change a rule and reset it to the default', async () => {
    const { page } = await newPage(stage.browser);
    await login(page, stage.server, 'gw_admin');
    await page.goto(`${stage.server.url}/admin/activity-kinds`);
    await page.getByRole('heading', { name: '活动类型与规则' }).waitFor();
    await page.getByRole('tab', { name: '三会一课规则' }).click();
    const panel = page.getByRole('tabpanel');
    const row = panel.locator('.ant-table-row', { hasText: '主题党日' });
    await row.getByText('每月 1 次').first().waitFor();

    await row.getByText('调整').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('第十七条').waitFor();
    const enabled = dialog.getByLabel('是否启用');
    await enabled.click();
    // On a busy machine a click can land before the switch listens: save only once it shows the rule switched off.
    await expect.poll(() => enabled.getAttribute('aria-checked'), PATIENTLY).toBe('false');
    await screenshot(page, 'compliance-rules-dialog');
    await dialog.getByRole('button', { name: OK }).click();
    await expect.poll(() => row.innerText(), PATIENTLY).toContain('已调整');
    expect(await row.innerText()).toContain('不考核');
    await screenshot(page, 'compliance-rules-changed');

    // the compliance table no longer judges branches by the rule
    await page.goto(`${stage.server.url}/admin/compliance`);
    await page.getByRole('heading', { name: '三会一课落实情况' }).waitFor();
    const heads = page.locator('.ant-table-thead th');
    await expect.poll(() => heads.allInnerTexts(), PATIENTLY).toContain('党员大会');
    expect(await heads.allInnerTexts()).not.toContain('主题党日');

    await page.goto(`${stage.server.url}/admin/activity-kinds`);
    await page.getByRole('tab', { name: '三会一课规则' }).click();
    await row.getByText('恢复默认').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: OK }).click();
    await expect.poll(() => row.innerText(), PATIENTLY).not.toContain('已调整');
    expect(await row.innerText()).toContain('每月 1 次');
  });

  it('shows a secretary the rules without a way to change them', async () => {
    const { page } = await newPage(stage.browser);
    await login(page, stage.server, 'zb_caizheng');
    await page.goto(`${stage.server.url}/admin/activity-kinds`);
    await page.getByRole('tab', { name: '三会一课规则' }).click();
    const panel = page.getByRole('tabpanel');
    await panel.locator('.ant-table-row', { hasText: '党员大会' }).waitFor();
    expect(await panel.locator('.ant-table-row').count()).toBe(8);
    expect(await panel.getByText('调整', { exact: true }).count()).toBe(0);
    await screenshot(page, 'compliance-rules-secretary');
  });
});
