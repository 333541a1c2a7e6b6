import { idNumberCheckChar } from '../id-number.js';
import type { MemberInput } from '../member-input.js';
import { cellDate, cellIdNumber, cellName, cellText, isoOf, yearMonthOf, type PartialDate } from './roster-cells.js';
import { genderLabels, memberStatusLabels } from '../../../../contract/members.js';
import { rosterColumns, type RosterField } from './roster-columns.js';
import type { RosterRecord } from './roster-reader.js';

/** The member fields a roster row can carry, and the ones it names but that could not be read. */
export interface RowFields {
  values: Partial<Pick<MemberInput, 'name' | 'gender' | 'ethnicity' | 'birthDate' | 'idNumber' | 'education' | 'joinedOn' | 'fullOn' | 'status' | 'phone' | 'post' | 'notes'>>;
  orgText: string | null;
  /** 出生年月 without a day: checked against the ID number, which then supplies the date */
  birthMonth?: string;
  problems: Array<{ field: RosterField; message: string }>;
}

const statusByText: Record<string, MemberInput['status']> = {
  [memberStatusLabels.full]: 'full', 正式: 'full',
  [memberStatusLabels.probationary]: 'probationary', 预备: 'probationary',
};
const genderByText: Record<string, MemberInput['gender']> = {
  [genderLabels.male]: 'male', 男性: 'male',
  [genderLabels.female]: 'female', 女性: 'female',
};

/** Reads one roster row into member fields. Blank cells are absent; unreadable cells become problems. */
export function readRow(record: RosterRecord): RowFields {
  const c = record.cells;
  const out: RowFields = { values: {}, orgText: cellText(c.org), problems: [] };
  const problem = (field: RosterField, message: string) => out.problems.push({ field, message: `${rosterColumns[field].header}：${message}` });

  const name = cellName(c.name);
  if (name !== null) out.values.name = name;

  const id = cellIdNumber(c.idNumber, idNumberCheckChar);
  if (!id.ok) problem('idNumber', id.message);
  else if (id.value !== null) out.values.idNumber = id.value;

  const gender = cellText(c.gender);
  if (gender !== null) {
    if (genderByText[gender]) out.values.gender = genderByText[gender];
    else problem('gender', `应为“男”或“女”，而不是“${gender}”`);
  }

  const status = cellText(c.status);
  if (status !== null) {
    if (statusByText[status]) out.values.status = statusByText[status];
    else problem('status', `应为“正式党员”或“预备党员”，而不是“${status}”`);
  }

  for (const field of ['joinedOn', 'fullOn'] as const) {
    const d = cellDate(c[field]);
    if (!d.ok) problem(field, d.message);
    else if (d.value && d.value.day === undefined) problem(field, `只有年月，请填写完整的年月日（如 ${yearMonthOf(d.value)}-01）`);
    else if (d.value) out.values[field] = isoOf(d.value as PartialDate & { day: number });
  }

  const birth = cellDate(c.birthDate);
  if (!birth.ok) problem('birthDate', birth.message);
  else if (birth.value?.day !== undefined) out.values.birthDate = isoOf(birth.value as PartialDate & { day: number });
  else if (birth.value) out.birthMonth = yearMonthOf(birth.value);

  for (const field of ['ethnicity', 'education', 'phone', 'post', 'notes'] as const) {
    const t = cellText(c[field]);
    if (t !== null) (out.values as Record<string, string>)[field] = t;
  }
  return out;
}
