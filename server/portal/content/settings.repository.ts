import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DisclaimerTable, SiteSettings, SiteSettingsTable } from '../../platform/db/schema-portal.js';

/** The site has one settings row; before anyone saves settings these defaults apply. */
export const SITE_SETTINGS_ID = 1;
export const defaultSiteSettings: SiteSettings = {
  id: SITE_SETTINGS_ID, name: '红雁党建网', logo_file_id: null, sponsor: null, supervisor: null, copyright: null,
  contact: null, icp_filing: null, police_filing: null, allowed_image_hosts: '[]', version: 0, created_at: '', updated_at: '',
};

export async function loadSiteSettings(db: Executor): Promise<SiteSettings> {
  return (await db.selectFrom('site_settings').selectAll().where('id', '=', SITE_SETTINGS_ID).executeTakeFirst()) ?? defaultSiteSettings;
}

export async function allowedImageHosts(db: Executor): Promise<string[]> {
  return JSON.parse((await loadSiteSettings(db)).allowed_image_hosts) as string[];
}

export async function insertSiteSettings(db: Executor, row: Insertable<SiteSettingsTable>): Promise<void> {
  await db.insertInto('site_settings').values({ ...row, id: SITE_SETTINGS_ID }).execute();
}

export async function updateSiteSettingsVersioned(db: Executor, version: number, set: Updateable<SiteSettingsTable>): Promise<boolean> {
  const r = await db.updateTable('site_settings').set({ ...set, version: version + 1 })
    .where('id', '=', SITE_SETTINGS_ID).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listDisclaimers(db: Executor) {
  return db.selectFrom('disclaimers').selectAll().orderBy('id').execute();
}

export async function findDisclaimer(db: Executor, id: number) {
  return db.selectFrom('disclaimers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDisclaimer(db: Executor, row: Insertable<DisclaimerTable>): Promise<number> {
  return (await db.insertInto('disclaimers').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDisclaimerVersioned(db: Executor, id: number, version: number, set: Updateable<DisclaimerTable>): Promise<boolean> {
  const r = await db.updateTable('disclaimers').set({ ...set, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function disclaimerInUse(db: Executor, id: number): Promise<boolean> {
  return !!(await db.selectFrom('articles').select('id').where('disclaimer_id', '=', id).executeTakeFirst());
}

export async function deleteDisclaimerRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('disclaimers').where('id', '=', id).execute();
}

/** The working committee's organisation (the first root), owner of the site's own files. */
export async function rootOrgPath(db: Executor): Promise<string | null> {
  return (await db.selectFrom('orgs').select('path').where('parent_id', 'is', null).orderBy('id').executeTakeFirst())?.path ?? null;
}
