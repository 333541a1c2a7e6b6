import type { ProductArea } from '../platform/http/context.js';

/** 党建责任: the work-item engine — items, transitions, sign-off, escalation, holidays; duty lists, monthly checklists, work prompts (being built in this session: routes, jobs and demo records are added here). */
export const workItemsArea: ProductArea = {
  name: 'workitems',
  routes: [],
};
