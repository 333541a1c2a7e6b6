import { describe, expect, it } from 'vitest';
import { Keyring } from '../../platform/crypto/keyring.js';
import { AesGcmCipher, HmacBlindIndex } from '../../platform/crypto/field-cipher.js';
import { TEST_SECRET } from '../../test/harness.js';
import { idNumberCheckChar } from './id-number.js';
import { changedColumns, ID_NUMBER_FIELD, nameInitials, namePinyin, PHONE_FIELD, sameLedgers, toMemberRow } from './member-write.js';

const keys = new Keyring(TEST_SECRET);
const ctx = { cipher: new AesGcmCipher(keys), blindIndex: new HmacBlindIndex(keys) };
const idNumber = `${'43990119850312123'}${idNumberCheckChar('43990119850312123')}`;
const input = {
  name: '张建国', ethnicity: '汉族' as const, idNumber, joinedOn: '2010-07-01', fullOn: '2011-07-01', status: 'full' as const,
  orgId: 7, phone: '13812345678',
};

describe('member rows', () => {
  it('spells names in pinyin syllable by syllable, with surname readings', () => {
    expect(namePinyin('张建国')).toBe('zhang jian guo');
    expect(nameInitials('张建国')).toBe('zjg');
    expect(namePinyin('单雄信')).toBe('shan xiong xin');
    expect(namePinyin('吕·阿依古丽')).toBe('lv a yi gu li');
    expect(nameInitials('吕·阿依古丽')).toBe('laygl');
  });

  it('sorts a surname\'s members together by their readings (陈 before 程, whatever follows)', () => {
    const names = ['程荣杰', '陈海飞', '程婷', '陈刚锋'];
    expect([...names].sort((a, b) => (namePinyin(a) < namePinyin(b) ? -1 : 1))).toEqual(['陈刚锋', '陈海飞', '程荣杰', '程婷']);
  });

  it('encrypts the ID number and phone, with a blind index, tail and masks', () => {
    const row = toMemberRow(ctx, input);
    expect(row.id_number_cipher).not.toContain(idNumber);
    expect(ctx.cipher.decrypt(row.id_number_cipher, ID_NUMBER_FIELD)).toBe(idNumber);
    expect(() => ctx.cipher.decrypt(row.id_number_cipher, PHONE_FIELD)).toThrow();
    expect(row.id_number_hash).toBe(ctx.blindIndex.hash(idNumber, ID_NUMBER_FIELD));
    expect(row.id_number_tail).toBe(idNumber.slice(-4));
    expect(row.id_number_mask).toBe(`439***********${idNumber.slice(-4)}`);
    expect(ctx.cipher.decrypt(row.phone_cipher!, PHONE_FIELD)).toBe('13812345678');
    expect(row.phone_mask).toBe('138****5678');
    expect(row).toMatchObject({ gender: 'male', birth_date: '1985-03-12', name_initials: 'zjg', org_id: 7, probation_extended: 0 });
  });

  it('compares rows through the blind index, not the ciphertext', () => {
    const a = toMemberRow(ctx, input);
    const b = toMemberRow(ctx, input);
    expect(a.id_number_cipher).not.toBe(b.id_number_cipher);
    expect(changedColumns(a, b)).toEqual([]);
    expect(changedColumns(a, toMemberRow(ctx, { ...input, phone: '0731-12345678', name: '张建华' }))).toEqual(['name', 'phone_hash']);
  });

  it('compares flag ledgers regardless of order', () => {
    const h = { ledger: 'hardship' as const, reason: 'a', since: '2020-01-01' };
    const m = { ledger: 'martyr_family' as const, reason: 'b', since: '2020-01-01' };
    expect(sameLedgers([h, m], [m, h])).toBe(true);
    expect(sameLedgers([h], [{ ...h, reason: 'c' }])).toBe(false);
  });
});
