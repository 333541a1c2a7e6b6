import { describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../../test/harness.js';
import { AesGcmCipher } from './field-cipher.js';
import { Keyring } from './keyring.js';

describe('field encryption', () => {
  const cipher = new AesGcmCipher(new Keyring(TEST_SECRET));

  it('never uses an IV twice, across the batches of IVs drawn at once', () => {
    const ivs = new Set(Array.from({ length: 1_000 }, () => cipher.encrypt('x', 'members.phone').split('.')[2]));
    expect(ivs.size).toBe(1_000);
  });

  it('decrypts what it encrypted, only under the same field', () => {
    const token = cipher.encrypt('43990119850312123X', 'members.id_number');
    expect(cipher.decrypt(token, 'members.id_number')).toBe('43990119850312123X');
    expect(() => cipher.decrypt(token, 'members.phone')).toThrow();
  });
});
