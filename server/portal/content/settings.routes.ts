import { z } from 'zod';
import type { AppContext, TypedApp } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams } from '../../platform/http/validation.js';
import { notFound } from '../../platform/errors.js';
import { presentDisclaimer, presentSiteSettings } from './settings.presenter.js';
import { findDisclaimer, listDisclaimers, loadSiteSettings } from './settings.repository.js';
import {
  disclaimerBody, disclaimerDeleteBody, disclaimerListSchema, disclaimerPatchBody, disclaimerSchema, siteSettingsPatchBody, siteSettingsSchema,
} from './settings.schemas.js';
import { createDisclaimer, deleteDisclaimer, updateDisclaimer, updateSiteSettings } from './settings.service.js';

/*
 * Site settings are what every public page shows (name, logo, footer, filing numbers), so reading them is public;
 * disclaimer templates are public text too. Changing either is the working committee's (see assertKeepsSite).
 */
export function registerSettingsRoutes(app: TypedApp, ctx: AppContext): void {
  const db = ctx.db.kysely;
  const disclaimer = async (id: number) => {
    const d = await findDisclaimer(db, id);
    if (!d) throw notFound('转载声明');
    return presentDisclaimer(d);
  };

  app.get('/api/v1/site-settings', {
    config: { access: { permission: 'public' } },
    schema: { tags: ['portal'], response: { 200: siteSettingsSchema } },
  }, async () => presentSiteSettings(await loadSiteSettings(db)));

  app.patch('/api/v1/site-settings', {
    config: { access: { permission: 'portal.review' } },
    schema: { tags: ['portal'], body: siteSettingsPatchBody, response: { 200: siteSettingsSchema } },
  }, async (req) => {
    await updateSiteSettings(db, principalOf(req), actorOf(req), req.body);
    return presentSiteSettings(await loadSiteSettings(db));
  });

  app.get('/api/v1/disclaimers', {
    config: { access: { permission: 'public' } },
    schema: { tags: ['portal'], response: { 200: disclaimerListSchema } },
  }, async () => {
    const rows = await listDisclaimers(db);
    return { items: rows.map(presentDisclaimer), total: rows.length };
  });

  app.post('/api/v1/disclaimers', {
    config: { access: { permission: 'portal.review' } },
    schema: { tags: ['portal'], body: disclaimerBody, response: { 201: disclaimerSchema } },
  }, async (req, reply) => reply.status(201).send(await disclaimer(await createDisclaimer(db, principalOf(req), actorOf(req), req.body))));

  app.patch('/api/v1/disclaimers/:id', {
    config: { access: { permission: 'portal.review' } },
    schema: { tags: ['portal'], params: idParams, body: disclaimerPatchBody, response: { 200: disclaimerSchema } },
  }, async (req) => {
    await updateDisclaimer(db, principalOf(req), actorOf(req), req.params.id, req.body);
    return disclaimer(req.params.id);
  });

  app.delete('/api/v1/disclaimers/:id', {
    config: { access: { permission: 'portal.review' } },
    schema: { tags: ['portal'], params: idParams, body: disclaimerDeleteBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deleteDisclaimer(db, principalOf(req), actorOf(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });
}
