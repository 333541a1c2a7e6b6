import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { StoredFileTable } from '../db/schema.js';

export type StoredFile = Selectable<StoredFileTable>;

export async function insertFile(db: Executor, row: Omit<StoredFile, 'id'>): Promise<StoredFile> {
  return db.insertInto('stored_files').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findFile(db: Executor, id: number): Promise<StoredFile | undefined> {
  return db.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export function filesOf(db: Executor, ownerType: string, ownerId: number): Promise<StoredFile[]> {
  return db.selectFrom('stored_files').selectAll().where('owner_type', '=', ownerType).where('owner_id', '=', ownerId).orderBy('id', 'desc').execute();
}

export async function deleteFileRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('stored_files').where('id', '=', id).execute();
}

/** The organisation path of a member, for the `member` owner kind (the member's documents). */
export async function memberOrgPath(db: Executor, memberId: number): Promise<string | null> {
  const row = await db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select('orgs.path')
    .where('members.id', '=', memberId)
    .executeTakeFirst();
  return row?.path ?? null;
}
