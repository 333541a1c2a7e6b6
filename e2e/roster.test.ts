import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { idNumberCheckChar } from '../server/registry/members/id-number.js';
import { demoStage, PATIENTLY, login, newPage, screenshot } from './harness.js';

/**
 * A branch secretary imports a roster through the wizard (upload → dry-run report → commit) and exports the
 * list. The file looks like a real one: a merged title row, header variants, a date cell next to text dates,
 * and one ID number typed as a number (its last digits already lost), which the report must flag.
 */

/** A synthetic number in area 439988, which neither a real county nor the demo data uses. */
function idNumber(birth: string, seq: number): string {
  const first17 = `439988${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const people = [
  { name: '贺新民', birth: '1988-04-16', seq: 11, joined: '2012-06-30', full: '2013-06-30' },
  { name: '曾晓雯', birth: '1995-09-02', seq: 22, joined: '2019-07-01', full: '2020-07-01' },
  { name: '欧阳志成', birth: '1979-12-25', seq: 33, joined: '2003-05-20', full: '2004-05-20' },
];

async function rosterFile(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(['区财政局党支部党员花名册']);
  ws.mergeCells('A1:J1');
  ws.addRow(['姓名', '性别', '民族', '出生日期', '公民身份号码', '学历', '入党日期', '转正日期', '人员类别', '所在支部', '手机号码']);
  people.forEach((p, i) => {
    const joined = i === 0 ? new Date(`${p.joined}T00:00:00Z`) : p.joined.replaceAll('-', '/');
    ws.addRow([p.name, Number(idNumber(p.birth, p.seq)[16]) % 2 ? '男' : '女', '汉族', p.birth, idNumber(p.birth, p.seq), '大学本科', joined, `${p.full.slice(0, 4)}年${Number(p.full.slice(5, 7))}月${Number(p.full.slice(8))}日`, '正式党员', '区财政局党支部', `1390734${String(1000 + i)}`]);
  });
  // An ID number entered as a number: Excel keeps 15 significant digits, so this row must be refused.
  ws.addRow(['龙建华', '男', '土家族', '1990-01-01', 439988199001010550, '大学本科', '2015-07-01', '2016-07-01', '正式党员', '区财政局党支部', '13907349999']);
  const file = path.join(dir, '财政局党员名册.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('roster import and export in the browser', () => {
  const stage = demoStage();
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-roster-'));
    ({ page } = await newPage(stage.browser));
    await login(page, stage.server, 'zb_caizheng');
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks the file, reports the bad row, and imports the valid rows', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '名册导入' }).click();
    await page.locator('input[type=file]').setInputFiles(await rosterFile(dir));
    await page.getByRole('button', { name: '检查文件' }).click();

    const report = page.getByRole('region', { name: '检查结果' });
    await report.waitFor();
    await expect.poll(() => report.locator('.ant-statistic').filter({ hasText: '新增' }).locator('.ant-statistic-content-value').innerText(), PATIENTLY).toBe('3');
    await expect.poll(() => report.getByRole('row').filter({ hasText: '文本' }).count(), PATIENTLY).toBe(1);
    await screenshot(page, 'import-report');

    // The same problems as a sheet, to work through beside the roster.
    const [issues] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: '下载问题清单' }).click()]);
    expect(issues.suggestedFilename()).toBe('导入问题清单-财政局党员名册.xlsx');
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.readFile(await issues.path());
    const lines: string[] = [];
    sheet.worksheets[0].eachRow((row) => lines.push((row.values as unknown[]).slice(1).join(' | ')));
    expect(lines[0]).toBe('类别 | 行号 | 列 | 问题说明');
    expect(lines.filter((l) => l.startsWith('错误 | 6 | 公民身份号码 | ') && l.includes('文本'))).toHaveLength(1);

    await page.getByRole('checkbox', { name: /跳过有错误的行/ }).check();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成').waitFor();
    await page.getByText('新增 3 人').waitFor();
    // Written with the bad row skipped: a neutral note and the table of what was skipped, no call to re-upload.
    await page.getByText(/跳过了 1 行有错误的行/).waitFor();
    expect(await page.getByText(/请修改文件后重新上传/).count()).toBe(0);
    expect(await page.getByRole('tab', { name: /错误/ }).count()).toBe(1);
    await screenshot(page, 'import-done');

    await page.getByRole('button', { name: '查看党员名册' }).click();
    const search = page.getByLabel('搜索党员');
    await search.fill('oyzc');
    await search.press('Enter');
    await expect.poll(() => page.getByRole('cell', { name: '欧阳志成', exact: true }).count(), PATIENTLY).toBe(1);
    await screenshot(page, 'members-after-import');
  });

  it('exports the list with masked ID numbers as text cells', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '党员名册' }).click();
    await page.getByRole('table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r.includes('姓名'));
    expect(header).toBeGreaterThanOrEqual(0);
    const idCol = rows[header].indexOf('身份证号');
    const body = rows.slice(header + 1);
    expect(body.map((r) => r[rows[header].indexOf('姓名')])).toContain('欧阳志成');
    for (const r of body) {
      expect(typeof r[idCol]).toBe('string');
      expect(r[idCol]).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
    }
  });
});
