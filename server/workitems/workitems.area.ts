import type { ProductArea } from '../platform/http/context.js';
import { workItemJobs } from './engine/escalation.js';
import { workItemRoutes } from './engine/work-item.routes.js';
import { holidayRoutes } from './holidays/holidays.routes.js';
import { boardRoutes } from './views/views.routes.js';
import { loadWorkItemDemo } from './views/demo.js';

/** 党建责任: the work-item engine — items, transitions, sign-off, escalation, holidays — and its views. */
export const workItemsArea: ProductArea = {
  name: 'workitems',
  routes: [boardRoutes, workItemRoutes, holidayRoutes],
  jobs: [workItemJobs],
  demo: loadWorkItemDemo,
};
