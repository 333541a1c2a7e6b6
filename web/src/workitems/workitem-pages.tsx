import type { PageDef } from '../app/pages';

/** Pages of work items, duty lists, checklists, prompts (being built in this session). */
export const workItemPages: PageDef[] = [];
