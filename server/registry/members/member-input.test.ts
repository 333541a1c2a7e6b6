import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from './id-number.js';
import { checkMember, memberInputSchema, typedInput, type MemberInput } from './member-input.js';

const TODAY = '2024-06-30';
const ID = (first17: string) => first17 + idNumberCheckChar(first17);
/** born 1985-03-12, male */
const MALE_ID = ID('43990119850312123');

const base: MemberInput = {
  name: '张建国',
  gender: 'male',
  ethnicity: '汉族',
  birthDate: '1985-03-12',
  idNumber: MALE_ID,
  joinedOn: '2010-07-01',
  fullOn: '2011-07-01',
  status: 'full',
  orgId: 1,
};

const check = (over: Record<string, unknown>) => checkMember({ ...base, ...over }, TODAY);
const paths = (ds: { path: string }[]) => ds.map((d) => d.path);

describe('checkMember', () => {
  it('accepts a consistent member with no findings', () => {
    const r = check({});
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.value?.idNumber).toBe(MALE_ID);
  });

  it.each([
    ['wrong check digit', { idNumber: `${MALE_ID.slice(0, 17)}${MALE_ID[17] === '0' ? '1' : '0'}` }, '校验位'],
    ['unknown province', { idNumber: ID('99990119850312123') }, '省级'],
    ['17 characters', { idNumber: MALE_ID.slice(0, 17) }, '18位'],
  ])('refuses an ID number with %s, naming the field', (_l, over, text) => {
    const r = check(over);
    expect(paths(r.errors)).toEqual(['idNumber']);
    expect(r.errors[0].message).toMatch(/^身份证号：/);
    expect(r.errors[0].message).toContain(text);
  });

  it('accepts a lower-case x and normalises it', () => {
    const idX = ID('11010519491231002');
    expect(idX.endsWith('X')).toBe(true);
    const r = check({ idNumber: idX.toLowerCase(), birthDate: '1949-12-31', gender: 'female', joinedOn: '1970-01-01', fullOn: '1971-01-01' });
    expect(r.errors).toEqual([]);
    expect(r.value?.idNumber).toBe(idX);
  });

  it('refuses a birth date or gender that disagrees with the ID', () => {
    const r = check({ birthDate: '1985-03-13', gender: 'female' });
    expect(paths(r.errors).sort()).toEqual(['birthDate', 'gender']);
    expect(r.errors.find((e) => e.path === 'birthDate')!.message).toContain('1985-03-12');
  });

  it('takes birth date and gender from the ID when they are not given', () => {
    const r = check({ birthDate: undefined, gender: undefined, joinedOn: '2003-03-11', fullOn: '2004-03-11' });
    expect(paths(r.errors)).toEqual(['joinedOn']); // one day short of 18 by the ID's birth date
    expect(check({ birthDate: undefined, gender: undefined, joinedOn: '2003-03-12', fullOn: '2004-03-12' }).errors).toEqual([]);
  });

  it('refuses joining before 18', () => {
    const r = check({ joinedOn: '2003-03-11', fullOn: '2004-03-11' });
    expect(paths(r.errors)).toEqual(['joinedOn']);
    expect(r.errors[0].message).toMatch(/^入党时间：.*18周岁/);
  });

  it.each([
    ['exactly one year', { fullOn: '2011-07-01' }, [], []],
    ['a day early', { fullOn: '2011-06-30' }, ['fullOn'], []],
    ['before joining', { fullOn: '2010-01-01' }, ['fullOn'], []],
    ['later without an extension', { fullOn: '2011-09-01' }, [], ['fullOn']],
    ['extended, 6 months later', { fullOn: '2012-01-01', probationExtended: true }, [], []],
    ['extended, 12 months later', { fullOn: '2012-07-01', probationExtended: true }, [], []],
    ['extended, only 3 months later', { fullOn: '2011-10-01', probationExtended: true }, ['fullOn'], []],
    ['extended, a day short of 6 months', { fullOn: '2011-12-31', probationExtended: true }, ['fullOn'], []],
    ['extended, 13 months later', { fullOn: '2012-08-01', probationExtended: true }, [], ['fullOn']],
    ['extended, but early', { fullOn: '2011-06-01', probationExtended: true }, ['fullOn'], []],
    ['in the future', { joinedOn: '2023-06-01', fullOn: '2024-07-01' }, ['fullOn'], ['fullOn']],
  ])('full-membership date: %s', (_l, over, errors, warnings) => {
    const r = check(over);
    expect(paths(r.errors)).toEqual(errors);
    expect(paths(r.warnings)).toEqual(warnings);
  });

  it('requires the full-membership date of a full member, and refuses one on a probationary member', () => {
    expect(paths(check({ fullOn: null }).errors)).toEqual(['fullOn']);
    expect(paths(check({ status: 'probationary', joinedOn: '2024-01-01' }).errors)).toEqual(['fullOn']);
  });

  it('warns about a probationary member past one year without a decision', () => {
    expect(check({ status: 'probationary', fullOn: null, joinedOn: '2023-07-01' }).warnings).toEqual([]);
    const late = check({ status: 'probationary', fullOn: null, joinedOn: '2023-06-29' });
    expect(late.errors).toEqual([]);
    expect(paths(late.warnings)).toEqual(['status']);
    // An extended probation runs up to a year longer.
    expect(check({ status: 'probationary', fullOn: null, joinedOn: '2023-01-01', probationExtended: true }).warnings).toEqual([]);
    expect(paths(check({ status: 'probationary', fullOn: null, joinedOn: '2022-06-01', probationExtended: true }).warnings)).toEqual(['status']);
  });

  it.each([
    ['13812345678', true], ['+86 138 1234 5678', true], ['19912345678', true],
    ['0731-12345678', true], ['010-1234567', true], ['0731-1234567-801', true],
    ['0734 8123456', true], ['07348123456', true], ['010 12345678', true], ['01012345678', true], ['073112345678', true],
    ['0734 8123456-801', true], ['07348123456-801', true], [' 0734 - 8123456 ', true],
    ['12345678901', false], ['1381234567', false], ['731-12345678', false], ['0731 12345678x', false],
    ['0734812345', false], ['0734 812345', false], ['0731 123456789', false], ['0731 1234567 801', false],
  ])('phone %s valid=%s', (phone, ok) => {
    const r = check({ phone });
    expect(r.errors.length === 0).toBe(ok);
    if (!ok) expect(r.errors[0].message).toMatch(/^联系电话：/);
  });

  it.each([
    ['0734 8123456', '0734-8123456'], ['07348123456', '0734-8123456'], ['0734-8123456', '0734-8123456'],
    ['01012345678', '010-12345678'], ['0201234567', '020-1234567'], ['073112345678', '0731-12345678'],
    ['07348123456-801', '0734-8123456-801'], ['0734　8123456', '0734-8123456'],
  ])('stores the landline %s as %s', (phone, stored) => {
    expect(check({ phone }).value?.phone).toBe(stored);
  });

  it('normalises a mobile number with a country code', () => {
    expect(check({ phone: '+86 138 1234 5678' }).value?.phone).toBe('13812345678');
  });

  it('requires a period for 留党察看 and a discipline for a period', () => {
    expect(paths(check({ disciplineStatus: '留党察看' }).errors)).toEqual(['disciplineUntil']);
    expect(check({ disciplineStatus: '留党察看', disciplineUntil: '2025-06-30' }).errors).toEqual([]);
    expect(paths(check({ disciplineUntil: '2025-06-30' }).errors)).toEqual(['disciplineStatus']);
    expect(paths(check({ disciplineStatus: '罚款' }).errors)).toEqual(['disciplineStatus']);
  });

  it('accepts the 56 ethnic groups, also in short form, and nothing else', () => {
    expect(check({ ethnicity: '蒙古' }).value?.ethnicity).toBe('蒙古族');
    expect(check({ ethnicity: '维吾尔族' }).errors).toEqual([]);
    expect(paths(check({ ethnicity: '火星族' }).errors)).toEqual(['ethnicity']);
  });

  it('maps common education spellings to the standard levels', () => {
    expect(check({ education: '本科' }).value?.education).toBe('大学本科');
    expect(check({ education: '硕士研究生' }).value?.education).toBe('研究生');
    expect(paths(check({ education: '幼儿园' }).errors)).toEqual(['education']);
  });

  it('checks flag ledgers: reason and date required, each ledger once', () => {
    expect(check({ ledgers: [{ ledger: 'hardship', reason: '重病', since: '2020-01-01' }] }).errors).toEqual([]);
    expect(paths(check({ ledgers: [{ ledger: 'hardship', reason: '', since: '2020-01-01' }] }).errors)).toEqual(['ledgers.0.reason']);
    const twice = [{ ledger: 'hardship', reason: 'a', since: '2020-01-01' }, { ledger: 'hardship', reason: 'b', since: '2020-01-01' }];
    expect(paths(check({ ledgers: twice }).errors)).toEqual(['ledgers']);
  });

  it('still applies the cross-field rules when another field is invalid', () => {
    const r = check({ phone: 'abc', joinedOn: '2000-01-01', fullOn: '2001-01-01' });
    expect(r.value).toBeUndefined();
    expect(paths(r.errors).sort()).toEqual(['joinedOn', 'phone']);
  });

  it('leaves out the errors of fields the caller judges itself', () => {
    const r = checkMember({ ...base, orgId: undefined }, TODAY, { ignore: ['orgId'] });
    expect(r.errors).toEqual([]);
    expect(paths(checkMember({ ...base, orgId: undefined }, TODAY).errors)).toEqual(['orgId']);
  });

  it('names the field in Chinese in every message', () => {
    const r = checkMember({}, TODAY);
    expect(r.errors.length).toBeGreaterThan(4);
    for (const e of r.errors) expect(e.message).toMatch(/^[\u4e00-\u9fa5]+：/);
  });

  it('refuses malformed dates', () => {
    expect(paths(check({ joinedOn: '2010-02-30' }).errors)).toContain('joinedOn');
    expect(paths(check({ joinedOn: '2010/07/01' }).errors)).toContain('joinedOn');
  });

  it('keeps the schema usable for partial updates without inventing defaults', () => {
    const p = memberInputSchema.partial().parse({ name: '李四' });
    expect(Object.values(p).filter((v) => v !== undefined)).toEqual(['李四']);
  });

  describe('the typed fast path gives what the schema gives', () => {
    /** Values per field: valid, needing the schema's normalisation, blank, null, refused, of the wrong type. */
    const variants: Record<string, unknown[]> = {
      name: ['李四', '  李四 ', '', '   ', 'x'.repeat(50), 'x'.repeat(51), 5, undefined],
      gender: ['male', 'female', undefined, null, '男', ''],
      ethnicity: ['汉族', '汉', ' 蒙古 ', '火星族', '', 7, undefined],
      birthDate: ['1985-03-12', '', '  ', null, undefined, '1985-02-30', '1985/03/12', ' 1985-03-12', 19850312],
      idNumber: [MALE_ID, MALE_ID.toLowerCase(), ` ${MALE_ID} `, MALE_ID.slice(0, 17), ID('99990119850312123'), '', 4.399e17, undefined],
      education: ['大学本科', '本科', ' 硕士 ', '幼儿园', '', null, undefined, 3],
      joinedOn: ['2010-07-01', '2010-7-1', '', null, undefined, '2010-13-01'],
      fullOn: ['2011-07-01', '', null, undefined, '2011-02-29', 'soon'],
      status: ['full', 'probationary', '正式党员', undefined, null],
      probationExtended: [true, false, undefined, null, 'true', 1],
      disciplineStatus: ['留党察看', ' 警告 ', '', null, undefined, '罚款', 1],
      disciplineUntil: ['2025-06-30', '', null, undefined, '2025-06-31'],
      orgId: [1, 0, -3, 1.5, '1', undefined, null, Number.NaN],
      phone: ['13812345678', '+86 138 1234 5678', '0731-12345678', '0734 8123456', '07348123456', ' ', '', null, undefined, '12345678901', 13812345678],
      post: ['科员', '  科员  ', '', '  ', null, undefined, 'x'.repeat(200), 'x'.repeat(201), 5],
      notes: ['备注', '', null, undefined, 'x'.repeat(2000), 'x'.repeat(2001)],
      ledgers: [undefined, [{ ledger: 'hardship', reason: '重病', since: '2020-01-01' }]],
    };
    const schemaValue = (input: Record<string, unknown>) => {
      const r = memberInputSchema.safeParse(input);
      return r.success ? r.data : undefined;
    };

    it.each(Object.keys(variants))('for every kind of value in %s', (field) => {
      let accepted = 0;
      for (const v of variants[field]) {
        const input: Record<string, unknown> = { ...base, post: '科员', phone: '13812345678', [field]: v };
        const typed = typedInput(input);
        // Ledgers are always left to the schema; everything else the schema accepts, the fast path accepts too.
        if (field !== 'ledgers' || v === undefined) expect(typed === undefined, `${field} = ${JSON.stringify(v)}`).toBe(schemaValue(input) === undefined);
        if (typed) {
          accepted++;
          expect(typed, `${field} = ${JSON.stringify(v)}`).toEqual(schemaValue(input));
        }
      }
      expect(accepted).toBeGreaterThan(0);
    });

    it('on rows with several unusual values at once', () => {
      let seed = 7;
      const next = () => (seed = (seed * 48271) % 2147483647);
      // Mostly the first (valid) value, so that a good share of rows is accepted whole.
      const pick = (xs: unknown[]) => (next() % 10 < 9 ? xs[0] : xs[next() % xs.length]);
      let accepted = 0;
      for (let n = 0; n < 2000; n++) {
        const input = Object.fromEntries(Object.entries(variants).map(([f, vs]) => [f, pick(vs)]));
        const typed = typedInput(input);
        if (input.ledgers === undefined) expect(typed === undefined, JSON.stringify(input)).toBe(schemaValue(input) === undefined);
        if (typed) {
          accepted++;
          expect(typed).toEqual(schemaValue(input));
        }
      }
      expect(accepted).toBeGreaterThan(100);
    });
  });
});
