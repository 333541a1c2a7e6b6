import type { MemberDetail, MemberFormValues } from './api';

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A new member: blank optional fields are left out rather than sent as empty text. */
export function compactValues(v: MemberFormValues): Partial<MemberFormValues> {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => !isBlank(x))) as Partial<MemberFormValues>;
}

/** The form's starting values for a member; personal data stays blank (only typed values replace it). */
export function formValuesOf(m: MemberDetail): MemberFormValues {
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    idNumber: '',
    education: m.education,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    status: m.status,
    probationExtended: m.probationExtended,
    disciplineStatus: m.disciplineStatus,
    disciplineUntil: m.disciplineUntil,
    orgId: m.orgId,
    phone: '',
    post: m.post,
    notes: m.notes,
    ledgers: m.ledgers.filter((l) => !l.derived).map((l) => ({ ledger: l.ledger, reason: l.reason, since: l.since })),
  };
}

/** Only what the user changed goes into a PATCH; the ID number and phone only when typed in. */
export function changedValues(before: MemberFormValues, after: MemberFormValues): Partial<MemberFormValues> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof MemberFormValues)[]) {
    const a = after[key];
    if (key === 'idNumber' || key === 'phone') {
      if (!isBlank(a)) out[key] = (a as string).trim();
      continue;
    }
    const norm = (x: unknown) => JSON.stringify(isBlank(x) ? null : x);
    if (norm(a) !== norm(before[key])) out[key] = isBlank(a) ? null : a;
  }
  return out as Partial<MemberFormValues>;
}
