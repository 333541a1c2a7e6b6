import { z } from 'zod';
import { addMonths, addYears, isCalendarDate } from '../../platform/time.js';
import { ethnicities, normalizeEthnicity } from './ethnicities.js';
import { parseIdNumber } from './id-number.js';
import { educationLevels, flagLedgers, memberStatuses, type FlagLedger, type MemberStatus } from '../../../contract/members.js';

/**
 * A member's writable fields and the registry's rules about them (issue 2 §3, RULES.md §3).
 * Field rules live in the schema; rules that relate fields to each other or to today live in `checkMember`,
 * which the API and the roster import both call so a row and a form are judged alike.
 */

export interface Detail {
  path: string;
  message: string;
}

export { educationLevels, flagLedgers, memberStatuses, type FlagLedger, type MemberStatus };

/** Common ways rosters write the same level. */
const educationAliases: Record<string, (typeof educationLevels)[number]> = {
  博士: '研究生', 博士研究生: '研究生', 硕士: '研究生', 硕士研究生: '研究生',
  本科: '大学本科', 大本: '大学本科',
  专科: '大学专科', 大专: '大学专科',
  中等专科: '中专', 中技: '中专', 中等职业教育: '中专',
  职高: '高中', 普通高中: '高中',
  初中: '初中及以下', 小学: '初中及以下',
};

/** Discipline short of expulsion (开除党籍 is an exit). 留党察看 suspends voting rights for its period. */
export const disciplineStatuses = ['警告', '严重警告', '撤销党内职务', '留党察看'] as const;
export const PROBATION_DISCIPLINE = '留党察看';

export const memberFieldLabels: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '身份证号',
  education: '学历',
  joinedOn: '入党时间',
  fullOn: '转正时间',
  status: '党员类别',
  probationExtended: '预备期是否延长',
  disciplineStatus: '党纪处分',
  disciplineUntil: '处分期限',
  orgId: '所在党组织',
  phone: '联系电话',
  post: '工作单位及职务',
  notes: '备注',
  ledgers: '台账',
  ledger: '台账',
  reason: '原因',
  since: '起始日期',
};

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isCalendarDate, '不是有效的日期');

/** Lengths the schema and the typed fast path in `checkMember` both hold text to. */
const NAME_MAX = 50;
const POST_MAX = 200;
const NOTES_MAX = 2000;

const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable().optional());
const optionalDate = z.preprocess(blankToNull, dateString.nullable().optional());

const MOBILE = /^1[3-9]\d{9}$/;
/** 0 + 2–3 digit area code, 7–8 digit number, optional extension (010-12345678-801): the stored form. */
const LANDLINE = /^0\d{2,3}-\d{7,8}(-\d{1,6})?$/;
/** A landline whose area code is set off by a space or hyphen (0734 8123456, 0731-12345678-801). */
const LANDLINE_SEPARATED = /^(0\d{2,3})[ -](\d{7,8})(?:-(\d{1,6}))?$/;
/**
 * A landline written without a separator (07348123456): only the area code itself says where it ends — 010 and
 * 020–029 have two digits after the 0, every other area three — or 01012345678 would read as 0101-2345678.
 */
const LANDLINE_RUN_ON = /^(0(?:10|2\d|[3-9]\d{2}))(\d{7,8})(?:-(\d{1,6}))?$/;

/**
 * Removes spaces and a +86/86 prefix from a mobile number; writes a landline as area-number(-extension), the way
 * offices write it on paper whether they put a space, a hyphen or nothing after the area code.
 */
export function normalizePhone(raw: string): string {
  const spaced = raw.replace(/[\s\u3000]+/g, ' ').replace(/ ?- ?/g, '-').trim();
  const landline = LANDLINE_SEPARATED.exec(spaced) ?? LANDLINE_RUN_ON.exec(spaced);
  if (landline) return [landline[1], landline[2], landline[3]].filter(Boolean).join('-');
  return spaced.replaceAll(' ', '').replace(/^(\+?86)(?=1[3-9]\d{9}$)/, '');
}

export const phoneSchema = z
  .string()
  .transform(normalizePhone)
  .refine((v) => MOBILE.test(v) || LANDLINE.test(v), '应为11位手机号，或带区号的固定电话（如 0731-12345678、0731 12345678）');

export const idNumberSchema = z.string().transform((v, c) => {
  // The future-date bound needs today, so `checkMember` judges it; here only the number itself.
  const r = parseIdNumber(v, '9999-12-31');
  if (!r.ok) {
    c.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.info.value;
});

export const ledgerFlagSchema = z.object({
  ledger: z.enum(flagLedgers),
  reason: z.string().trim().min(1).max(200),
  since: dateString,
});

export const memberInputSchema = z.object({
  name: z.string().trim().min(1, '不能为空').max(NAME_MAX),
  gender: z.enum(['male', 'female']).optional(),
  ethnicity: z.preprocess((v) => (typeof v === 'string' ? normalizeEthnicity(v) : v), z.enum(ethnicities, { message: '应为56个民族之一（如 汉族）' })),
  birthDate: optionalDate,
  idNumber: idNumberSchema,
  education: z.preprocess(
    (v) => {
      const t = blankToNull(trimmed(v));
      return typeof t === 'string' ? (educationAliases[t] ?? t) : t;
    },
    z.enum(educationLevels, { message: `应为 ${educationLevels.join('、')} 之一` }).nullable().optional(),
  ),
  joinedOn: dateString,
  fullOn: optionalDate,
  status: z.enum(memberStatuses),
  probationExtended: z.boolean().optional(),
  disciplineStatus: z.preprocess((v) => blankToNull(trimmed(v)), z.enum(disciplineStatuses).nullable().optional()),
  disciplineUntil: optionalDate,
  orgId: z.number().int().positive(),
  phone: z.preprocess(blankToNull, phoneSchema.nullable().optional()),
  post: optionalText(POST_MAX),
  notes: optionalText(NOTES_MAX),
  ledgers: z
    .array(ledgerFlagSchema)
    .max(flagLedgers.length)
    .refine((ls) => new Set(ls.map((l) => l.ledger)).size === ls.length, '同一台账只能出现一次')
    .optional(),
});
export type MemberInput = z.infer<typeof memberInputSchema>;
export type MemberField = keyof MemberInput;

/** What a PATCH may carry: any writable field, and the version it was read at. */
export const memberPatchSchema = memberInputSchema.partial().extend({ version: z.number().int().positive() });
export type MemberPatch = z.infer<typeof memberPatchSchema>;

export interface CheckOptions {
  /** Fields the caller judges itself (the import matches the organisation cell): their errors are left out. */
  ignore?: readonly MemberField[];
}

export interface MemberCheck {
  /** the parsed input, when it has no field errors */
  value?: MemberInput;
  errors: Detail[];
  warnings: Detail[];
}

const label = (path: string) => memberFieldLabels[path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path] ?? path;
const detail = (path: string, message: string): Detail => ({ path, message: `${label(path)}：${message}` });

/** End of the probation period: one year after joining (RULES.md §3, 党章 第七条). */
export const probationEnd = (joinedOn: string) => addYears(joinedOn, 1);
/** An extension happens once, for 6 to 12 months. */
export const extendedProbationRange = (joinedOn: string) => [addMonths(probationEnd(joinedOn), 6), addMonths(probationEnd(joinedOn), 12)] as const;

/**
 * Judges a member's fields: field formats first, then the rules across fields, each on whatever fields
 * are themselves valid, so one bad cell does not hide the other findings on a row.
 */
export function checkMember(input: unknown, today: string, opts: CheckOptions = {}): MemberCheck {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const errors: Detail[] = [];
  const warnings: Detail[] = [];
  const ignored = new Set<string>(opts.ignore ?? []);

  const typed = typedInput(raw);
  const parsed = typed ? { success: true as const, data: typed } : memberInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!ignored.has(String(issue.path[0]))) errors.push(detail(path || 'name', issue.message));
    }
  }

  const good: Partial<MemberInput> = parsed.success ? parsed.data : validFields(raw);
  crossFieldRules(good, today, errors, warnings);
  return { value: parsed.success ? parsed.data : undefined, errors, warnings };
}

/**
 * What `memberInputSchema` makes of input whose fields all hold plain values it accepts (the import's rows, the
 * forms' bodies), found by hand with the schema's own normalisers and limits: zod's parse cost some 10 µs and
 * several kilobytes of garbage a row, which a 100,000-row import noticed. Anything else (a wrong type, a value the
 * schema refuses, ledgers) gives undefined, and the schema itself judges the input, so every message comes from it.
 * member-input.test.ts holds the two to the same results.
 */
export function typedInput(raw: Record<string, unknown>): MemberInput | undefined {
  const { name, gender, ethnicity, idNumber, joinedOn, status, probationExtended, orgId } = raw;
  if (typeof name !== 'string' || raw.ledgers !== undefined) return undefined;
  const trimmedName = name.trim();
  if (trimmedName.length < 1 || trimmedName.length > NAME_MAX) return undefined;
  if (gender !== undefined && gender !== 'male' && gender !== 'female') return undefined;
  if (typeof ethnicity !== 'string' || typeof idNumber !== 'string' || typeof joinedOn !== 'string') return undefined;
  const ethnicGroup = normalizeEthnicity(ethnicity);
  if (!ethnicitySet.has(ethnicGroup) || !isDateText(joinedOn)) return undefined;
  if (status !== 'full' && status !== 'probationary') return undefined;
  if (probationExtended !== undefined && typeof probationExtended !== 'boolean') return undefined;
  if (typeof orgId !== 'number' || !Number.isInteger(orgId) || orgId <= 0) return undefined;
  const id = parseIdNumber(idNumber, '9999-12-31');
  if (!id.ok) return undefined;

  const birthDate = optionalDateValue(raw.birthDate);
  const fullOn = optionalDateValue(raw.fullOn);
  const disciplineUntil = optionalDateValue(raw.disciplineUntil);
  const education = optionalChoice(raw.education, (t) => educationAliases[t] ?? t, educationSet);
  const disciplineStatus = optionalChoice(raw.disciplineStatus, (t) => t, disciplineSet);
  const phone = optionalPhone(raw.phone);
  const post = optionalTextValue(raw.post, POST_MAX);
  const notes = optionalTextValue(raw.notes, NOTES_MAX);
  if (birthDate === INVALID || fullOn === INVALID || disciplineUntil === INVALID || education === INVALID
    || disciplineStatus === INVALID || phone === INVALID || post === INVALID || notes === INVALID) return undefined;
  return {
    name: trimmedName, gender, ethnicity: ethnicGroup as MemberInput['ethnicity'], birthDate, idNumber: id.info.value,
    education, joinedOn, fullOn, status, probationExtended, disciplineStatus, disciplineUntil, orgId, phone, post, notes,
  } as MemberInput;
}

const INVALID = Symbol('invalid');
type Optional<T> = T | null | undefined | typeof INVALID;
const ethnicitySet = new Set<string>(ethnicities);
const educationSet = new Set<string>(educationLevels);
const disciplineSet = new Set<string>(disciplineStatuses);
const isDateText = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v);

/** The schema's preprocessing: blank text is null, absent stays absent. */
function blankOrText(v: unknown): Optional<string> {
  if (v === undefined || v === null) return v;
  if (typeof v !== 'string') return INVALID;
  return v;
}

function optionalDateValue(v: unknown): Optional<string> {
  const t = blankOrText(v);
  if (typeof t !== 'string') return t;
  if (t.trim() === '') return null;
  return isDateText(t) ? t : INVALID;
}

function optionalChoice(v: unknown, alias: (trimmed: string) => string, allowed: ReadonlySet<string>): Optional<string> {
  const t = blankOrText(v);
  if (typeof t !== 'string') return t;
  const trimmed = t.trim();
  if (trimmed === '') return null;
  const chosen = alias(trimmed);
  return allowed.has(chosen) ? chosen : INVALID;
}

function optionalPhone(v: unknown): Optional<string> {
  const t = blankOrText(v);
  if (typeof t !== 'string') return t;
  if (t.trim() === '') return null;
  const phone = normalizePhone(t);
  return MOBILE.test(phone) || LANDLINE.test(phone) ? phone : INVALID;
}

function optionalTextValue(v: unknown, max: number): Optional<string> {
  const t = blankOrText(v);
  if (typeof t !== 'string') return t;
  const trimmed = t.trim();
  if (trimmed === '') return null;
  return trimmed.length <= max ? trimmed : INVALID;
}

function validFields(raw: Record<string, unknown>): Partial<MemberInput> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(memberInputSchema.shape)) {
    const r = (schema as z.ZodType).safeParse(raw[key]);
    if (r.success) out[key] = r.data;
  }
  return out as Partial<MemberInput>;
}

function crossFieldRules(m: Partial<MemberInput>, today: string, errors: Detail[], warnings: Detail[]): void {
  const id = m.idNumber ? parseIdNumber(m.idNumber, today) : undefined;
  if (id && !id.ok) errors.push(detail('idNumber', id.message));
  const fromId = id?.ok ? id.info : undefined;

  if (fromId && m.birthDate && m.birthDate !== fromId.birthDate) {
    errors.push(detail('birthDate', `与身份证号不一致（身份证号中的出生日期为 ${fromId.birthDate}）`));
  }
  if (fromId && m.gender && m.gender !== fromId.gender) {
    errors.push(detail('gender', `与身份证号不一致（身份证号第17位表示${fromId.gender === 'male' ? '男' : '女'}）`));
  }
  const birth = m.birthDate ?? fromId?.birthDate;
  if (m.birthDate && m.birthDate > today) errors.push(detail('birthDate', '不能晚于今天'));

  const joined = m.joinedOn;
  if (joined) {
    if (joined > today) errors.push(detail('joinedOn', '不能晚于今天'));
    if (birth && joined < addYears(birth, 18)) errors.push(detail('joinedOn', `入党时未满18周岁（出生日期 ${birth}）`));
  }

  if (m.status === 'probationary' && m.fullOn) {
    errors.push(detail('fullOn', '预备党员不应填写转正时间'));
  } else if (m.fullOn) {
    if (m.fullOn > today) errors.push(detail('fullOn', '不能晚于今天'));
    if (joined) fullDateRules(joined, m.fullOn, m.probationExtended ?? false, errors, warnings);
  }

  // A malformed date was already reported; only a missing one is reported here.
  if (m.status === 'full' && !m.fullOn && !errors.some((e) => e.path === 'fullOn')) errors.push(detail('fullOn', '正式党员须填写转正时间'));
  if (m.status === 'probationary' && joined) {
    const end = m.probationExtended ? extendedProbationRange(joined)[1] : probationEnd(joined);
    if (today > end) {
      warnings.push(detail('status', m.probationExtended
        ? `延长的预备期已于 ${end} 届满，尚未作出转正或取消预备党员资格的决定`
        : `预备期已于 ${end} 满一年，尚未讨论转正`));
    }
  }

  if (m.disciplineStatus === PROBATION_DISCIPLINE && !m.disciplineUntil) {
    errors.push(detail('disciplineUntil', '留党察看须填写期限'));
  }
  if (m.disciplineUntil && !m.disciplineStatus) errors.push(detail('disciplineStatus', '填写了处分期限，但未填写党纪处分'));
}

function fullDateRules(joined: string, fullOn: string, extended: boolean, errors: Detail[], warnings: Detail[]): void {
  const end = probationEnd(joined);
  if (fullOn < end) {
    errors.push(detail('fullOn', `不能早于预备期满一年（${end}）`));
    return;
  }
  if (extended) {
    const [extMin, extMax] = extendedProbationRange(joined);
    // An extension is at least 6 months (细则 第三十二条), so an earlier date breaks the rule, as a date inside the
    // first year does; a later one, like any late date, may be a late decision and is only questioned.
    if (fullOn < extMin) {
      errors.push(detail('fullOn', `预备期延长一次（至少6个月）时，不能早于 ${extMin}`));
    } else if (fullOn > extMax) {
      warnings.push(detail('fullOn', `预备期延长一次（6至12个月）时，转正时间应在 ${extMin} 至 ${extMax} 之间`));
    }
  } else if (fullOn !== end) {
    warnings.push(detail('fullOn', `应为预备期满一年之日（${end}）；如预备期曾延长，请注明`));
  }
}
