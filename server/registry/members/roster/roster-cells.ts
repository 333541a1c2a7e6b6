/**
 * Cells as the readers deliver them, and their conversion to field values. Every cell a file can hold
 * is data: a formula is kept as its text (never its cached result), and nothing here evaluates anything.
 */
export type RawCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  /** a date-formatted cell, already as YYYY-MM-DD */
  | { kind: 'date'; date: string };

export type Converted<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
const fail = <T>(message: string): Converted<T> => ({ ok: false, message });

export const LOST_DIGITS_MESSAGE =
  '被表格软件存成了数字，只保留了前15位有效数字，后几位已经丢失，不能导入。' +
  '请把该列单元格格式设置为“文本”，重新录入（或粘贴）完整的18位身份证号后再导入';

/**
 * Exports prefix text that a spreadsheet would take for a formula with an apostrophe (ASVS 1.2.10);
 * reading removes exactly that prefix again, so a roster survives export and re-import unchanged.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The text of a cell as a person reads it; spaces at either end and runs of inner spaces removed. */
export function cellText(cell: RawCell | undefined): string | null {
  if (!cell) return null;
  const text = cell.kind === 'text' ? unescapeFormula(cell.text) : cell.kind === 'number' ? numberText(cell.value) : cell.date;
  const t = text.replace(/[\s\u3000]+/g, ' ').trim();
  return t === '' ? null : t;
}

function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

function numberText(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v.toFixed(0) : String(v);
}

/** Names padded to align in a printed roster ("王  伟") lose the padding; "买买提·艾力" keeps its dot. */
export function cellName(cell: RawCell | undefined): string | null {
  const t = cellText(cell);
  if (t === null) return null;
  return /^[\p{Script=Han}·•\s]+$/u.test(t) ? t.replace(/\s+/g, '').replace(/•/g, '·') : t;
}

/**
 * An ID number must arrive as text. A number cell, scientific notation, or 18 digits ending in 000 that
 * fail the check character are what a spreadsheet leaves of a number it kept to 15 significant digits.
 */
export function cellIdNumber(cell: RawCell | undefined, checkChar: (first17: string) => string): Converted<string | null> {
  if (!cell) return ok(null);
  if (cell.kind === 'number') return fail(LOST_DIGITS_MESSAGE);
  // Full-width digits and a typed leading apostrophe (the usual way to force text) are what people type.
  const t = (cell.kind === 'text' ? cell.text : cell.date).normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/^['‘’`]/, '').toUpperCase();
  if (t === '') return ok(null);
  if (/^\d+(\.\d+)?E\+?\d+$/.test(t)) return fail(LOST_DIGITS_MESSAGE);
  if (/^\d{15}000$/.test(t) && checkChar(t.slice(0, 17)) !== t[17]) return fail(LOST_DIGITS_MESSAGE);
  return ok(t);
}

/** A calendar date, possibly without its day (出生年月 columns often hold only year and month). */
export interface PartialDate {
  year: number;
  month: number;
  day?: number;
}

const DATE_FORMATS = '如 1985-03-12、1985/3/12、1985.03.12 或 1985年3月12日';

/** Dates as date cells, or as text in 1985-03-12, 1985/3/12, 1985.03.12, 1985年3月12日 or 19850312. */
export function cellDate(cell: RawCell | undefined): Converted<PartialDate | null> {
  if (!cell) return ok(null);
  if (cell.kind === 'date') return ok(splitIso(cell.date));
  if (cell.kind === 'number') return numberDate(cell.value);
  const t = cell.text.replace(/[\s\u3000]+/g, '');
  if (t === '') return ok(null);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return calendar(+m[1], +m[2], +m[3]);
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (m) return +m[2] >= 1 && +m[2] <= 12 ? ok({ year: +m[1], month: +m[2] }) : fail(`不是有效的日期（${DATE_FORMATS}）`);
  return fail(`无法识别的日期“${t}”（${DATE_FORMATS}）`);
}

/** An unformatted number in a date column: 19850312, or a spreadsheet serial day number from 1910 to 2099. */
function numberDate(v: number): Converted<PartialDate | null> {
  if (Number.isInteger(v) && v >= 19000101 && v <= 21001231) return calendar(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
  if (v >= 3654 && v < 73051) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000);
    return ok({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  }
  return fail(`不是有效的日期（${DATE_FORMATS}）`);
}

function calendar(year: number, month: number, day: number): Converted<PartialDate> {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return fail(`不是有效的日期（${DATE_FORMATS}）`);
  }
  return ok({ year, month, day });
}

function splitIso(iso: string): PartialDate {
  const [y, m, d] = iso.split('-').map(Number);
  return { year: y, month: m, day: d };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoOf(d: PartialDate & { day: number }): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

export function yearMonthOf(d: PartialDate): string {
  return `${d.year}-${pad(d.month)}`;
}
