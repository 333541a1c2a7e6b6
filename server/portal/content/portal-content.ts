import type { AppContext, RouteModule } from '../../platform/http/context.js';
import { registerFileOwner } from '../../platform/files/file-owners.js';
import { articleScopePath } from './articles.repository.js';
import { registerArticleRoutes } from './articles.routes.js';
import { publishDueArticles } from './articles.workflow.js';
import { registerColumnRoutes } from './columns.routes.js';
import { rootOrgPath } from './settings.repository.js';
import { registerSettingsRoutes } from './settings.routes.js';

const webImages = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/**
 * Article images and attachments live in the file store, scoped like their article; the site's logo belongs to
 * the working committee. Images are stored as uploaded (no resizing on the server: see the portal notes).
 */
function registerPortalFileOwners(): void {
  registerFileOwner('article', {
    allowedTypes: [...webImages, 'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    maxBytes: 10 * 1024 * 1024,
    orgPathOf: (ctx, id) => articleScopePath(ctx.db.kysely, id),
    permissionToRead: 'portal.write',
    permissionToWrite: 'portal.write',
  });
  registerFileOwner('site', {
    allowedTypes: webImages,
    maxBytes: 2 * 1024 * 1024,
    orgPathOf: (ctx) => rootOrgPath(ctx.db.kysely),
    permissionToRead: 'portal.write',
    permissionToWrite: 'portal.review',
  });
}

export const portalContentRoutes: RouteModule = (app, ctx) => {
  registerPortalFileOwners();
  registerColumnRoutes(app, ctx);
  registerArticleRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
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
