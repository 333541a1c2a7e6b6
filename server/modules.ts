import type { AppContext, RouteModule } from './platform/http/context.js';
import { authRoutes } from './platform/auth/auth.routes.js';

/** Every route module of the product, in one list: the app registers exactly these. */
export const routeModules: RouteModule[] = [
  authRoutes,
];

/** Scheduled jobs, registered on ctx.scheduler; main.ts starts the scheduler. */
export const jobModules: Array<(ctx: AppContext) => void> = [];
