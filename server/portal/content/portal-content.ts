import type { AppContext, RouteModule } from '../../platform/http/context.js';
import { registerFileOwner, attachmentTypes } from '../../platform/files/file-owners.js';
import { labelledRoutes } from '../../platform/http/validation.js';
import { ORIGINAL_KIND, THUMBNAIL_KIND } from './article-images.service.js';
import { webImageTypes } from './article-images.js';
import { articleScopePath, imageArticleId } from './articles.repository.js';
import { registerArticleRoutes } from './articles.routes.js';
import { articleLabels } from './articles.schemas.js';
import { publishDueArticles } from './articles.workflow.js';
import { registerColumnRoutes } from './columns.routes.js';
import { columnLabels } from './columns.schemas.js';
import { rootOrgPath } from './settings.repository.js';
import { registerSettingsRoutes } from './settings.routes.js';
import { settingsLabels } from './settings.schemas.js';

/**
 * Article attachments live in the file store, scoped like their article. Article images come only through the
 * portal's image route (article-images.service.ts), which resizes them and strips their metadata: the generic
 * upload takes attachments for an article, never images, and nothing at all for the images' other two copies.
 * The site's logo belongs to the working committee.
 */
function registerPortalFileOwners(): void {
  const articleScope = (ctx: AppContext, id: number) => articleScopePath(ctx.db.kysely, id);
  registerFileOwner('article', {
    allowedTypes: [...attachmentTypes.documents, ...attachmentTypes.spreadsheets],
    maxBytes: 10 * 1024 * 1024,
    orgPathOf: articleScope,
    permissionToRead: 'portal.write',
    permissionToWrite: 'portal.write',
  });
  registerFileOwner(ORIGINAL_KIND, { allowedTypes: [], maxBytes: 0, orgPathOf: articleScope, permissionToRead: 'portal.write', permissionToWrite: 'portal.write' });
  registerFileOwner(THUMBNAIL_KIND, {
    allowedTypes: [],
    maxBytes: 0,
    orgPathOf: async (ctx, imageId) => {
      const articleId = await imageArticleId(ctx.db.kysely, imageId);
      return articleId === null ? null : articleScope(ctx, articleId);
    },
    permissionToRead: 'portal.write',
    permissionToWrite: 'portal.write',
  });
  registerFileOwner('site', {
    allowedTypes: [...webImageTypes],
    maxBytes: 2 * 1024 * 1024,
    orgPathOf: (ctx) => rootOrgPath(ctx.db.kysely),
    permissionToRead: 'portal.write',
    permissionToWrite: 'portal.review',
  });
}

export const portalContentRoutes: RouteModule = async (app, ctx) => {
  registerPortalFileOwners();
  await labelledRoutes(columnLabels, registerColumnRoutes)(app, ctx);
  await labelledRoutes(articleLabels, registerArticleRoutes)(app, ctx);
  await labelledRoutes(settingsLabels, registerSettingsRoutes)(app, ctx);
};

export const PUBLISH_SCHEDULED_JOB = 'portal-publish-scheduled';

/** Scheduled articles go public within half a minute of their time. */
export function portalContentJobs(ctx: AppContext): void {
  ctx.scheduler.register({
    name: PUBLISH_SCHEDULED_JOB,
    everyMs: 30_000,
    quiet: true,
    run: async () => {
      const n = await publishDueArticles(ctx.db.kysely);
      return n > 0 ? `published ${n} scheduled articles` : undefined;
    },
  });
}
