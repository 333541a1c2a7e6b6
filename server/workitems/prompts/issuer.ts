import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/http/context.js';
import { parseIdParam } from '../../registry/orgs/org.routes.js';
import type { Executor } from '../../platform/db/database.js';
import { inScope } from '../../platform/access/scope.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { findOrg } from '../../registry/orgs/org.repository.js';

/**
 * The organisation that hands work down (writes a prompt, keeps a template or checklist): the one named, which must
 * lie in the caller's workitem.assign scope, or else the caller's single assigning organisation.
 */
export async function issuingOrg(db: Executor, p: Principal, orgId: number | undefined): Promise<{ id: number; path: string; name: string }> {
  const scope = p.scope('workitem.assign');
  if (orgId === undefined) {
    const own = p.grants.filter((g) => g.orgId != null && g.orgPath && scope.paths.includes(g.orgPath));
    const ids = [...new Set(own.map((g) => g.orgId!))];
    if (ids.length !== 1) throw badRequest('请选择发文党组织', [{ path: 'orgId', message: '发文党组织：必填' }]);
    orgId = ids[0];
  }
  const org = await findOrg(db, orgId);
  if (!org || org.status !== 'active' || !inScope(scope, org.path)) throw forbidden(`党组织（ID ${orgId}）不在您的交办范围内`);
  if (org.type === 'group') throw badRequest('党小组不能下发工作', [{ path: 'orgId', message: '发文党组织不能是党小组' }]);
  return { id: org.id, path: org.path, name: org.name };
}

/** A route's `resource` loader from a function finding the organisation path of the record its :id names. */
export const resourceBy = (find: (db: AppContext['db']['kysely'], id: number) => Promise<string | null>) =>
  async (ctx: AppContext, params: Record<string, string>): Promise<string | null> => {
    const id = parseIdParam(params.id);
    return id ? find(ctx.db.kysely, id) : null;
  };
