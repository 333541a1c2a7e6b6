import { z } from 'zod';
import type { AppContext, RouteModule } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams, labelledRoutes, listOf } from '../../platform/http/validation.js';
import type { FastifyRequest } from 'fastify';
import { memberInputSchema, memberPatchSchema } from './member-input.js';
import { memberOrgPath } from './members.repository.js';
import {
  deleteBodySchema,
  exitBodySchema,
  memberDetailSchema,
  memberListItemSchema,
  memberLabels,
  memberListQuerySchema,
  memberWriteResultSchema,
  ownMemberSchema,
  placementQuerySchema,
  placementSchema,
  revealBodySchema,
  revealResultSchema,
} from './members.schemas.js';
import { sendShared } from '../../platform/http/shared-answer.js';
import { createMember, deleteMember, exitMember, getMember, getMemberPlacements, getOwnPlacements, getOwnMember, listMembers, memberListCache, patchMember, revealMember } from './members.service.js';

/** The member's organisation path for the access hook; a malformed id is simply not found. */
const memberResource = (ctx: AppContext, params: Record<string, string>) =>
  /^\d{1,15}$/.test(params.id ?? '') ? memberOrgPath(ctx.db.kysely, Number(params.id)) : Promise.resolve(null);

const caller = (req: FastifyRequest) => ({ actor: actorOf(req), principal: principalOf(req) });
const tags = ['members'];

export const memberRoutes: RouteModule = labelledRoutes(memberLabels, (app, ctx) => {
  const lists = memberListCache();
  app.get('/api/v1/members', {
    config: { access: { permission: 'member.read' } },
    schema: { tags, querystring: memberListQuerySchema, response: { 200: listOf(memberListItemSchema) } },
  }, async (req, reply) => sendShared(reply, await listMembers(ctx, principalOf(req), req.query, lists, req.registryGeneration)));

  app.post('/api/v1/members', {
    config: { access: { permission: 'member.write' } },
    schema: { tags, body: memberInputSchema, response: { 201: memberWriteResultSchema } },
  }, async (req, reply) => reply.status(201).send(await createMember(ctx, caller(req), req.body)));

  app.get('/api/v1/members/:id', {
    config: { access: { permission: 'member.read', resource: memberResource } },
    schema: { tags, params: idParams, response: { 200: memberDetailSchema } },
  }, async (req) => getMember(ctx, req.params.id));

  app.get('/api/v1/members/:id/placements', {
    config: { access: { permission: 'member.read', resource: memberResource } },
    schema: { tags, params: idParams, querystring: placementQuerySchema, response: { 200: listOf(placementSchema) } },
  }, async (req) => getMemberPlacements(ctx, req.params.id, req.query.asOf));

  app.patch('/api/v1/members/:id', {
    config: { access: { permission: 'member.write', resource: memberResource } },
    schema: { tags, params: idParams, body: memberPatchSchema, response: { 200: memberWriteResultSchema } },
  }, async (req) => patchMember(ctx, caller(req), req.params.id, req.body));

  app.delete('/api/v1/members/:id', {
    config: { access: { permission: 'member.write', resource: memberResource } },
    schema: { tags, params: idParams, body: deleteBodySchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deleteMember(ctx, caller(req), req.params.id, req.body.reason);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/members/:id/exit', {
    config: { access: { permission: 'member.write', resource: memberResource } },
    schema: { tags, params: idParams, body: exitBodySchema, response: { 200: memberDetailSchema } },
  }, async (req) => exitMember(ctx, caller(req), req.params.id, req.body));

  app.post('/api/v1/members/:id/reveal', {
    config: { access: { permission: 'member.reveal', resource: memberResource } },
    schema: { tags, params: idParams, body: revealBodySchema, response: { 200: revealResultSchema } },
  }, async (req) => revealMember(ctx, caller(req), req.params.id, req.body.fields, req.body.reason));

  app.get('/api/v1/me/placements', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, response: { 200: listOf(placementSchema) } },
  }, async (req) => getOwnPlacements(ctx, principalOf(req)));

  app.get('/api/v1/me/member', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, response: { 200: ownMemberSchema } },
  }, async (req) => getOwnMember(ctx, principalOf(req)));
});
