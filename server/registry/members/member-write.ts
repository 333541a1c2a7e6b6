import { pinyin } from 'pinyin-pro';
import type { BlindIndex, FieldCipher } from '../../platform/crypto/field-cipher.js';
import { maskIdNumber, maskPhone } from '../../platform/masking.js';
import { idNumberTail, parseIdNumber, type IdNumberInfo } from './id-number.js';
import type { FlagLedger, MemberInput } from './member-input.js';

/** How a member's input becomes a stored row: personal fields encrypted, indexed and masked once, here. */

export interface MemberCrypto {
  cipher: FieldCipher;
  blindIndex: BlindIndex;
}

/** Encryption contexts and blind-index fields: part of the stored format, never rename. */
export const ID_NUMBER_FIELD = 'members.id_number';
export const PHONE_FIELD = 'members.phone';

/** The writable columns of `members` (id, version, timestamps and exit columns are the data layer's). */
export interface MemberRow {
  org_id: number;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birth_date: string;
  id_number_cipher: string;
  id_number_hash: string;
  id_number_tail: string;
  id_number_mask: string;
  phone_cipher: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  education: string | null;
  joined_on: string;
  full_on: string | null;
  status: 'full' | 'probationary';
  probation_extended: number;
  discipline_status: string | null;
  discipline_until: string | null;
  post: string | null;
  notes: string | null;
}

export interface LedgerFlag {
  ledger: FlagLedger;
  reason: string;
  since: string;
}

/** A member row with its flag ledgers: what insertMembers and updateMember write. */
export interface MemberWrite {
  row: MemberRow;
  ledgers: LedgerFlag[];
}

/** Letters and digits only, lower-case: what the member search matches. */
const searchable = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Readings of names already converted. pinyin-pro segments every name (surnames, polyphones), some 10–20 µs a
 * name, and names repeat a great deal (张伟, 王芳 …), which a 100,000-row import notices. Bounded: cleared when full.
 */
const READINGS_KEPT = 20_000;
const readings = new Map<string, readonly [pinyin: string, initials: string]>();

/**
 * Full pinyin and initials from one reading of the name: the initials are the first letters of its syllables
 * (pinyin-pro's `pattern: 'first'` gives the same, at the cost of segmenting the name a second time).
 */
function nameReadings(name: string): readonly [string, string] {
  let r = readings.get(name);
  if (!r) {
    if (readings.size >= READINGS_KEPT) readings.clear();
    const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true }).map(searchable).filter(Boolean);
    r = [syllables.join(' '), syllables.map((s) => s.charAt(0)).join('')];
    readings.set(name, r);
  }
  return r;
}

/**
 * Full pinyin, lower-case, no tones, a space between syllables: 张建国 → "zhang jian guo" (surname readings: 单 →
 * shan). The list sorts by it, and a space sorts below every letter, so a surname's members stay together: 陈刚锋,
 * 陈海飞 ("chen …") before 程荣杰 ("cheng …"); run together, "chengangfeng" < "chengrongjie" < "chenhaifei" mixed
 * 陈 and 程. Search ignores the spaces (members.repository.ts).
 */
export const namePinyin = (name: string): string => nameReadings(name)[0];

/** The first letter of each character's reading: 张建国 → zjg. */
export const nameInitials = (name: string): string => nameReadings(name)[1];

export function idNumberHash(ctx: Pick<MemberCrypto, 'blindIndex'>, idNumber: string): string {
  return ctx.blindIndex.hash(idNumber, ID_NUMBER_FIELD);
}

/**
 * The stored row for a validated input. Gender and birth date default to what the ID number says (they were
 * checked to agree with it when given). `known`: the number's parse and blind index, when the caller has them already.
 */
export function toMemberRow(ctx: MemberCrypto, input: MemberInput, known?: { id: IdNumberInfo; hash: string }): MemberRow {
  let id = known?.id;
  if (!id) {
    const parsed = parseIdNumber(input.idNumber, '9999-12-31');
    if (!parsed.ok) throw new Error('toMemberRow needs an input that passed checkMember');
    id = parsed.info;
  }
  const idNumber = id.value;
  const phone = input.phone ?? null;
  const [pinyinReading, initials] = nameReadings(input.name);
  return {
    org_id: input.orgId,
    name: input.name,
    name_pinyin: pinyinReading,
    name_initials: initials,
    gender: input.gender ?? id.gender,
    ethnicity: input.ethnicity,
    birth_date: input.birthDate ?? id.birthDate,
    id_number_cipher: ctx.cipher.encrypt(idNumber, ID_NUMBER_FIELD),
    id_number_hash: known?.hash ?? idNumberHash(ctx, idNumber),
    id_number_tail: idNumberTail(idNumber),
    id_number_mask: maskIdNumber(idNumber),
    phone_cipher: phone ? ctx.cipher.encrypt(phone, PHONE_FIELD) : null,
    phone_hash: phone ? ctx.blindIndex.hash(phone, PHONE_FIELD) : null,
    phone_mask: phone ? maskPhone(phone) : null,
    education: input.education ?? null,
    joined_on: input.joinedOn,
    full_on: input.fullOn ?? null,
    status: input.status,
    probation_extended: input.probationExtended ? 1 : 0,
    discipline_status: input.disciplineStatus ?? null,
    discipline_until: input.disciplineUntil ?? null,
    post: input.post ?? null,
    notes: input.notes ?? null,
  };
}

export function toMemberWrite(ctx: MemberCrypto, input: MemberInput): MemberWrite {
  return { row: toMemberRow(ctx, input), ledgers: (input.ledgers ?? []).map((l) => ({ ...l })) };
}

/**
 * Columns that differ between a stored row and a new one. Ciphertexts differ on every encryption (random IV),
 * so encrypted fields are compared through their blind index.
 */
export function changedColumns(before: MemberRow, after: MemberRow): (keyof MemberRow)[] {
  const derived = new Set<keyof MemberRow>(['id_number_cipher', 'id_number_tail', 'id_number_mask', 'phone_cipher', 'phone_mask', 'name_pinyin', 'name_initials']);
  return (Object.keys(after) as (keyof MemberRow)[]).filter((k) => !derived.has(k) && before[k] !== after[k]);
}

export function sameLedgers(a: readonly LedgerFlag[], b: readonly LedgerFlag[]): boolean {
  const key = (ls: readonly LedgerFlag[]) => JSON.stringify([...ls].map((l) => [l.ledger, l.reason, l.since]).sort());
  return key(a) === key(b);
}
