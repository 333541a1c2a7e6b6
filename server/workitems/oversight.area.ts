import type { ProductArea } from '../platform/http/context.js';

/** 督查督办: dispatch, projects, inspections and risk screening with their findings, liaison, bulletins (being built in this session: routes, jobs and demo records are added here). */
export const oversightArea: ProductArea = {
  name: 'oversight',
  routes: [],
};
