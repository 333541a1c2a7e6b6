/**
 * Citizen identity numbers per GB 11643-1999: six-digit area code, eight-digit birth date, three-digit
 * sequence (odd for men, even for women) and a MOD 11-2 check character (ISO 7064).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes of GB/T 2260, plus 81/82/83, which residence permits for Hong Kong, Macao and Taiwan
 * residents use. Synthetic demo numbers use 4399xx: province 43 (Hunan) with a county code no real county has.
 */
export const provinceCodes: Readonly<Record<string, string>> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
  '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
  '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
  '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
  '71': '台湾', '81': '香港', '82': '澳门', '83': '台湾（居住证）',
};

export type IdNumberProblem = 'length' | 'format' | 'province' | 'birth_date' | 'checksum';

export interface IdNumberInfo {
  /** normalised: upper-case X, no surrounding spaces */
  value: string;
  provinceCode: string;
  birthDate: string;
  gender: 'male' | 'female';
}

export type IdNumberResult = { ok: true; info: IdNumberInfo } | { ok: false; problem: IdNumberProblem; message: string };

/** Messages follow the field's name (身份证号：…). */
const problemMessages: Record<IdNumberProblem, string> = {
  length: '应为18位',
  format: '前17位应为数字，最后一位为数字或X',
  province: '前两位不是有效的省级行政区划代码',
  birth_date: '第7–14位的出生日期无效',
  checksum: '校验位不正确，请核对是否录入有误',
};

/** Trims, removes inner spaces (copied numbers often carry them) and upper-cases a trailing x. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The MOD 11-2 check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Parses and validates a number; `today` (YYYY-MM-DD) bounds the birth date. */
export function parseIdNumber(raw: string, today: string): IdNumberResult {
  const fail = (problem: IdNumberProblem): IdNumberResult => ({ ok: false, problem, message: problemMessages[problem] });
  const value = normalizeIdNumber(raw);
  if (value.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(value)) return fail('format');
  const provinceCode = value.slice(0, 2);
  if (!provinceCodes[provinceCode]) return fail('province');
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (y < 1900 || !isCalendarDate(y, m, d) || birthDate > today) return fail('birth_date');
  if (idNumberCheckChar(value) !== value[17]) return fail('checksum');
  return { ok: true, info: { value, provinceCode, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' } };
}

/** The last four characters, which the registry keeps in clear for search by ID suffix. */
export function idNumberTail(value: string): string {
  return value.slice(-4);
}
