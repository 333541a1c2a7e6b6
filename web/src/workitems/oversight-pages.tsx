import type { PageDef } from '../app/pages';

/** Pages of dispatch, projects, inspections, liaison, bulletins (being built in this session). */
export const oversightPages: PageDef[] = [];
