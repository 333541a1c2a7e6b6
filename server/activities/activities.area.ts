import type { ProductArea } from '../platform/http/context.js';

/** 组织生活: the activity engine — activities, attendance, minutes, votes, signing, check-in (being built in this session: routes, jobs and demo records are added here). */
export const activitiesArea: ProductArea = {
  name: 'activities',
  routes: [],
};
