import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { createTestApp, Client } from './server/test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from './server/test/factories.js';
import { testIdNumber } from './server/registry/members/member.factory.js';
import { multipart } from './server/registry/members/roster/roster-test-files.js';

const N = Number(process.argv[2] ?? 10000);
const file = `/tmp/perf-${N}.xlsx`;
if (!fs.existsSync(file)) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('名册');
  ws.addRow(['姓名', '性别', '民族', '出生日期', '身份证号', '学历', '入党时间', '转正时间', '党员类别', '所在党组织', '联系电话', '工作单位及职务', '备注']).commit();
  const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
  for (let i = 0; i < N; i++) {
    const birth = `19${60 + (i % 35)}-0${1 + (i % 9)}-1${i % 10}`;
    const g = i % 2 ? 'male' : 'female';
    ws.addRow([surnames[i % 30] + '建' + surnames[(i * 7) % 30], g === 'male' ? '男' : '女', '汉族', new Date(birth + 'T00:00:00Z'), testIdNumber(birth, g), '大学本科',
      new Date(`20${10 + (i % 10)}-07-01T00:00:00Z`), new Date(`20${11 + (i % 10)}-07-01T00:00:00Z`), '正式党员', `第${i % 50}党支部`, `138${String(i).padStart(8, '0')}`, '区财政局 科员', null]).commit();
  }
  ws.commit();
  await wb.commit();
}
const t = await createTestApp('sqlite', { HONGYAN_IMPORT_ROW_CAP: '200000' });
const root = await buildOrg(t.db.kysely, { name: '工委' });
for (let i = 0; i < 50; i++) await buildOrg(t.db.kysely, { parentId: root.id, type: 'branch', name: `第${i}党支部` });
await buildUser(t.db.kysely, { username: 'perf', grants: [{ role: 'committee_staff', orgId: root.id }] });
const c = new Client(t.app);
await c.login('perf', TEST_PASSWORD);
const body = multipart(fs.readFileSync(file), 'perf.xlsx');
for (const mode of (process.argv[3] ?? 'dry-run,commit,commit').split(',')) {
  const t0 = performance.now();
  const res = await c.request({ method: 'POST', url: `/api/v1/members/import?mode=${mode}`, payload: body.payload, headers: body.headers });
  const r = res.json();
  console.log(mode, res.statusCode, (performance.now() - t0).toFixed(0), 'ms', JSON.stringify({ ...r, errors: r.errors?.length, e0: r.errors?.[0], warnings: r.warnings?.length }), 'rss', (process.memoryUsage().rss / 1e6).toFixed(0), 'hwm', /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);
}
await t.close();
