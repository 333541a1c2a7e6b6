import crypto from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import type { Policies } from '../policies.js';

/**
 * Password rules (等保 4.1a, ASVS 6.2): length, three of four character classes, no context words,
 * no well-known passwords. Reuse of earlier passwords needs their hashes and is checked by the caller.
 */
export interface PasswordContext {
  username: string;
  displayName: string;
  /** holds system_admin, security_admin or audit_admin: longer minimum, mandatory maximum age */
  isAdmin: boolean;
}

const classes: Array<{ label: string; test: RegExp }> = [
  { label: '大写字母', test: /[A-Z]/ },
  { label: '小写字母', test: /[a-z]/ },
  { label: '数字', test: /[0-9]/ },
  { label: '特殊字符', test: /[^A-Za-z0-9]/ },
];

/**
 * Passwords seen at the top of public leak lists (including the Chinese ones), compared after
 * lower-casing. Short on purpose: the class and length rules already exclude most of such lists.
 */
const commonPasswords = new Set([
  'password', 'password1', 'password123', 'password@123', 'p@ssw0rd', 'p@ssword', 'passw0rd', 'p@ssw0rd123',
  'p@ssw0rd!', 'admin123', 'admin@123', 'admin@1234', 'administrator', 'root@123', 'qwerty123', 'qwe123!@#',
  'qwer1234', 'qwer@1234', 'qwerty@123', '1qaz2wsx', '1qaz@wsx', '1qaz@wsx3edc', '1qaz2wsx3edc', 'zaq12wsx',
  'zaq1@wsx', '!qaz2wsx', 'aa123456', 'aa123456.', 'abc123456', 'abc@123', 'abc@1234', 'abcd1234', 'abcd@1234',
  'a123456.', 'a1234567', 'a12345678', 'woaini1314', 'woaini520', 'iloveyou', 'iloveyou1', 'welcome1',
  'welcome@123', 'letmein1', 'test@123', 'test1234', 'huawei@123', 'huawei12#$', 'zhongguo123', 'china@123',
  'changeme', 'changeme1', '12345678', '123456789', '1234567890', '88888888', '11111111', '00000000',
  'asdf1234', 'asdf@1234', 'zxcv1234', 'q1w2e3r4', 'q1w2e3r4t5', '1q2w3e4r', '1q2w3e4r5t', 'qazwsx123',
]);

/** Words that, with digits and symbols around them, still make a guessable password (Password@2024). */
const commonWords = new Set([
  'password', 'passwd', 'passw', 'admin', 'administrator', 'root', 'qwerty', 'qwer', 'asdf', 'zxcv',
  'welcome', 'letmein', 'iloveyou', 'woaini', 'test', 'abc', 'abcd', 'china', 'zhongguo', 'huawei',
  'changeme', 'user', 'login', 'qaz', 'qazwsx',
]);

const leet: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '$': 's', '5': 's', '3': 'e', '7': 't' };

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return true;
  // The letters at the heart of the password, with leading/trailing digits and symbols removed.
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const deleeted = [...core].map((c) => leet[c] ?? c).join('').replace(/[^a-z]/g, '');
  return commonWords.has(core) || commonWords.has(deleeted);
}

/** Name-derived fragments: the username, the display name, and its full and initial pinyin. */
function contextWords(c: PasswordContext): string[] {
  const name = c.displayName.trim();
  const words = [c.username, name];
  if (/[\u4e00-\u9fff]/.test(name)) {
    words.push(pinyin(name, { toneType: 'none', type: 'array', v: true }).join(''));
    words.push(pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join(''));
  }
  return words.map((w) => w.toLowerCase().replace(/\s+/g, '')).filter((w) => w.length >= 3 || /[\u4e00-\u9fff]{2,}/.test(w));
}

function minLength(policies: Policies, isAdmin: boolean): number {
  return isAdmin ? Math.max(policies.adminPasswordMinLength, policies.passwordMinLength) : policies.passwordMinLength;
}

/** Every rule the password breaks, as Chinese sentences naming the rule; empty when acceptable. */
export function passwordViolations(password: string, c: PasswordContext, policies: Policies): string[] {
  const out: string[] = [];
  const min = minLength(policies, c.isAdmin);
  if ([...password].length < min) out.push(`密码长度至少 ${min} 位${c.isAdmin ? '（管理员账号）' : ''}`);
  const present = classes.filter((k) => k.test.test(password)).length;
  if (present < 3) out.push(`密码须包含${classes.map((k) => k.label).join('、')}中的至少三类`);
  const lower = password.toLowerCase();
  if (contextWords(c).some((w) => lower.includes(w))) out.push('密码不能包含用户名、姓名或其拼音');
  if (isCommon(password)) out.push('密码过于常见，容易被猜中，请另选一个');
  return out;
}

/** Days after which the password must be changed; admins always have a limit (等保 4.1a). */
export function maxAgeDays(policies: Policies, isAdmin: boolean): number {
  const DEFAULT_ADMIN_MAX_AGE = 90;
  if (!isAdmin) return policies.passwordMaxAgeDays;
  return policies.passwordMaxAgeDays > 0 ? policies.passwordMaxAgeDays : DEFAULT_ADMIN_MAX_AGE;
}

// Without look-alike characters (0/O, 1/l/I), since the password is read off a printed sheet.
const oneTimeAlphabets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=?@'];

/** A random one-time password holding all four character classes. */
export function generateOneTimePassword(length = 12): string {
  let p: string;
  do p = randomFromAlphabets(length); while (isCommon(p));
  return p;
}

function randomFromAlphabets(length: number): string {
  const all = oneTimeAlphabets.join('');
  const chars = oneTimeAlphabets.map((a) => a[crypto.randomInt(a.length)]);
  while (chars.length < length) chars.push(all[crypto.randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
