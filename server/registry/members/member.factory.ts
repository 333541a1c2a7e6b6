import type { Executor } from '../../platform/db/database.js';
import type { MemberCrypto } from './member-write.js';
import { toMemberWrite } from './member-write.js';
import { idNumberCheckChar } from './id-number.js';
import type { MemberInput } from './member-input.js';
import { insertMembers } from './members.repository.js';

/** Test factory: one valid member through the registry's own write path, with overridable fields. */
let seq = 0;

/** A valid, unique synthetic ID number (area 4399xx belongs to no real county). */
export function testIdNumber(birthDate = '1980-05-20', gender: 'male' | 'female' = 'male'): string {
  const n = ++seq;
  const area = `4399${String(10 + (Math.floor(n / 500) % 90)).padStart(2, '0')}`;
  const order = ((n % 500) * 2 + (gender === 'male' ? 1 : 0)) % 1000;
  const first17 = `${area}${birthDate.replaceAll('-', '')}${String(order).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export async function buildMember(
  db: Executor,
  crypto: MemberCrypto,
  o: Partial<MemberInput> & { orgId: number },
): Promise<{ id: number; idNumber: string; input: MemberInput }> {
  const birthDate = o.birthDate ?? '1980-05-20';
  const gender = o.gender ?? 'male';
  const input: MemberInput = {
    name: `测试党员${seq + 1}`,
    ethnicity: '汉族',
    joinedOn: '2005-07-01',
    fullOn: '2006-07-01',
    status: 'full',
    ...o,
    gender,
    birthDate,
    idNumber: o.idNumber ?? testIdNumber(birthDate, gender),
  };
  const [id] = await insertMembers(db, [toMemberWrite(crypto, input)], '2020-01-01');
  return { id, idNumber: input.idNumber, input };
}
