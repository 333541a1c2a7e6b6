import type { PageDef } from '../app/pages';

/** Pages of 三会一课 compliance (being built in this session). */
export const compliancePages: PageDef[] = [];
