import fs from 'node:fs';
import path from 'node:path';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject, type TestContext } from 'vitest';
import { root, startServer, type RunningServer } from './server-process.js';

export { root, runServerToExit, type RunningServer } from './server-process.js';

/**
 * Browser tests run the real server as `npm start` does (server-process.ts), each file on its own copy of a data
 * folder the demo data was loaded into once for the suite (demo-folder.setup.ts), and drive Debian's chromium
 * against it. Nothing is built here: `npm test` builds first.
 */

export const screenshotDir = path.join(root, 'e2e', 'screenshots');
export const DEMO_PASSWORD = 'Hongyan@2022';
export const DESKTOP = { width: 1366, height: 768 };
/** For expect.poll: a page renders after its requests, which take seconds on a busy 2-core machine (the default is 1 s). */
export const PATIENTLY = { timeout: 30_000 };
export const PHONE = { width: 375, height: 812 };

/** What a browser test file runs against: one demo server and one browser, started before its tests. */
export interface Stage {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/** Starts a demo server (with `env`) and a browser before the file's tests and stops both after them. */
export function demoStage(env: Record<string, string> = {}): Stage {
  const stage = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    [stage.server, stage.browser] = await Promise.all([startServer(env, { from: inject('demoFolder') }), launchBrowser()]);
  });
  afterEach(reportFailure);
  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
  });
  return stage;
}

/** Debian's chromium, headless, with the network chatter that this machine's closed network refuses turned off. */
export function launchBrowser(): Promise<Browser> {
  // launch() gives every run a fresh temporary profile (user-data dir), removed on close.
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The pages the running test opened, each with what went wrong in it: printed and photographed if the test fails. */
const openPages: Array<{ page: Page; trouble: string[] }> = [];

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  const trouble: string[] = [];
  const at = () => new Date().toISOString().slice(11, 23);
  page.on('response', (res) => {
    if (res.status() >= 400) trouble.push(`${at()} ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('console', (msg) => {
    // A failed request's own console line repeats what the response listener wrote.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) trouble.push(`${at()} console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => trouble.push(`${at()} page error: ${error.message}`));
  openPages.push({ page, trouble });
  return { context, page };
}

/**
 * A failed browser test leaves a screenshot of every page it opened (`failed-<test>-<n>.png`) and prints each page's
 * address, the messages on screen and the failed requests, so that a failure seen only in CI can be read afterwards.
 */
async function reportFailure(context: TestContext): Promise<void> {
  const pages = openPages.splice(0);
  if (context.task.result?.state !== 'fail') return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  const slug = context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  for (const [n, { page, trouble }] of pages.entries()) {
    if (page.isClosed()) continue;
    const file = path.join(screenshotDir, `failed-${slug}-${n + 1}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    const onScreen = await page.locator('.ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error, .ant-alert')
      .allInnerTexts().catch(() => []);
    console.error([
      `failed “${context.task.name}”, page ${n + 1}: ${page.url()} (${file})`,
      ...onScreen.map((t) => `  on screen: ${t.replace(/\s+/g, ' ')}`),
      ...trouble.map((t) => `  ${t}`),
    ].join('\n'));
  }
}

/** Signs in through the login form and waits for the application shell. */
export async function login(page: Page, server: RunningServer, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  // The shell's header (a banner landmark) appears on every screen size; the login card has none.
  await page.getByRole('banner').waitFor();
}

/** Waits until no select dropdown is open: a closing one stays in the page while it fades, and clicks meant for
 * the form or the next select must not land on it. */
export async function dropdownsClosed(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), PATIENTLY).toBe(0);
}

/** Picks the organisation titled `name` in the tree select `field` (found by its label), typing it as a search. */
export async function pickInTree(page: Page, field: Locator, name: string): Promise<void> {
  await pickUntilClosed(page, field, '.ant-select-tree-node-content-wrapper', name, true);
}

/** Picks the option showing `text` in the select `field` (found by its label). */
export async function pickInSelect(page: Page, field: Locator, text: string): Promise<void> {
  await pickUntilClosed(page, field, '.ant-select-item-option', text, false);
}

/** Under load a click can land while a dropdown is still sliding in and be lost, leaving it open: the pick is tried
 * again (at most three times) until the dropdown has closed on the chosen entry. */
async function pickUntilClosed(page: Page, field: Locator, entry: string, text: string, search: boolean): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    if ((await open.count()) === 0) await field.click();
    if (search) await field.fill(text);
    await open.locator(entry, { hasText: text }).first().click();
    try {
      await expect.poll(() => open.count(), { timeout: 5_000 }).toBe(0);
      return;
    } catch (lost) {
      if (attempt === 3) throw lost;
    }
  }
}

/** The labels of the navigation entries the signed-in user sees. */
export async function menuLabels(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('menuitem').first().waitFor();
  return (await nav.getByRole('menuitem').allInnerTexts()).map((t) => t.trim());
}

/** A browser context signed in through the API (no page): for checks of what the API answers a role. */
export async function apiSession(browser: Browser, server: RunningServer, username: string, password = DEMO_PASSWORD): Promise<BrowserContext> {
  const context = await browser.newContext();
  const res = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username, password } });
  if (!res.ok()) throw new Error(`login of ${username} failed: ${res.status()} ${await res.text()}`);
  return context;
}

/** A JSON GET with the session cookie of a page or context, as the web app makes it. */
export async function apiGet(session: { request: APIRequestContext }, url: string): Promise<{ status: number; body: unknown }> {
  const res = await session.request.get(url);
  const text = await res.text();
  return { status: res.status(), body: text ? JSON.parse(text) : null };
}

/** The organisation of that exact name, as the organisation list shows it to the session's user. */
export async function orgByName(session: { request: APIRequestContext }, server: RunningServer, name: string): Promise<{ id: number; name: string; memberCount: number }> {
  const res = await apiGet(session, `${server.url}/api/v1/orgs?q=${encodeURIComponent(name)}&pageSize=10`);
  const org = (res.body as { items: Array<{ id: number; name: string; memberCount: number }> }).items.find((o) => o.name === name);
  if (!org) throw new Error(`no organisation named ${name}`);
  return org;
}

/** Waits for the page to settle (no request in flight, nothing loading, fonts ready) and saves a screenshot. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const busy = page.locator('.ant-spin-spinning, [aria-busy="true"], .ant-skeleton-active');
  // A query may start just after the network went quiet: settled means quiet and idle twice in a row.
  for (let calm = 0; calm < 2;) {
    await page.waitForLoadState('networkidle');
    await expect.poll(() => busy.count(), PATIENTLY).toBe(0);
    await page.waitForTimeout(250);
    calm = (await busy.count()) === 0 ? calm + 1 : 0;
  }
  // A string, not a function: the server's tsconfig has no DOM types.
  await page.evaluate('document.fonts.ready.then(() => true)');
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
