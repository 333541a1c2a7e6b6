import type { PageDef } from '../app/pages';

/** Pages of training classes, member review, talks (being built in this session). */
export const trainingPages: PageDef[] = [];
