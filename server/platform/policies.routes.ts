import type { RouteModule } from './http/context.js';
import { actorOf } from './http/context.js';
import { labelledRoutes, versionField } from './http/validation.js';
import { policyLabels, policySchema, readPolicies, readPoliciesVersion, updatePolicies } from './policies.js';

const policiesResponse = policySchema.extend(versionField);

/** The security admin's settings page: passwords, lockout, sessions, who may reveal personal data. */
export const policyRoutes: RouteModule = labelledRoutes(policyLabels, (app, ctx) => {
  const present = async () => {
    const db = ctx.db.kysely;
    return { ...await readPolicies(db), version: await readPoliciesVersion(db) };
  };

  app.get('/api/v1/policies', {
    config: { access: { permission: 'policy.manage' } },
    schema: { tags: ['policies'], response: { 200: policiesResponse } },
  }, present);

  app.patch('/api/v1/policies', {
    config: { access: { permission: 'policy.manage' } },
    schema: {
      tags: ['policies'],
      body: policySchema.partial().extend(versionField).strict(),
      response: { 200: policiesResponse },
    },
  }, async (req) => {
    const { version, ...changes } = req.body;
    await updatePolicies(ctx.db.kysely, actorOf(req), version, changes);
    return present();
  });
});
