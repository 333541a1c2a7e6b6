import type { ProductArea } from '../../platform/http/context.js';

/** 三会一课 compliance: the rule table, the compliance report, reminders (being built in this session: routes, jobs and demo records are added here). */
export const complianceArea: ProductArea = {
  name: 'compliance',
  routes: [],
};
