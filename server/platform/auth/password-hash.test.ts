import { describe, expect, it } from 'vitest';
import { hashPassword, setHashCostForTests, verifyPassword } from './password-hash.js';

// No test harness here: this file sees the production cost.
describe('password hashes', () => {
  it('use scrypt at N=2^15, r=8, p=1 with a random salt, and verify only the right password', async () => {
    const a = await hashPassword('Hongyan@2022');
    const b = await hashPassword('Hongyan@2022');
    expect(a.split('$').slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Hongyan@2022', a)).toBe(true);
    expect(await verifyPassword('Hongyan@2023', a)).toBe(false);
  });

  it('verify a hash by the parameters it carries, and refuse a lowered cost in production', async () => {
    setHashCostForTests(1 << 10);
    const cheap = await hashPassword('Hongyan@2022');
    setHashCostForTests(1 << 15);
    expect(cheap.split('$')[1]).toBe('1024');
    expect(await verifyPassword('Hongyan@2022', cheap)).toBe(true);
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => setHashCostForTests(1 << 10)).toThrow(/production/);
    } finally {
      process.env.NODE_ENV = env;
    }
  });
});
