import type { PageDef } from '../app/pages';

/** Pages of the activity engine (活动、签到、我的活动) (being built in this session). */
export const activityPages: PageDef[] = [];
