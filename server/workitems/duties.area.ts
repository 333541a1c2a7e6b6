import type { AppContext, ProductArea } from '../platform/http/context.js';
import type { Actor } from '../platform/audit/audit-log.js';
import { Random } from '../demo/random.js';
import { today } from '../platform/time.js';
import { promptRoutes } from './prompts/prompts.routes.js';
import { loadPromptDemo } from './prompts/prompts.demo.js';
import { checklistJobs, checklistRoutes } from './checklists/checklists.routes.js';
import { loadChecklistDemo } from './checklists/checklists.demo.js';
import { dutyListRoutes } from './duty-lists/duty-lists.routes.js';
import { loadDutyListDemo } from './duty-lists/duty-lists.demo.js';
import { pickLaggards, settleDemoItems } from './duty-lists/demo-history.js';

/**
 * Duty lists, checklists and prompts of the demo district, written by gw_admin at the working committee, then moved
 * along as a year of work would have left them (a few branches often late).
 */
async function loadDutiesDemo(ctx: AppContext): Promise<string> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const staff = await trx.selectFrom('users').select('id').where('username', '=', 'gw_admin').executeTakeFirst();
    const root = await trx.selectFrom('orgs').select(['id', 'path']).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
    if (!staff || !root) return '无工委账号，未载入责任清单和工作提示';
    const actor: Actor = { userId: staff.id, username: 'gw_admin', roles: ['committee_staff'], ip: null };
    const on = today();
    const rng = new Random(20_261_126);
    const lists = await loadDutyListDemo(trx, actor, root, on);
    const checklistItems = await loadChecklistDemo(trx, actor, root, on);
    const prompts = await loadPromptDemo(trx, rng, actor, root, on);
    const items = await trx.selectFrom('work_items').select(['id', 'owner_org_id as orgId', 'created_at as createdAt', 'deadline'])
      .where('source_kind', 'in', ['duty_list', 'monthly_checklist', 'work_prompt']).orderBy('id').execute();
    const demoBranch = await trx.selectFrom('grants').innerJoin('users', 'users.id', 'grants.user_id').select('grants.org_id')
      .where('users.username', '=', 'zb_caizheng').executeTakeFirst();
    const branches = await trx.selectFrom('orgs').select('id').where('type', '=', 'branch').where('status', '=', 'active').orderBy('id').execute();
    const laggards = pickLaggards(rng, branches.map((b) => b.id), 5, demoBranch?.org_id ?? null);
    await settleDemoItems(trx, rng, items, staff.id, laggards, on);
    return `责任清单、月结清单和工作提示已载入 duties demo: ${lists} duty lists, ${checklistItems} checklist items, ${prompts} prompts, ${items.length} items`;
  });
}

/** 责任落实: duty lists, monthly checklists and work prompts, each handing work down as work items of the engine. */
export const dutiesArea: ProductArea = {
  name: 'duties',
  routes: [dutyListRoutes, checklistRoutes, promptRoutes],
  jobs: [checklistJobs],
  demo: loadDutiesDemo,
};
