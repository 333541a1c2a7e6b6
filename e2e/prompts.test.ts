import { describe, expect, it } from 'vitest';
import { demoStage, PATIENTLY, PHONE, login, menuLabels, newPage, pickInTree, screenshot } from './harness.js';

/**
 * A work prompt's whole loop on the demo district: the committee (gw_admin) writes it and fans it out to the whole
 * tree, the demo branch's secretary (zb_caizheng) acknowledges and reports back on a phone, and the committee signs
 * the report off (销号) from the receipt board.
 */
describe('work prompts', () => {
  const stage = demoStage();

  it('writes, fans out, is acknowledged and reported, and is signed off', { timeout: 240_000 }, async () => {
    // Made per attempt: a second attempt (vitest.config.ts) writes a prompt of its own.
    const title = `关于做好年终党建工作总结的动态提示（${Date.now() % 100_000}）`;
    const committee = await newPage(stage.browser);
    const page = committee.page;
    await login(page, stage.server, 'gw_admin');
    expect(await menuLabels(page)).toEqual(expect.arrayContaining(['责任清单', '月结清单', '工作提示']));
    await page.goto(`${stage.server.url}/admin/work-prompts`);
    await page.getByRole('heading', { name: '工作提示' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENTLY).toBeGreaterThan(5);
    await screenshot(page, 'prompts-list');

    await page.getByRole('button', { name: '写工作提示' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('标题').fill(title);
    await dialog.getByLabel('正文').fill('请各党组织于月底前完成年度党建工作总结，并报送工委。');
    await dialog.getByLabel(/反馈要求/).fill('总结文稿');
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('反馈截止日期').click();
    await dialog.getByLabel('反馈截止日期').fill(deadline);
    await dialog.getByLabel('反馈截止日期').press('Enter');
    await dialog.locator('.ant-btn-primary').click();
    await page.getByRole('heading', { name: title }).waitFor();

    await page.getByRole('button', { name: '下发' }).click();
    const fan = page.getByRole('dialog');
    await pickInTree(page, fan.getByLabel('下发范围'), '雁峰区直机关工委');
    await fan.getByRole('button', { name: '下发' }).click();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENTLY).toBeGreaterThan(30);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '党小组' }).count()).toBe(0);
    await screenshot(page, 'prompts-board-issued');

    const secretary = await newPage(stage.browser, PHONE);
    await login(secretary.page, stage.server, 'zb_caizheng');
    await secretary.page.goto(`${stage.server.url}/admin/work-prompts/received`);
    const card = secretary.page.locator('.received-prompt', { hasText: title });
    await card.waitFor(PATIENTLY);
    await card.getByRole('button', { name: '签收' }).click();
    await card.getByRole('button', { name: '反馈' }).waitFor(PATIENTLY);
    await card.getByRole('button', { name: '反馈' }).click();
    const report = secretary.page.getByRole('dialog');
    await report.getByLabel('落实情况').fill('已完成本支部年度党建工作总结，经支委会审议后报送。');
    await report.locator('.ant-btn-primary').click();
    await secretary.page.locator('.ant-segmented-item', { hasText: '全部' }).click();
    await expect.poll(() => card.locator('.ant-tag', { hasText: '待销号' }).count(), PATIENTLY).toBe(1);
    await screenshot(secretary.page, 'prompts-received-phone');

    await page.reload();
    await page.getByText('待销号', { exact: true }).first().click();
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '区财政局党支部' });
    await row.waitFor(PATIENTLY);
    await row.getByRole('link', { name: '审核销号' }).click();
    await page.getByRole('button', { name: /^销\s?号$/ }).click();
    await page.getByRole('dialog').getByLabel('销号意见').fill('总结内容完整，同意销号。');
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-tag', { hasText: '已销号' }).count(), PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'prompts-signed-off');
  });

  it('shows duty lists and the month’s checklist close rates', { timeout: 180_000 }, async () => {
    const { page } = await newPage(stage.browser);
    await login(page, stage.server, 'gw_admin');
    await page.goto(`${stage.server.url}/admin/duty-lists`);
    await page.getByRole('heading', { name: '党建责任清单' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENTLY).toBeGreaterThan(10);
    await screenshot(page, 'duty-lists');
    await page.goto(`${stage.server.url}/admin/monthly-checklists`);
    await page.getByRole('heading', { name: '月结清单' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENTLY).toBeGreaterThan(20);
    await screenshot(page, 'checklists-close-rates');
  });
});
