import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest } from '../errors.js';
import { actorOf, principalOf, type RouteModule } from '../http/context.js';
import { idParams, zodDetails, labelledRoutes, wholeList } from '../http/validation.js';
import { sendDownload } from './download.js';
import { readMultipartForm } from './multipart-form.js';
import { presentFile } from './files.presenter.js';
import { fileOwnerFields, storedFileList, storedFileSchema, fileLabels } from './files.schemas.js';
import { deleteFile, listFiles, openFile, uploadFile, type UploadInput } from './files.service.js';
import { registerMemberDocuments } from './member-documents.js';

/*
 * The routes declare `authenticated`: which permission applies depends on the owner record the file
 * belongs to (its registered kind), so the service checks it against the owner's organisation and
 * answers 404 for an owner, or a file, the caller may not see.
 */
export const fileRoutes: RouteModule = labelledRoutes(fileLabels, (app, ctx) => {
  registerMemberDocuments();
  const access = { access: { permission: 'authenticated' as const } };

  app.post('/api/v1/files', {
    config: access,
    schema: {
      tags: ['files'],
      consumes: ['multipart/form-data'],
      description: 'multipart fields: `ownerKind`, `ownerId`, and `file`',
      response: { 201: storedFileSchema },
    },
  }, async (req, reply) => {
    const file = await uploadFile(ctx, principalOf(req), actorOf(req), await readUpload(req));
    return reply.status(201).send(presentFile(file));
  });

  app.get('/api/v1/files', {
    config: access,
    schema: { tags: ['files'], querystring: fileOwnerFields, response: { 200: storedFileList } },
  }, async (req) => {
    const files = await listFiles(ctx, principalOf(req), actorOf(req), req.query.ownerKind, req.query.ownerId);
    return wholeList(files.map(presentFile));
  });

  app.get('/api/v1/files/:id', {
    config: access,
    schema: { tags: ['files'], params: idParams, response: { 200: z.unknown().describe('the file bytes') } },
  }, async (req, reply) => {
    const { file, body } = await openFile(ctx, principalOf(req), actorOf(req), req.params.id);
    return sendDownload(reply, { body, fileName: file.name, contentType: file.content_type, size: file.size });
  });

  app.delete('/api/v1/files/:id', {
    config: access,
    schema: { tags: ['files'], params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deleteFile(ctx, principalOf(req), actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
});

/** The upload form: the owner record it belongs to, and the file. */
async function readUpload(req: FastifyRequest): Promise<UploadInput> {
  const { fields, fileName, bytes } = await readMultipartForm(req);
  const owner = fileOwnerFields.safeParse(fields);
  if (!owner.success) throw badRequest('上传参数有误', zodDetails(owner.error, fileLabels));
  return { ...owner.data, fileName, bytes };
}
