import type { ProductArea } from '../../platform/http/context.js';

/** Training classes, democratic member review and heart-to-heart talks, the year's bound record (being built in this session: routes, jobs and demo records are added here). */
export const trainingArea: ProductArea = {
  name: 'training',
  routes: [],
};
