import type { AppContext, RouteModule } from './platform/http/context.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { policyRoutes } from './platform/policies.routes.js';
import { setupRoutes } from './platform/setup/setup.routes.js';
import { userRoutes } from './registry/users/users.routes.js';
import { grantRoutes } from './registry/users/grants.routes.js';
import { memberAccountRoutes } from './registry/users/member-accounts.routes.js';
import { memberRoutes } from './registry/members/members.routes.js';
import { rosterRoutes } from './registry/members/roster/roster.routes.js';
import { orgRoutes } from './registry/orgs/org.routes.js';
import { unitRoutes } from './registry/units/unit.routes.js';
import { auditEventRoutes } from './platform/audit/audit-events.routes.js';
import { auditJobs } from './platform/audit/audit-jobs.js';
import { notificationRoutes } from './platform/notifications/notifications.routes.js';
import { fileRoutes } from './platform/files/files.routes.js';
import { siteRoutes } from './portal/site/site.routes.js';
import { portalContentJobs, portalContentRoutes } from './portal/content/portal-content.js';
import { schedulerJobs } from './platform/jobs/scheduler.js';

/** Every route module of the product, in one list: the app registers exactly these. */
export const routeModules: RouteModule[] = [
  authRoutes,
  policyRoutes,
  setupRoutes,
  userRoutes,
  grantRoutes,
  memberAccountRoutes,
  memberRoutes,
  rosterRoutes,
  orgRoutes,
  unitRoutes,
  auditEventRoutes,
  notificationRoutes,
  fileRoutes,
  portalContentRoutes,
  siteRoutes,
];

/** Scheduled jobs, registered on ctx.scheduler; main.ts starts the scheduler. */
export const jobModules: Array<(ctx: AppContext) => void> = [
  schedulerJobs,
  auditJobs,
  portalContentJobs,
];
