import type { Principal } from '../../platform/access/principal.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { sha256Hex } from '../../platform/crypto/field-cipher.js';
import type { AppContext } from '../../platform/http/context.js';
import { IMPORT_IMAGE_PREFIX, readImport } from './article-import.js';
import { prepareImage, type PreparedImage, type StoredImage } from './article-images.service.js';
import { adoptFiles } from './articles.repository.js';
import { BODY_MAX_CHARS } from './articles.schemas.js';
import { createArticle } from './articles.service.js';
import { badRequest } from '../../platform/errors.js';

/**
 * Creates a draft from an uploaded .docx or .html in the given column; its images become the article's files, each
 * resized and stripped like an uploaded one (article-images.service.ts).
 */
export async function importArticle(ctx: AppContext, principal: Principal, actor: Actor, columnId: number, fileName: string, bytes: Buffer): Promise<number> {
  const imported = await readImport(fileName, bytes);
  const prepared: PreparedImage[] = [];
  try {
    for (const [i, img] of imported.images.entries()) prepared.push(await prepareImage(ctx, `image-${i + 1}.${img.ext}`, img.bytes, img));
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const stored: StoredImage[] = [];
      for (const p of prepared) stored.push(await p.insert(trx, principal.userId, null));
      const body = imported.bodyHtml.replace(new RegExp(`${IMPORT_IMAGE_PREFIX}(\\d+)`, 'g'), (_, i: string) => `/api/v1/files/${stored[Number(i)].image.id}`);
      if (body.length > BODY_MAX_CHARS) throw badRequest('导入的正文过长', [{ path: 'body', message: `正文：不得超过 ${BODY_MAX_CHARS} 个字符` }]);
      const id = await createArticle(ctx.db.kysely, principal, actor, {
        title: imported.title, body, columnId, source: imported.source, originalUrl: imported.originalUrl,
      }, trx);
      await adoptFiles(trx, stored.flatMap((s) => [s.image.id, s.original.id]), id);
      await writeAudit(trx, actor, { action: 'portal.article.import', objectType: 'article', objectId: id, details: { fileName, sha256: sha256Hex(bytes), images: stored.length } });
      return id;
    });
  } catch (err) {
    await Promise.all(prepared.map((p) => p.remove()));
    throw err;
  }
}
