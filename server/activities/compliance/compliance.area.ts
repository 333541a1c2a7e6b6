import type { ProductArea } from '../../platform/http/context.js';
import { complianceRoutes } from './compliance.routes.js';
import { complianceJobs } from './reminders.js';
import { loadComplianceDemo } from './demo/compliance-demo.js';

/** 三会一课 compliance: the rule table, the compliance report and attendance statistics, reminders, and the demo's two years of organisational life. */
export const complianceArea: ProductArea = {
  name: 'compliance',
  routes: [complianceRoutes],
  jobs: [complianceJobs],
  demo: loadComplianceDemo,
};
