import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoStage, DESKTOP, dropdownsClosed, PATIENTLY, PHONE, login, newPage, pickInTree, screenshot } from './harness.js';

/**
 * One activity through its life in the browser: the branch secretary plans it, a member checks in with the code
 * from a phone while the check-in screen shows the live list, and the secretary records and signs it.
 */
describe('activities in the browser', () => {
  const stage = demoStage();

  /** Picks an option of the antd Select labelled `label` by its text (typed, then taken with Enter). */
  async function choose(page: Page, label: string, option: string) {
    await page.getByLabel(label, { exact: true }).click();
    await page.keyboard.type(option);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').filter({ hasText: option }).waitFor();
    await page.keyboard.press('Enter');
    await dropdownsClosed(page);
  }

  it('plans an activity, takes a check-in from a phone with the code, and signs it', async () => {
    const { page } = await newPage(stage.browser, DESKTOP);
    page.setDefaultTimeout(30_000);
    await login(page, stage.server, 'zb_caizheng');
    const me = await page.request.get(`${stage.server.url}/api/v1/auth/me`);
    const secretaryName = ((await me.json()) as { displayName: string }).displayName;
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    const themeDayOfBranch = async () => {
      const res = await page.request.get(`${stage.server.url}/api/v1/compliance?period=${month}`);
      const body = (await res.json()) as { items: Array<{ orgName: string; rules: Array<{ rule: string; status: string; activityIds: number[] }> }> };
      return body.items.find((r) => r.orgName === '区财政局党支部')!.rules.find((r) => r.rule === 'theme_day')!;
    };
    const before = await themeDayOfBranch();
    await page.goto(`${stage.server.url}/admin/activities/new`);
    await page.getByRole('heading', { name: '新建活动' }).waitFor();

    await pickInTree(page, page.getByLabel('党组织', { exact: true }), '区财政局党支部');
    await choose(page, '活动类型', '主题党日');
    await page.getByLabel('活动名称').fill('11月主题党日：学习贯彻全会精神');
    const fmt = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d);
    const start = page.getByPlaceholder('开始日期');
    await start.click();
    // typed, then confirmed with the picker's own button (Enter would submit the form)
    const confirm = page.locator('.ant-picker-dropdown:visible .ant-picker-ok button');
    await start.fill(fmt(new Date(Date.now() - 10 * 60_000)));
    await confirm.click();
    await page.getByPlaceholder('结束日期').fill(fmt(new Date(Date.now() + 60 * 60_000)));
    await confirm.click();
    await page.getByLabel('地点').fill('局机关三楼会议室');
    await page.getByRole('button', { name: '添加议题' }).click();
    await page.getByLabel('议题1').fill('学习习近平总书记最新重要讲话精神');
    await page.getByLabel('会议内容（发言摘要、不同意见）').fill('书记领学，党员交流学习体会。');
    await expect.poll(() => page.getByLabel('主持人').isEnabled(), PATIENTLY).toBe(true);
    await choose(page, '主持人', secretaryName);
    await choose(page, '记录人', secretaryName);
    await screenshot(page, 'activities-form-desktop');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '11月主题党日：学习贯彻全会精神' }).waitFor(PATIENTLY);
    const id = Number(/activities\/(\d+)/.exec(page.url())![1]);

    await page.getByRole('button', { name: '签到屏' }).click();
    const codeBox = page.getByLabel('签到码');
    await codeBox.waitFor(PATIENTLY);
    const code = (await codeBox.innerText()).trim();
    expect(code).toMatch(/^\d{6}$/);
    await page.getByAltText('签到二维码').waitFor();

    const phone = await newPage(stage.browser, PHONE);
    phone.page.setDefaultTimeout(30_000);
    await login(phone.page, stage.server, 'dy_member');
    await phone.page.goto(`${stage.server.url}/admin/me/activities`);
    const input = phone.page.getByLabel('11月主题党日：学习贯彻全会精神签到码');
    await input.waitFor(PATIENTLY);
    await input.fill(code);
    await phone.page.getByRole('button', { name: '签到', exact: true }).click();
    await phone.page.getByText('签到成功').waitFor(PATIENTLY);
    await phone.page.getByText(/已于 \d\d:\d\d 签到/).waitFor(PATIENTLY);
    expect(await phone.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'activities-checkin-phone');

    // the live list on the screen picks the check-in up by itself
    await expect.poll(async () => (await page.getByLabel('已签到').innerText()).length, PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'activities-checkin-screen');

    await page.goto(`${stage.server.url}/admin/activities/${id}`);
    await page.getByRole('button', { name: '未登记的全部记为出席' }).click();
    await page.getByRole('button', { name: '保存出席情况' }).click();
    await page.getByText('出席情况已保存').waitFor(PATIENTLY);
    await page.getByRole('button', { name: '登记已召开' }).click();
    await page.getByRole('button', { name: '签署会议记录' }).waitFor(PATIENTLY);
    await page.getByRole('button', { name: '签署会议记录' }).click();
    await page.locator('.page-header').getByText('已签署').waitFor(PATIENTLY);
    await expect.poll(() => page.getByRole('button', { name: '编辑' }).count()).toBe(0);
    await screenshot(page, 'activities-signed-desktop');

    // signed, it counts: the branch's theme day for the month is done, with this activity behind it
    expect(before.activityIds).not.toContain(id);
    const after = await themeDayOfBranch();
    expect(after.status).toBe('done');
    expect(after.activityIds).toContain(id);
    await page.goto(`${stage.server.url}/admin/compliance?period=${month}`);
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '区财政局党支部' });
    await expect.poll(() => row.locator('.ant-tag-success').count(), PATIENTLY).toBeGreaterThan(0);
    await screenshot(page, 'activities-branch-compliant');
  }, 300_000);
});
