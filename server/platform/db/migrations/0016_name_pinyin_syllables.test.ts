import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, targets, TEST_SECRET } from '../../../test/harness.js';
import { buildOrg } from '../../../test/factories.js';
import { buildMember } from '../../../registry/members/member.factory.js';
import { Keyring } from '../../crypto/keyring.js';
import { AesGcmCipher, HmacBlindIndex } from '../../crypto/field-cipher.js';
import type { Db } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { up } from './0016_name_pinyin_syllables.js';

const keys = new Keyring(TEST_SECRET);
const crypto = { cipher: new AesGcmCipher(keys), blindIndex: new HmacBlindIndex(keys) };

describe.each(targets)('migration 0016 on %s', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
  });
  afterAll(async () => db.close());

  it('rewrites stored readings syllable by syllable, so the list keeps 陈 before 程', async () => {
    const branch = await buildOrg(db.kysely, { parentId: (await buildOrg(db.kysely)).id, type: 'branch' });
    const names = ['程荣杰', '陈海飞', '程婷', '陈刚锋'];
    for (const name of names) await buildMember(db.kysely, crypto, { orgId: branch.id, name });
    // As the readings were stored before: syllables run together.
    await db.kysely.updateTable('members').set((eb) => ({ name_pinyin: eb.fn('replace', [eb.ref('name_pinyin'), eb.val(' '), eb.val('')]) })).execute();
    await up(db.kysely, db.dialect);
    const rows = await db.kysely.selectFrom('members').select(['name', 'name_pinyin']).orderBy('name_pinyin').execute();
    expect(rows).toEqual([
      { name: '陈刚锋', name_pinyin: 'chen gang feng' }, { name: '陈海飞', name_pinyin: 'chen hai fei' },
      { name: '程荣杰', name_pinyin: 'cheng rong jie' }, { name: '程婷', name_pinyin: 'cheng ting' },
    ]);
  });
});
