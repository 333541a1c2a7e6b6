import type { ProductArea } from '../platform/http/context.js';
import { activityRoutes } from './activity/activity.routes.js';
import { checkinAttemptJobs } from './activity/checkin-limit.js';

/** 组织生活: the activity engine — activities, attendance, minutes, votes, signing, check-in. */
export const activitiesArea: ProductArea = {
  name: 'activities',
  routes: [activityRoutes],
  jobs: [checkinAttemptJobs],
};
