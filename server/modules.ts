import type { ProductArea, JobModule, RouteModule } from './platform/http/context.js';
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
import { schedulerJobs } from './platform/jobs/scheduler.js';
import { portalArea } from './portal/portal.area.js';
import { activitiesArea } from './activities/activities.area.js';
import { complianceArea } from './activities/compliance/compliance.area.js';
import { trainingArea } from './activities/training/training.area.js';
import { workItemsArea } from './workitems/workitems.area.js';
import { dutiesArea } from './workitems/duties.area.js';
import { oversightArea } from './workitems/oversight.area.js';

/** The platform's shared services and the registry: what every other area stands on. */
const foundationArea: ProductArea = {
  name: 'foundation',
  routes: [
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
  ],
  jobs: [schedulerJobs, auditJobs],
};

/**
 * Every area of the product, in one list: the app registers exactly their routes and jobs, and demo mode loads
 * their demo records in this order (each area after the ones it stands on).
 */
export const productAreas: ProductArea[] = [
  foundationArea,
  portalArea,
  activitiesArea,
  complianceArea,
  trainingArea,
  workItemsArea,
  dutiesArea,
  oversightArea,
];

export const routeModules: RouteModule[] = productAreas.flatMap((a) => a.routes);
export const jobModules: JobModule[] = productAreas.flatMap((a) => a.jobs ?? []);
