import type { Principal } from '../../platform/access/principal.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { sha256Hex } from '../../platform/crypto/field-cipher.js';
import { insertFile, type StoredFile } from '../../platform/files/files.repository.js';
import type { AppContext } from '../../platform/http/context.js';
import { nowIso } from '../../platform/time.js';
import { IMPORT_IMAGE_PREFIX, readImport } from './article-import.js';
import { adoptFiles } from './articles.repository.js';
import { BODY_MAX_CHARS } from './articles.schemas.js';
import { createArticle } from './articles.service.js';
import { badRequest } from '../../platform/errors.js';

/** Creates a draft from an uploaded .docx or .html in the given column; its images become the article's files. */
export async function importArticle(ctx: AppContext, principal: Principal, actor: Actor, columnId: number, fileName: string, bytes: Buffer): Promise<number> {
  const imported = await readImport(fileName, bytes);
  const keys = await Promise.all(imported.images.map((img) => ctx.files.put(img.bytes)));
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const at = nowIso();
      const files: StoredFile[] = [];
      for (const [i, img] of imported.images.entries()) {
        files.push(await insertFile(trx, {
          owner_type: 'article', owner_id: null, org_id: null, name: `image-${i + 1}.${img.ext}`, content_type: img.mime,
          size: img.bytes.length, sha256: sha256Hex(img.bytes), storage_key: keys[i], created_by: principal.userId, created_at: at,
        }));
      }
      const body = imported.bodyHtml.replace(new RegExp(`${IMPORT_IMAGE_PREFIX}(\\d+)`, 'g'), (_, i: string) => `/api/v1/files/${files[Number(i)].id}`);
      if (body.length > BODY_MAX_CHARS) throw badRequest('导入的正文过长', [{ path: 'body', message: `正文：不得超过 ${BODY_MAX_CHARS} 个字符` }]);
      const id = await createArticle(ctx.db.kysely, principal, actor, {
        title: imported.title, body, columnId, source: imported.source, originalUrl: imported.originalUrl,
      }, trx);
      await adoptFiles(trx, files.map((f) => f.id), id);
      await writeAudit(trx, actor, { action: 'portal.article.import', objectType: 'article', objectId: id, details: { fileName, sha256: sha256Hex(bytes), images: files.length } });
      return id;
    });
  } catch (err) {
    await Promise.all(keys.map((k) => ctx.files.remove(k)));
    throw err;
  }
}
