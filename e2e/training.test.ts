import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoStage, orgByName, PATIENTLY, apiSession, login, menuLabels, newPage, screenshot } from './harness.js';

/**
 * Training, member review, talks and the bound record on the demo district: the committee sees its classes and the
 * coverage they give; the demo branch's secretary walks last year's review and this year's talks, and downloads
 * the year's bound record as Word.
 */
describe('training pages', () => {
  const stage = demoStage();
  let branchId: number;
  const year = new Date().getFullYear();

  beforeAll(async () => {
    const session = await apiSession(stage.browser, stage.server, 'gw_admin');
    branchId = (await orgByName(session, stage.server, '区财政局党支部')).id;
  });

  it('shows the committee its classes, coverage per branch and a class’s enrolments', async () => {
    const { page } = await newPage(stage.browser);
    await login(page, stage.server, 'gw_admin');
    expect(await menuLabels(page)).toContain('培训班');
    await page.goto(`${stage.server.url}/admin/training-classes`);
    await page.getByRole('heading', { name: '培训班' }).waitFor();
    await expect.poll(() => page.getByText('参训覆盖率（完成至少一期培训）').count(), PATIENTLY).toBe(1);
    const share = Number((await page.locator('.ant-statistic-content-value').first().innerText()).replace(/[^\d.]/g, ''));
    expect(share).toBeGreaterThanOrEqual(70);
    expect(share).toBeLessThanOrEqual(80);
    await expect.poll(() => page.getByRole('link', { name: `${year}年度党员集中轮训班` }).count(), PATIENTLY).toBe(1);
    await screenshot(page, 'training-classes');
    await page.getByRole('link', { name: `${year}年度党员集中轮训班` }).click();
    await page.getByRole('heading', { name: `${year}年度党员集中轮训班` }).waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENTLY).toBeGreaterThan(5);
    expect(await page.getByText('已结业').count()).toBeGreaterThan(0);
    await screenshot(page, 'training-class-detail');
  });

  it('walks the secretary through last year’s member review, this year’s talks and the bound record', async () => {
    const { page } = await newPage(stage.browser);
    await login(page, stage.server, 'zb_caizheng');
    await page.goto(`${stage.server.url}/admin/member-reviews`);
    await page.getByRole('heading', { name: '民主评议党员' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: '区财政局党支部' }).count(), PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'training-reviews');
    await page.getByRole('link', { name: '区财政局党支部' }).first().click();
    await page.getByRole('heading', { name: `区财政局党支部 ${year - 1}年度民主评议党员` }).waitFor();
    await expect.poll(() => page.locator('.ant-steps-item-finish').count(), PATIENTLY).toBe(4);
    expect(await page.getByText('不记录任何人的投票内容').count()).toBe(1);
    await screenshot(page, 'training-review-detail');

    await page.goto(`${stage.server.url}/admin/talks?orgId=${branchId}`);
    await page.getByRole('heading', { name: '谈心谈话与年终装订' }).waitFor();
    await expect.poll(() => page.getByText('支委与党员').count(), PATIENTLY).toBe(1);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENTLY).toBeGreaterThan(5);
    await screenshot(page, 'training-talks');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载年终装订本（Word）' }).click();
    const file = await (await download).path();
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
    expect(xml).toContain('区财政局党支部');
    expect(xml).toContain(`${year}年度组织生活记录`);
  });

  it('fits a phone for the talks page', async () => {
    const { page } = await newPage(stage.browser, { width: 375, height: 812 });
    await login(page, stage.server, 'zb_caizheng');
    await page.goto(`${stage.server.url}/admin/talks?orgId=${branchId}`);
    await expect.poll(() => page.getByText('支委与党员').count(), PATIENTLY).toBe(1);
    await screenshot(page, 'training-talks-phone');
  });
});
