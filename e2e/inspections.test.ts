import { describe, expect, it } from 'vitest';
import { demoStage, PATIENTLY, login, menuLabels, newPage, screenshot } from './harness.js';

/**
 * The committee's oversight in the browser: the year's inspections with the counts the seed reports, a feedback
 * list handed down, the Word summary, projects, the dispatch board and a bulletin; the liaison officer's units.
 */
describe('inspections in the browser', () => {
  const stage = demoStage();

  it('hands a feedback list down, downloads the Word summary and shows projects, dispatch and bulletins', async () => {
    const { page } = await newPage(stage.browser);
    page.setDefaultTimeout(30_000);
    await login(page, stage.server, 'gw_admin');
    expect(await menuLabels(page)).toEqual(expect.arrayContaining(['督查检查', '党建项目', '周调度', '通报讲评']));
    await page.goto(`${stage.server.url}/admin/oversight/inspections`);
    await page.getByRole('heading', { name: '督查检查' }).waitFor();
    await page.getByText('交办问题反馈清单').waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count(), PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'inspections-list');

    await page.getByRole('link', { name: /组织生活制度落实专项检查/ }).click();
    await page.getByRole('tab', { name: /问题反馈清单/ }).waitFor();
    const issueButtons = page.getByRole('button', { name: '交办' });
    await expect.poll(() => issueButtons.count(), PATIENTLY).toBeGreaterThan(0);
    const before = await issueButtons.count();
    await issueButtons.first().click();
    await page.getByText('问题反馈清单已交办').waitFor();
    await expect.poll(() => issueButtons.count(), PATIENTLY).toBe(before - 1);
    await screenshot(page, 'inspection-feedback-lists');

    // the special inspection of organisational life reads the inspected units' 三会一课 record from the activities
    await page.getByRole('tab', { name: '三会一课落实情况' }).click();
    const unitReports = page.getByRole('tabpanel').locator('.ant-card');
    await expect.poll(() => unitReports.count(), PATIENTLY).toBeGreaterThan(0);
    await expect.poll(() => unitReports.first().locator('.ant-table-row').count(), PATIENTLY).toBeGreaterThan(0);
    expect(await unitReports.first().locator('.ant-tag').count()).toBeGreaterThan(0);
    await screenshot(page, 'inspection-compliance');

    await page.getByRole('tab', { name: /问题（/ }).click();
    await page.getByText('已交办').first().waitFor();
    await screenshot(page, 'inspection-findings');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /下载整改情况/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.docx$/);

    await page.goto(`${stage.server.url}/admin/oversight/projects`);
    await page.getByRole('heading', { name: '党建项目' }).waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count(), PATIENTLY).toBeGreaterThan(0);
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.getByText('制定实施方案').first().waitFor();
    await screenshot(page, 'projects');

    await page.goto(`${stage.server.url}/admin/oversight/dispatch`);
    await page.getByText('本期（').waitFor();
    await page.getByText('未填报').first().waitFor();
    await screenshot(page, 'dispatch-board');

    await page.goto(`${stage.server.url}/admin/oversight/bulletins`);
    await page.getByRole('link', { name: /季度机关党建工作通报/ }).first().waitFor();
    await screenshot(page, 'bulletins-list');
    await page.getByRole('link', { name: /季度机关党建工作通报/ }).first().click();
    await page.getByText('按时销号排名').waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count(), PATIENTLY).toBeGreaterThan(5);
    await screenshot(page, 'bulletin-detail');
  }, 240_000);

  it('shows the liaison officer his units and lets him record a guidance visit', async () => {
    const { page } = await newPage(stage.browser);
    page.setDefaultTimeout(30_000);
    await login(page, stage.server, 'gw_liaison');
    await page.goto(`${stage.server.url}/admin/oversight/liaison`);
    await page.getByRole('heading', { name: '联系指导' }).waitFor();
    await page.getByText('区财政局').first().waitFor();
    await page.getByRole('button', { name: '记录指导' }).first().click();
    await page.getByLabel('指导内容').fill('指导年度组织生活会准备');
    await page.getByRole('button', { name: '确 定' }).or(page.getByRole('button', { name: '确定' })).click();
    await page.getByText('指导情况已记录').waitFor();
    await page.getByText('指导年度组织生活会准备').waitFor();
    await screenshot(page, 'liaison');
  }, 120_000);
});
