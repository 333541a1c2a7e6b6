import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { checkMember } from './server/registry/members/member-input.js';
import { toMemberRow, idNumberHash } from './server/registry/members/member-write.js';
import { Keyring } from './server/platform/crypto/keyring.js';
import { AesGcmCipher, HmacBlindIndex } from './server/platform/crypto/field-cipher.js';
import { testIdNumber } from './server/registry/members/member.factory.js';
import { openRoster } from './server/registry/members/roster/roster-reader.js';
import { readRow } from './server/registry/members/roster/roster-row.js';
const keys = new Keyring('x'.repeat(40));
const ctx = { cipher: new AesGcmCipher(keys), blindIndex: new HmacBlindIndex(keys) };
const N = 10000;
const inputs = Array.from({ length: N }, (_, i) => ({ name: '赵建国', gender: 'male', ethnicity: '汉族', birthDate: '1980-05-20', idNumber: testIdNumber('1980-05-20'), education: '大学本科', joinedOn: '2005-07-01', fullOn: '2006-07-01', status: 'full', orgId: 5, phone: '13812345678', post: '科员' }));
const time = (label: string, fn: () => void) => { const t = performance.now(); fn(); console.log(label, ((performance.now() - t) * 1000 / N).toFixed(1), 'µs/row'); };
let checks: any[] = [];
for (let rep = 0; rep < 3; rep++) {
time('checkMember', () => { checks = inputs.map((i) => checkMember(i, '2026-11-26', { ignore: ['orgId'] })); });
time('toMemberRow', () => { for (const c of checks) toMemberRow(ctx, c.value); });
time('encrypt x2', () => { for (const i of inputs) { ctx.cipher.encrypt(i.idNumber, 'a'); ctx.cipher.encrypt(i.phone, 'b'); } });
time('hash x2', () => { for (const i of inputs) { ctx.blindIndex.hash(i.idNumber, 'a'); ctx.blindIndex.hash(i.phone, 'b'); } });
const { pinyin } = await import('pinyin-pro');
time('pinyin x2', () => { for (const i of inputs) { pinyin(i.name, { toneType: 'none', type: 'array', surname: 'head', v: true }); pinyin(i.name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }); } });
}
let t = performance.now(); let n = 0;
const s = await openRoster('/tmp/perf-10000.xlsx', 'xlsx');
for await (const r of s.rows) { n++; }
console.log('openRoster read', ((performance.now() - t) * 1000 / n).toFixed(1), 'µs/row');
t = performance.now(); n = 0;
const s2 = await openRoster('/tmp/perf-10000.xlsx', 'xlsx');
for await (const r of s2.rows) { readRow(r); n++; }
console.log('openRoster read+readRow', ((performance.now() - t) * 1000 / n).toFixed(1), 'µs/row');
