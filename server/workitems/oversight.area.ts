import type { ProductArea } from '../platform/http/context.js';
import { inspectionRoutes } from './inspections/inspections.routes.js';
import { projectRoutes } from './projects/projects.routes.js';
import { dispatchRoutes } from './dispatch/dispatch.routes.js';
import { liaisonRoutes } from './liaison/liaison.routes.js';
import { bulletinRoutes } from './bulletins/bulletins.routes.js';
import { loadOversightDemo } from './oversight-demo.js';

/** 督查督办: dispatch, projects, inspections and risk screening with their findings, liaison, bulletins. */
export const oversightArea: ProductArea = {
  name: 'oversight',
  routes: [dispatchRoutes, projectRoutes, inspectionRoutes, liaisonRoutes, bulletinRoutes],
  demo: loadOversightDemo,
};
