import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, idNumberTail, normalizeIdNumber, parseIdNumber, provinceCodes } from './id-number.js';

const TODAY = '2024-06-30';
const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example and a 4399xx synthetic number, extracting birth date and gender', () => {
    // The example printed in GB 11643-1999 itself.
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true, info: { value: '11010519491231002X', provinceCode: '11', birthDate: '1949-12-31', gender: 'female' },
    });
    const synthetic = withCheck('43990119850312123');
    expect(parseIdNumber(synthetic, TODAY)).toMatchObject({ ok: true, info: { provinceCode: '43', birthDate: '1985-03-12', gender: 'male' } });
  });

  it('computes MOD 11-2 check characters, X for 10', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    expect(idNumberCheckChar('00000000000000000')).toBe('1');
  });

  it('accepts exactly one check character for every first 17 digits', () => {
    const chars = '0123456789X';
    // Vary the sequence so the weighted sum covers every residue 0..10.
    const residues = new Set<string>();
    for (let s = 0; s < 60; s++) {
      const first17 = `43990119850312${String(s).padStart(3, '0')}`;
      const good = chars.split('').filter((c) => parseIdNumber(first17 + c, TODAY).ok);
      expect(good).toEqual([idNumberCheckChar(first17)]);
      residues.add(good[0]);
    }
    expect(residues.size).toBe(11);
  });

  it('accepts a lower-case x and stores it upper-case', () => {
    const r = parseIdNumber('11010519491231002x', TODAY);
    expect(r.ok && r.info.value).toBe('11010519491231002X');
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
  });

  it.each([
    ['too short', '1101051949123100', 'length'],
    ['15-digit old format', '110105491231002', 'length'],
    ['19 characters', '11010519491231002X1', 'length'],
    ['letter inside', '1101051949123A002X', 'format'],
    ['X not last', 'X10105194912310021', 'format'],
    ['unknown province 99', withCheck('99010519491231002'), 'province'],
    ['unknown province 00', withCheck('00010519491231002'), 'province'],
    ['province 10', withCheck('10010519491231002'), 'province'],
    ['February 30', withCheck('43990119850230123'), 'birth_date'],
    ['month 13', withCheck('43990119851301123'), 'birth_date'],
    ['before 1900', withCheck('43990118991231123'), 'birth_date'],
    ['born after today', withCheck('43990120240701123'), 'birth_date'],
    ['wrong check digit', '110105194912310021', 'checksum'],
    ['spreadsheet-rounded number', '439901198503121000', 'checksum'],
  ])('refuses %s', (_label, value, problem) => {
    const r = parseIdNumber(value, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe(problem);
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('knows every province-level code and the residence-permit codes', () => {
    expect(Object.keys(provinceCodes)).toHaveLength(35);
    for (const code of ['11', '43', '65', '71', '81', '82', '83']) expect(provinceCodes[code]).toBeDefined();
  });

  it('reads gender from the 17th digit: odd male, even female', () => {
    for (let d = 0; d <= 9; d++) {
      const r = parseIdNumber(withCheck(`4399011985031212${d}`), TODAY);
      expect(r.ok && r.info.gender).toBe(d % 2 === 1 ? 'male' : 'female');
    }
  });

  it('accepts a leap day', () => {
    expect(parseIdNumber(withCheck('43990119840229123'), TODAY)).toMatchObject({ ok: true, info: { birthDate: '1984-02-29' } });
  });

  it('keeps the last four characters as the tail', () => {
    expect(idNumberTail('11010519491231002X')).toBe('002X');
  });
});
