import type { PageDef } from '../app/pages';

/** Pages of duty lists, monthly checklists and work prompts (being built in this session). */
export const dutyPages: PageDef[] = [];
