import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../id-number.js';
import { LOST_DIGITS_MESSAGE, cellDate, cellIdNumber, cellName, cellText } from './roster-cells.js';
import { fieldOfHeader } from './roster-columns.js';

const text = (t: string) => ({ kind: 'text' as const, text: t });
const num = (value: number) => ({ kind: 'number' as const, value });

describe('roster cells', () => {
  it('reads dates as date cells and in every written form rosters use', () => {
    const day = { ok: true, value: { year: 1985, month: 3, day: 12 } };
    for (const t of ['1985-03-12', '1985/3/12', '1985.03.12', '1985年3月12日', ' 1985 年 3 月 12 日 ', '19850312']) expect(cellDate(text(t)), t).toEqual(day);
    expect(cellDate({ kind: 'date', date: '1985-03-12' })).toEqual(day);
    expect(cellDate(num(19850312))).toEqual(day);
    // An unformatted spreadsheet serial day number.
    expect(cellDate(num(31118))).toEqual(day);
    expect(cellDate(text('1985.03'))).toEqual({ ok: true, value: { year: 1985, month: 3 } });
    for (const bad of ['1985-02-30', '1985-13-01', '三月', '1985']) expect(cellDate(text(bad)).ok, bad).toBe(false);
    expect(cellDate(num(1985)).ok).toBe(false);
  });

  it('refuses ID numbers that a spreadsheet kept to 15 significant digits', () => {
    const check = idNumberCheckChar;
    const first17 = '43990119800520003';
    const id = first17 + check(first17);
    expect(cellIdNumber(text(` ${id.slice(0, 6)} ${id.slice(6).toLowerCase()} `), check)).toEqual({ ok: true, value: id });
    expect(cellIdNumber(text(`'${id}`), check)).toEqual({ ok: true, value: id });
    expect(cellIdNumber(text(id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))), check)).toEqual({ ok: true, value: id });
    expect(cellIdNumber(num(Number(id.slice(0, 17))), check)).toEqual({ ok: false, message: LOST_DIGITS_MESSAGE });
    expect(cellIdNumber(text('4.39901E+17'), check)).toEqual({ ok: false, message: LOST_DIGITS_MESSAGE });
    expect(cellIdNumber(text(`${id.slice(0, 15)}000`), check)).toEqual({ ok: false, message: LOST_DIGITS_MESSAGE });
    // A real number may end in 000 when its check character is 0: it is kept.
    const candidates = Array.from({ length: 90 }, (_, i) => `4399${10 + i}19800520100`);
    const real = `${candidates.find((f17) => check(f17) === '0')}0`;
    expect(cellIdNumber(text(real), check)).toEqual({ ok: true, value: real });
  });

  it('removes the apostrophe an export put before formula-like text, and nothing else', () => {
    expect(cellText(text("'=SUM(1,2)"))).toBe('=SUM(1,2)');
    expect(cellText(text("'-5"))).toBe('-5');
    expect(cellText(text("'quoted'"))).toBe("'quoted'");
    expect(cellText(text('=SUM(1,2)'))).toBe('=SUM(1,2)');
    expect(cellText(text('  \u3000 '))).toBeNull();
  });

  it('drops the padding of aligned Chinese names only', () => {
    expect(cellName(text(' 王\u3000\u3000伟 '))).toBe('王伟');
    expect(cellName(text('买买提 • 艾力'))).toBe('买买提·艾力');
    expect(cellName(text('John   Smith'))).toBe('John Smith');
  });

  it('recognises header variants with spaces, required markers and notes', () => {
    expect(fieldOfHeader('*姓名')).toBe('name');
    expect(fieldOfHeader('名字')).toBe('name');
    expect(fieldOfHeader('身份证号码（18位）')).toBe('idNumber');
    expect(fieldOfHeader('公民身份号码')).toBe('idNumber');
    expect(fieldOfHeader(' 入党 日期 ')).toBe('joinedOn');
    expect(fieldOfHeader('转正日期')).toBe('fullOn');
    expect(fieldOfHeader('所在党组织')).toBe('org');
    expect(fieldOfHeader('党组织名称')).toBe('org');
    expect(fieldOfHeader('手机号码')).toBe('phone');
    expect(fieldOfHeader('人员类别')).toBe('status');
    expect(fieldOfHeader('序号')).toBeUndefined();
  });
});
