/** One masking pattern, applied on the server everywhere personal data leaves it masked. */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  // landline: keep the area code and the last two digits
  const m = /^(0\d{2,3})-?(\d+)(?:-(\d+))?$/.exec(phone.trim());
  if (m) return `${m[1]}-${'*'.repeat(Math.max(m[2].length - 2, 2))}${m[2].slice(-2)}`;
  return phone.length > 4 ? `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}` : '****';
}

/** Fields that are personal data: masked in audit details and logs. */
export const personalFields = new Set(['idNumber', 'phone', 'id_number', 'password', 'newPassword', 'currentPassword', 'code', 'totp']);

export function maskValue(key: string, value: unknown): unknown {
  if (!personalFields.has(key) || value == null) return value;
  // changedFields gives [before, after]: mask each side
  if (Array.isArray(value)) return value.map((v) => maskValue(key, v));
  if (key === 'idNumber' || key === 'id_number') return maskIdNumber(String(value));
  if (key === 'phone') return maskPhone(String(value));
  return '***';
}

export function maskRecord(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, maskValue(k, v)]));
}
