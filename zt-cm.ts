import { checkMember, memberInputSchema } from './server/registry/members/member-input.js';
import { testIdNumber } from './server/registry/members/member.factory.js';
import { dayjs } from './server/platform/time.js';
const N = 20000;
const inputs = Array.from({ length: N }, () => ({ name: '赵建国', gender: 'male', ethnicity: '汉族', birthDate: '1980-05-20', idNumber: testIdNumber('1980-05-20'), education: '大学本科', joinedOn: '2005-07-01', fullOn: '2006-07-01', status: 'full', orgId: 5, phone: '13812345678', post: '科员' }));
const time = (label: string, fn: () => void) => { const t = performance.now(); fn(); console.log(label, ((performance.now() - t) * 1000 / N).toFixed(1), 'µs/row'); };
for (let r = 0; r < 3; r++) {
  time('checkMember', () => { for (const i of inputs) checkMember(i, '2026-11-26', { ignore: ['orgId'] }); });
  time('schema.safeParse', () => { for (const i of inputs) memberInputSchema.safeParse(i); });
  time('dayjs add+format x1', () => { for (const i of inputs) dayjs(i.joinedOn).add(1, 'year').format('YYYY-MM-DD'); });
}
