import type { AppContext } from './platform/http/context.js';
import { systemActor, writeAudit } from './platform/audit/audit-log.js';
import { initialAdminPassword, newOneTimePassword } from './platform/auth/password.service.js';
import { roleLabels, type Role } from './platform/access/roles.js';
import { nowIso } from './platform/time.js';
import { createAccount } from './registry/users/users.service.js';
import { demoAccountRows, insertUnscopedGrant, registryCounts } from './bootstrap.repository.js';
import { loadDemoData } from './demo/demo-loader.js';
import { productAreas } from './modules.js';
import { DEMO_PASSWORD } from './demo/demo-data.js';

export const FIRST_ADMIN_USERNAME = 'sysadmin';
export const FIRST_ADMIN_PASSWORD_HOURS = initialAdminPassword.hours;

/** A refusal to start: main.ts prints the message and exits non-zero. */
export class StartupRefused extends Error {}

/**
 * Runs after the migrations, before the server listens. Production refuses unsafe states (demo accounts,
 * plain HTTP without an explicit deviation); demo mode fills an empty database with the demo district;
 * otherwise an empty database gets one system administrator with a one-time password. Returns lines to print.
 */
export async function bootstrap(ctx: AppContext): Promise<string[]> {
  const { config } = ctx;
  const db = ctx.db.kysely;
  if (config.production) await productionChecks(ctx);

  let counts = await registryCounts(db);
  const lines: string[] = [];
  if (config.demo && counts.users === 0 && counts.orgs === 0) {
    const s = await loadDemoData(ctx);
    lines.push(`演示数据已载入 Demo data loaded: ${s.units} units, ${s.orgs} organisations, ${s.members} members`);
    for (const area of productAreas) if (area.demo) lines.push(await area.demo(ctx));
    counts = await registryCounts(db);
  }
  if (counts.users === 0) lines.push(...(await createFirstAdmin(ctx)));
  if (config.demo && counts.demoUsers > 0) lines.push(...(await demoAccountLines(ctx)));
  return lines;
}

async function productionChecks(ctx: AppContext): Promise<void> {
  const { config } = ctx;
  const db = ctx.db.kysely;
  if (config.demo) {
    throw new StartupRefused('Refusing to start: demo mode (HONGYAN_DEMO) cannot be on in production (NODE_ENV=production). 生产环境不能开启演示模式。');
  }
  const { demoUsers } = await registryCounts(db);
  if (demoUsers > 0) {
    throw new StartupRefused(`Refusing to start in production: ${demoUsers} demo account(s) with the published password exist (users.is_demo = 1). `
      + 'Start from a database without demo data, or remove those accounts first. 生产环境存在演示账号，拒绝启动。');
  }
  if (!config.trustProxy && !config.allowHttp) {
    throw new StartupRefused('Refusing to start in production without HTTPS: terminate TLS at a trusted reverse proxy and set HONGYAN_TRUST_PROXY=1, '
      + 'or set HONGYAN_ALLOW_HTTP=1 to accept plain HTTP as a recorded deviation. 生产环境须使用 HTTPS。');
  }
  if (!config.trustProxy && config.allowHttp) {
    const message = 'HONGYAN_ALLOW_HTTP=1: serving production over plain HTTP (a deviation from the HTTPS requirement, recorded in the audit log)';
    console.warn(`WARNING: ${message}`);
    await writeAudit(db, systemActor, { action: 'config.deviation', details: { setting: 'HONGYAN_ALLOW_HTTP', message } });
  }
}

/** The only account of a fresh installation: its password is printed once, expires, and must be changed. */
async function createFirstAdmin(ctx: AppContext): Promise<string[]> {
  const otp = await newOneTimePassword(initialAdminPassword);
  const { password } = otp;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const id = await createAccount(trx, systemActor, { username: FIRST_ADMIN_USERNAME, displayName: '系统管理员', memberId: null }, otp);
    await insertUnscopedGrant(trx, id, 'system_admin', nowIso());
  });
  return [
    `首次启动：已创建系统管理员 ${FIRST_ADMIN_USERNAME}，一次性密码 ${password}（仅显示这一次，${FIRST_ADMIN_PASSWORD_HOURS} 小时内有效，首次登录须修改）`,
    `First start: created the system administrator "${FIRST_ADMIN_USERNAME}" with the one-time password ${password}`
      + ` (shown only now; valid for ${FIRST_ADMIN_PASSWORD_HOURS} hours; must be changed at first login)`,
  ];
}

async function demoAccountLines(ctx: AppContext): Promise<string[]> {
  const rows = await demoAccountRows(ctx.db.kysely);
  const byUser = new Map<string, { displayName: string; grants: string[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.username) ?? { displayName: r.displayName, grants: [] };
    if (r.role) entry.grants.push(`${roleLabels[r.role as Role] ?? r.role}${r.orgName ? `（${r.orgName}）` : ''}`);
    byUser.set(r.username, entry);
  }
  const width = Math.max(...[...byUser.keys()].map((u) => u.length));
  return [
    `演示账号 Demo accounts (password 密码: ${DEMO_PASSWORD}):`,
    ...[...byUser].map(([username, u]) => `  ${username.padEnd(width)}  ${u.displayName} · ${u.grants.join('；')}`),
  ];
}
