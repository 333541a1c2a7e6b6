import type { ProductArea } from '../../platform/http/context.js';
import { trainingRoutes } from './training.routes.js';
import { loadTrainingDemo } from './demo/training-demo.js';

/** Training classes, democratic member review and heart-to-heart talks, the year's bound record (年终装订). */
export const trainingArea: ProductArea = {
  name: 'training',
  routes: [trainingRoutes],
  demo: loadTrainingDemo,
};
