import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987): browsers save Chinese
 * file names correctly, and nothing is ever rendered inline from our origin.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends bytes as a download: declared type, never sniffed by the browser, never shown inline. */
export function sendDownload(reply: FastifyReply, file: { body: Buffer | Readable; fileName: string; contentType: string; size?: number }) {
  void reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff');
  if (file.size !== undefined) void reply.header('content-length', file.size);
  return reply.send(file.body);
}
