import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Kdb } from '../../platform/db/database.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso } from '../../platform/time.js';
import { isRootPath } from '../../registry/orgs/org.rules.js';
import { storedFileOwner } from './articles.repository.js';
import { presentSiteSettings } from './settings.presenter.js';
import {
  deleteDisclaimerRow, disclaimerInUse, findDisclaimer, insertDisclaimer, insertSiteSettings, loadSiteSettings,
  updateDisclaimerVersioned, updateSiteSettingsVersioned,
} from './settings.repository.js';
import { siteStructureChanged } from './site-structure.js';
import type { disclaimerBody, disclaimerPatchBody, siteSettingsPatchBody } from './settings.schemas.js';

/** The site's identity and its disclaimer templates belong to the working committee (portal.review at a root). */
export function assertKeepsSite(principal: Principal): void {
  if (!principal.scope('portal.review').paths.some(isRootPath)) throw forbidden('网站设置由机关工委统一维护');
}

export async function updateSiteSettings(db: Kdb, principal: Principal, actor: Actor, input: z.infer<typeof siteSettingsPatchBody>): Promise<void> {
  assertKeepsSite(principal);
  await db.transaction().execute(async (trx) => {
    const current = await loadSiteSettings(trx);
    if (current.version !== input.version) throw staleVersion();
    if (input.logoFileId) {
      const file = await storedFileOwner(trx, input.logoFileId);
      if (!file || file.owner_type !== 'site' || !file.content_type.startsWith('image/')) {
        throw badRequest('网站标志须是上传的图片', [{ path: 'logoFileId', message: '网站标志：须先上传图片' }]);
      }
    }
    const before = presentSiteSettings(current);
    const { version, ...fields } = input;
    const after = { ...before, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), version: before.version };
    const changes = changedFields(before, after);
    if (!Object.keys(changes).length) return;
    const at = nowIso();
    const row = {
      name: after.name, logo_file_id: after.logoFileId, sponsor: after.sponsor, supervisor: after.supervisor,
      copyright: after.copyright, contact: after.contact, icp_filing: after.icpFiling, police_filing: after.policeFiling,
      allowed_image_hosts: JSON.stringify(after.allowedImageHosts), updated_at: at,
    };
    if (version === 0) await insertSiteSettings(trx, { ...row, version: 1, created_at: at });
    else if (!(await updateSiteSettingsVersioned(trx, version, row))) throw staleVersion();
    await writeAudit(trx, actor, { action: 'portal.settings.update', objectType: 'site_settings', objectId: 1, details: { changes } });
  });
  siteStructureChanged();
}

export async function createDisclaimer(db: Kdb, principal: Principal, actor: Actor, input: z.infer<typeof disclaimerBody>): Promise<number> {
  assertKeepsSite(principal);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = await insertDisclaimer(trx, { ...input, created_at: at, updated_at: at });
    await writeAudit(trx, actor, { action: 'portal.disclaimer.create', objectType: 'disclaimer', objectId: id, details: { after: input } });
    return id;
  });
}

export async function updateDisclaimer(db: Kdb, principal: Principal, actor: Actor, id: number, input: z.infer<typeof disclaimerPatchBody>): Promise<void> {
  assertKeepsSite(principal);
  await db.transaction().execute(async (trx) => {
    const d = await findDisclaimer(trx, id);
    if (!d) throw notFound('转载声明');
    if (d.version !== input.version) throw staleVersion();
    const after = { name: input.name ?? d.name, body: input.body ?? d.body };
    const changes = changedFields({ name: d.name, body: d.body }, after);
    if (!Object.keys(changes).length) return;
    if (!(await updateDisclaimerVersioned(trx, id, input.version, { ...after, updated_at: nowIso() }))) throw staleVersion();
    await writeAudit(trx, actor, { action: 'portal.disclaimer.update', objectType: 'disclaimer', objectId: id, details: { changes } });
  });
}

export async function deleteDisclaimer(db: Kdb, principal: Principal, actor: Actor, id: number, version: number): Promise<void> {
  assertKeepsSite(principal);
  await db.transaction().execute(async (trx) => {
    const d = await findDisclaimer(trx, id);
    if (!d) throw notFound('转载声明');
    if (d.version !== version) throw staleVersion();
    if (await disclaimerInUse(trx, id)) throw conflict('仍有文章使用该转载声明，不能删除');
    await deleteDisclaimerRow(trx, id);
    await writeAudit(trx, actor, { action: 'portal.disclaimer.delete', objectType: 'disclaimer', objectId: id, details: { name: d.name } });
  });
}
