import type { ProductArea } from '../platform/http/context.js';
import { portalContentJobs, portalContentRoutes } from './content/portal-content.js';
import { siteRoutes } from './site/site.routes.js';
import { loadPortalDemo } from './demo/portal-demo.js';

/** 信息发布: columns, articles and their review workflow, and the public site at `/`. */
export const portalArea: ProductArea = {
  name: 'portal',
  routes: [portalContentRoutes, siteRoutes],
  jobs: [portalContentJobs],
  demo: async (ctx) => `门户演示文章已载入 Portal demo articles loaded: ${await loadPortalDemo(ctx)}`,
};
