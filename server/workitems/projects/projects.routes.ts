import { actorOf, principalOf, type AppContext, type RouteModule } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { today } from '../../platform/time.js';
import { parseIdParam } from '../../registry/orgs/org.routes.js';
import { findProject } from './projects.repository.js';
import { presentProject } from './projects.presenter.js';
import { milestoneBody, projectCreateBody, projectListQuery, projectSignoffBody, projectLabels } from './projects.schemas.js';
import { addMilestone, createProject, listFor, projectDetail, signOffProject } from './projects.service.js';

const tags = ['projects'];

async function projectResource(ctx: AppContext, params: Record<string, string>): Promise<string | null> {
  const id = parseIdParam(params.id);
  return id ? (await findProject(ctx.db.kysely, id))?.org_path ?? null : null;
}

export const projectRoutes: RouteModule = labelledRoutes(projectLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const detail = async (p: Parameters<typeof projectDetail>[1], id: number) => {
    const d = await projectDetail(db, p, id);
    return presentProject(d.project, d.milestones, today());
  };

  app.get('/api/v1/projects', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: projectListQuery },
  }, async (req) => {
    const { rows, total } = await listFor(db, principalOf(req), req.query);
    const day = today();
    return { items: rows.map((r) => presentProject(r.project, r.milestones, day)), total };
  });

  app.post('/api/v1/projects', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, body: projectCreateBody },
  }, async (req, reply) => {
    const p = principalOf(req);
    const id = await createProject(db, actorOf(req), p, req.body);
    return reply.status(201).send(await detail(p, id));
  });

  app.get('/api/v1/projects/:id', {
    config: { access: { permission: 'workitem.read', resource: projectResource } },
    schema: { tags, params: idParams },
  }, async (req) => detail(principalOf(req), req.params.id));

  app.post('/api/v1/projects/:id/milestones', {
    config: { access: { permission: 'workitem.assign', resource: projectResource } },
    schema: { tags, params: idParams, body: milestoneBody },
  }, async (req, reply) => {
    const p = principalOf(req);
    await addMilestone(db, actorOf(req), p, req.params.id, req.body);
    return reply.status(201).send(await detail(p, req.params.id));
  });

  app.post('/api/v1/projects/:id/signoff', {
    config: { access: { permission: 'workitem.assign', resource: projectResource } },
    schema: { tags, params: idParams, body: projectSignoffBody },
  }, async (req) => {
    const p = principalOf(req);
    await signOffProject(db, actorOf(req), p, req.params.id, req.body);
    return detail(p, req.params.id);
  });
});
