import { describe, expect, it } from 'vitest';
import { policyDefaults } from '../policies.js';
import { generateOneTimePassword, maxAgeDays, passwordViolations } from './password-policy.js';

const person = { username: 'zhangjianguo', displayName: '张建国', isAdmin: false };
const admin = { username: 'sec_admin', displayName: '安全管理员', isAdmin: true };

describe('password policy', () => {
  it.each([
    ['Ab1!xyz', person, '长度至少 8 位'],
    ['abcdefgh12', person, '至少三类'],
    ['ABCDEFGH!!', person, '至少三类'],
    ['Zhangjianguo#1', person, '用户名、姓名或其拼音'],
    ['Zjg@83kq91x', person, '用户名、姓名或其拼音'],
    ['P@ssw0rd', person, '过于常见'],
    ['Password@2024', person, '过于常见'],
    ['1qaz@WSX', person, '过于常见'],
    ['Admin@12345!', person, '过于常见'],
    ['Kx7#mPq2vL9', admin, '长度至少 12 位（管理员账号）'],
  ])('refuses %s', (password, ctx, rule) => {
    const violations = passwordViolations(password, ctx, policyDefaults);
    expect(violations.join('；')).toContain(rule);
  });

  it.each([
    ['Kx7#mPq2vL', person],
    ['kx7mpq2vlAB', person],
    ['红雁党建Kx7mpq', person],
    ['Kx7#mPq2vL9w', admin],
  ])('accepts %s', (password, ctx) => {
    expect(passwordViolations(password, ctx, policyDefaults)).toEqual([]);
  });

  it('follows the configured minimum lengths', () => {
    const policies = { ...policyDefaults, passwordMinLength: 10 };
    expect(passwordViolations('Kx7#mPq2v', person, policies).join()).toContain('长度至少 10 位');
  });

  it('keeps a maximum age for administrators even when the policy sets none', () => {
    const none = { ...policyDefaults, passwordMaxAgeDays: 0 };
    expect(maxAgeDays(none, false)).toBe(0);
    expect(maxAgeDays(none, true)).toBe(90);
    expect(maxAgeDays(policyDefaults, true)).toBe(90);
  });

  it('generates one-time passwords that satisfy the policy', () => {
    for (let i = 0; i < 50; i++) {
      const p = generateOneTimePassword();
      expect(p).toHaveLength(12);
      expect(passwordViolations(p, admin, policyDefaults)).toEqual([]);
    }
  });
});
