import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoStage, orgByName, apiGet, apiSession, login, menuLabels, newPage, screenshot } from './harness.js';

/**
 * Each demo role signs in through the login form and sees only what the role allows: the menu entries, and
 * answers for records outside its scope (404) or outside its permissions (403).
 */

interface Expectation {
  sees: string[];
  hidden: string[];
  /** navigation group headings (issue 2 §6): the four wheels, 组织, 党员 and, for the admins only, 系统 */
  groups: { sees: string[]; hidden: string[] };
}

const memberPages = ['党员名册', '名册导入', '党员账号'];
const adminPages = ['用户管理', '角色授权', '安全策略', '审计日志'];
const without = (all: string[], keep: string[]) => all.filter((x) => !keep.includes(x));

/** Every group heading in the order the navigation shows them: the four wheels first, 系统 after the records. */
const groupOrder = ['政治建设', '党建责任', '组织建设', '服务中心', '信息发布', '组织', '党员', '系统', '个人'];
/** Work groups that hold no administrator's page: the administrators see 系统 instead. */
const workGroups = ['党建责任', '党员'];
const notAdmin = ['系统', '审计'];

const roles: Record<string, Expectation> = {
  gw_admin: {
    sees: ['党员名册', '名册导入', '党员账号', '组织架构', '组织设置提示'], hidden: adminPages,
    groups: { sees: ['党建责任', '组织建设', '组织', '党员'], hidden: notAdmin },
  },
  gw_liaison: {
    sees: ['党员名册', '组织架构'], hidden: ['名册导入', '党员账号', ...adminPages],
    groups: { sees: ['党建责任', '组织建设', '组织', '党员'], hidden: notAdmin },
  },
  zb_caizheng: {
    sees: ['党员名册', '名册导入', '党员账号', '组织架构', '我的信息'], hidden: adminPages,
    groups: { sees: ['党建责任', '组织建设', '组织', '党员', '个人'], hidden: notAdmin },
  },
  dy_member: {
    sees: ['我的信息'], hidden: [...memberPages, '组织架构', ...adminPages],
    groups: { sees: ['个人'], hidden: [...workGroups, '组织建设', '组织', ...notAdmin] },
  },
  sys_admin: {
    sees: ['用户管理'], hidden: [...memberPages, ...without(adminPages, ['用户管理'])],
    groups: { sees: ['系统'], hidden: [...workGroups, '审计'] },
  },
  sec_admin: {
    sees: ['角色授权', '安全策略'], hidden: [...memberPages, ...without(adminPages, ['角色授权', '安全策略'])],
    groups: { sees: ['系统'], hidden: [...workGroups, '审计'] },
  },
  audit_admin: {
    sees: ['审计日志'], hidden: [...memberPages, '组织架构', ...without(adminPages, ['审计日志'])],
    groups: { sees: ['系统'], hidden: [...workGroups, '组织建设', '组织', '审计'] },
  },
};

interface Ids {
  caizheng: number;
  minzheng: number;
  minzhengMember: number;
  officeMember: number;
  caizhengTotal: number;
}

describe('demo roles in the browser', () => {
  const stage = demoStage();
  let ids: Ids;

  beforeAll(async () => {
    const session = await apiSession(stage.browser, stage.server, 'gw_admin');
    const org = (name: string) => orgByName(session, stage.server, name);
    const firstMember = async (orgId: number) =>
      ((await apiGet(session, `${stage.server.url}/api/v1/members?orgId=${orgId}&pageSize=1`)).body as { items: Array<{ id: number }> }).items[0].id;
    const caizheng = await org('区财政局党支部');
    const minzheng = await org('区民政局党支部');
    const office = await org('区委办公室党支部');
    ids = {
      caizheng: caizheng.id,
      minzheng: minzheng.id,
      minzhengMember: await firstMember(minzheng.id),
      officeMember: await firstMember(office.id),
      caizhengTotal: caizheng.memberCount,
    };
    await session.close();
  });

  /** The navigation's group headings, each with the labels of its entries. */
  async function menuGroups(page: Page): Promise<Array<{ heading: string; entries: string[] }>> {
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('menuitem').first().waitFor();
    const groups = nav.locator('.ant-menu-item-group');
    const found: Array<{ heading: string; entries: string[] }> = [];
    for (let i = 0; i < await groups.count(); i++) {
      const group = groups.nth(i);
      found.push({
        heading: (await group.locator('.ant-menu-item-group-title').innerText()).trim(),
        entries: (await group.getByRole('menuitem').allInnerTexts()).map((t) => t.trim()),
      });
    }
    return found;
  }

  async function signIn(username: string): Promise<Page> {
    const { page } = await newPage(stage.browser);
    await login(page, stage.server, username);
    return page;
  }

  for (const [username, expected] of Object.entries(roles)) {
    it(`${username} sees only the pages of the role`, async () => {
      const page = await signIn(username);
      const labels = await menuLabels(page);
      for (const label of expected.sees) expect(labels, username).toContain(label);
      for (const label of expected.hidden) expect(labels, username).not.toContain(label);

      const groups = await menuGroups(page);
      const headings = groups.map((g) => g.heading);
      for (const heading of expected.groups.sees) expect(headings, username).toContain(heading);
      for (const heading of expected.groups.hidden) expect(headings, username).not.toContain(heading);
      // Only known groups, in the navigation's order, none empty, and together they hold every entry.
      expect(headings, username).toEqual(groupOrder.filter((h) => headings.includes(h)));
      for (const g of groups) expect(g.entries.length, `${username}: ${g.heading}`).toBeGreaterThan(0);
      expect(groups.flatMap((g) => g.entries).sort(), username).toEqual([...labels].sort());
      // The administrators' pages, the audit log too, sit under 系统.
      const system = groups.find((g) => g.heading === '系统')?.entries ?? [];
      for (const label of expected.sees.filter((l) => adminPages.includes(l))) expect(system, username).toContain(label);
      await screenshot(page, `role-${username}`);
      await page.context().close();
    });
  }

  it('committee staff see the demo district\'s deliberate findings and an organisation\'s officers', async () => {
    const page = await signIn('gw_admin');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('menuitem', { name: '组织设置提示' }).click();
    for (const name of ['区信访局党支部', '区人力资源和社会保障局党支部', '区退役军人事务局党支部']) {
      await page.getByRole('main').getByText(name).first().waitFor();
    }
    await screenshot(page, 'org-findings');

    await page.goto(`${stage.server.url}/admin/orgs/${ids.caizheng}`);
    await page.getByRole('main').getByText('组织委员').first().waitFor();
    await screenshot(page, 'org-detail');
    await page.context().close();
  });

  it('a branch secretary reads only the own branch: other records answer 404', async () => {
    const page = await signIn('zb_caizheng');
    const list = await apiGet(page, `${stage.server.url}/api/v1/members?pageSize=1000`);
    expect(list.status).toBe(200);
    expect((list.body as { total: number }).total).toBe(ids.caizhengTotal);
    expect((await apiGet(page, `${stage.server.url}/api/v1/members/${ids.minzhengMember}`)).status).toBe(404);
    expect((await apiGet(page, `${stage.server.url}/api/v1/orgs/${ids.minzheng}`)).status).toBe(404);
    await page.goto(`${stage.server.url}/admin/members/${ids.minzhengMember}`);
    await page.getByText('不存在或无权访问').first().waitFor();
    await page.context().close();
  });

  it('a liaison officer reads the assigned units and nothing else', async () => {
    const session = await apiSession(stage.browser, stage.server, 'gw_liaison');
    expect((await apiGet(session, `${stage.server.url}/api/v1/members/${ids.minzhengMember}`)).status).toBe(200);
    expect((await apiGet(session, `${stage.server.url}/api/v1/members/${ids.officeMember}`)).status).toBe(404);
    await session.close();
  });

  it('a member, and the administrators, cannot read the roster', async () => {
    for (const username of ['dy_member', 'sys_admin', 'sec_admin', 'audit_admin']) {
      const session = await apiSession(stage.browser, stage.server, username);
      expect((await apiGet(session, `${stage.server.url}/api/v1/members`)).status, username).toBe(403);
      expect((await apiGet(session, `${stage.server.url}/api/v1/members/${ids.minzhengMember}`)).status, username).toBe(403);
      const audit = (await apiGet(session, `${stage.server.url}/api/v1/audit-events`)).status;
      expect(audit, username).toBe(username === 'audit_admin' ? 200 : 403);
      await session.close();
    }
  });

  it('a member opening the roster by its address gets the not-found page', async () => {
    const page = await signIn('dy_member');
    await page.goto(`${stage.server.url}/admin/members`);
    await page.getByText('页面不存在或无权访问').waitFor();
    await page.context().close();
  });
});
