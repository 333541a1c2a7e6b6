import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../errors.js';

export interface MultipartForm {
  fields: Record<string, string>;
  fileName: string;
  bytes: Buffer;
}

/**
 * A multipart form's text fields and its `file` part, read in whatever order the parts come. The multipart plugin
 * enforces the configured size limit while reading; a request without a file is refused naming the field.
 */
export async function readMultipartForm(req: FastifyRequest): Promise<MultipartForm> {
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
  if (!file) throw badRequest('缺少上传的文件', [{ path: 'file', message: '文件：必须提供' }]);
  return { fields, fileName: file.name, bytes: file.bytes };
}
