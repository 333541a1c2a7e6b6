import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, badRequest } from '../errors.js';
import { actorOf, principalOf, type RouteModule } from '../http/context.js';
import { idParams, zodDetails, labelledRoutes } from '../http/validation.js';
import { sendDownload } from './download.js';
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
    return { items: files.map(presentFile) };
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

/** Reads the multipart form in whatever order its parts come; the plugin enforces the global size limit. */
async function readUpload(req: FastifyRequest): Promise<UploadInput> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传文件');
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file') file = { name: part.filename, bytes };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  const owner = fileOwnerFields.safeParse(fields);
  if (!owner.success) throw badRequest('上传参数有误', zodDetails(owner.error, fileLabels));
  if (!file) throw badRequest('缺少上传的文件', [{ path: 'file', message: '文件：必须提供' }]);
  return { ...owner.data, fileName: file.name, bytes: file.bytes };
}
