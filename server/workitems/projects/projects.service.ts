import type { z } from 'zod';
import type { Executor, Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { findActiveOrg } from '../../registry/users/grants.repository.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso } from '../../platform/time.js';
import { createWorkItems } from '../engine/work-item.service.js';
import { signoffBlockers } from './project.rules.js';
import { findProject, insertProject, listProjects, markProjectSignedOff, milestonesOf, type ProjectRow } from './projects.repository.js';
import type { milestoneBody, projectCreateBody, projectListQuery, projectSignoffBody } from './projects.schemas.js';

export async function listFor(db: Kdb, p: Principal, q: z.infer<typeof projectListQuery>) {
  const under = q.orgId ? (await findActiveOrg(db, q.orgId))?.path ?? '/none/' : undefined;
  const { rows, total } = await listProjects(db, p.scope('workitem.read'), { ...q, under });
  const milestones = await milestonesOf(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ project: r, milestones: milestones.filter((m) => m.source_id === r.id) })), total };
}

export async function projectDetail(db: Kdb, p: Principal, id: number) {
  const project = await findProject(db, id);
  if (!project || !p.canAt('workitem.read', project.org_path)) throw notFound('党建项目');
  return { project, milestones: await milestonesOf(db, [id]) };
}

async function addMilestones(trx: Executor, actor: Actor, project: { id: number; org_id: number; title: string }, list: Array<z.infer<typeof milestoneBody>>) {
  return createWorkItems(trx, actor, list.map((m) => ({
    title: m.title, sourceKind: 'project', sourceId: project.id, ownerOrgId: project.org_id, deadline: m.deadline,
    requiredEvidence: m.requiredEvidence || null, tags: ['党建项目', project.title],
  })), { field: 'milestones' });
}

/** A project and its milestones, each a work item the project's organisation closes and the committee above signs off. */
export async function createProject(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof projectCreateBody>): Promise<number> {
  const org = await findActiveOrg(db, input.orgId);
  if (!org || !p.canAt('workitem.assign', org.path)) throw badRequest('承担组织：不存在或不在您的管理范围内', [{ path: 'orgId', message: '承担组织：不在管理范围内' }]);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = await insertProject(trx, { org_id: input.orgId, title: input.title, description: input.description ?? null, year: input.year, created_by: p.userId, at });
    await addMilestones(trx, actor, { id, org_id: input.orgId, title: input.title }, input.milestones);
    await writeAudit(trx, actor, { action: 'project.create', objectType: 'project', objectId: id, orgId: input.orgId, details: { ...input } });
    return id;
  });
}

function assertManages(p: Principal, project: ProjectRow): void {
  if (!p.canAt('workitem.assign', project.org_path)) throw forbidden('只有工委工作人员可以管理党建项目');
}

export async function addMilestone(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof milestoneBody>): Promise<number> {
  const { project } = await projectDetail(db, p, id);
  assertManages(p, project);
  if (project.state !== 'open') throw conflict('项目已销号，不能再增加里程碑');
  return db.transaction().execute(async (trx) => (await addMilestones(trx, actor, project, [input]))[0]);
}

/**
 * 销号 of the whole project: only when every milestone that was not cancelled is signed off, and by someone
 * independent of the project's organisation (a committee above it), like the milestones themselves.
 */
export async function signOffProject(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof projectSignoffBody>): Promise<void> {
  const { project, milestones } = await projectDetail(db, p, id);
  assertManages(p, project);
  if (p.grants.some((g) => g.orgId === project.org_id)) throw forbidden('本组织的工作人员不能为本组织的项目销号');
  if (project.state !== 'open') throw conflict('项目已销号');
  const blockers = signoffBlockers(milestones);
  if (blockers.length) throw conflict(`项目不能销号：${blockers.join('；')}`, blockers.map((message) => ({ path: 'milestones', message })));
  await db.transaction().execute(async (trx) => {
    if (!(await markProjectSignedOff(trx, id, input.version, { by: p.userId, comment: input.comment, at: nowIso() }))) throw staleVersion();
    await writeAudit(trx, actor, { action: 'project.signoff', objectType: 'project', objectId: id, orgId: project.org_id, details: { comment: input.comment } });
  });
}
