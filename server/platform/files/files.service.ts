import type { Readable } from 'node:stream';
import type { Principal } from '../access/principal.js';
import type { Actor } from '../audit/audit-log.js';
import { writeAudit } from '../audit/audit-log.js';
import { sha256Hex } from '../crypto/field-cipher.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { nowIso } from '../time.js';
import { fileOwner, type FileOwnerKind } from './file-owners.js';
import { deleteFileRow, filesOf, findFile, insertFile, type StoredFile } from './files.repository.js';

export interface UploadInput {
  ownerKind: string;
  ownerId: number;
  /** the name the client gave: kept for the download, never trusted for the type */
  fileName: string;
  bytes: Buffer;
}

const typeLabels: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word（.docx）',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel（.xlsx）',
};

/**
 * Checks the caller may see (and, for `write`, change) the owner record. A missing owner, or one outside
 * the caller's scope, answers 404 like any record out of scope; an owner they may see but not change
 * answers 403. Denials of an existing record are audited, as the access hook does for routes.
 */
async function requireOwner(ctx: AppContext, principal: Principal, actor: Actor, kind: FileOwnerKind, owner: { kind: string; id: number }, need: 'read' | 'write'): Promise<void> {
  const path = await kind.orgPathOf(ctx, owner.id);
  const canRead = path !== null && principal.canAt(kind.permissionToRead, path);
  const allowed = canRead && (need === 'read' || principal.canAt(kind.permissionToWrite, path));
  if (allowed) return;
  if (path !== null) {
    await writeAudit(ctx.db.kysely, actor, {
      action: 'access.denied', outcome: 'denied', objectType: owner.kind, objectId: owner.id, details: { files: need },
    });
  }
  throw canRead ? forbidden('无权修改该记录的附件') : notFound();
}

function ownerKindOf(kind: string): FileOwnerKind {
  const def = fileOwner(kind);
  if (!def) throw badRequest('不支持的附件归属类型', [{ path: 'ownerKind', message: '附件归属类型：不支持该类型' }]);
  return def;
}

/** A stored file whose owner kind is no longer registered is unreachable, like a missing one. */
async function storedFileFor(ctx: AppContext, principal: Principal, actor: Actor, id: number, need: 'read' | 'write'): Promise<StoredFile> {
  const file = await findFile(ctx.db.kysely, id);
  const kind = file && fileOwner(file.owner_type);
  if (!file || !kind || file.owner_id === null) throw notFound('附件');
  await requireOwner(ctx, principal, actor, kind, { kind: file.owner_type, id: file.owner_id }, need);
  return file;
}

/**
 * The name the download will carry: no directories or control characters, and an extension that
 * matches the sniffed content, so `invoice.exe` holding a PDF downloads as `invoice.exe.pdf`.
 */
export function safeFileName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim().slice(0, 120) || 'file';
  const accepted = ext === 'jpg' ? ['jpg', 'jpeg'] : [ext];
  return accepted.some((e) => base.toLowerCase().endsWith(`.${e}`)) ? base : `${base}.${ext}`;
}

export async function uploadFile(ctx: AppContext, principal: Principal, actor: Actor, input: UploadInput): Promise<StoredFile> {
  const kind = ownerKindOf(input.ownerKind);
  await requireOwner(ctx, principal, actor, kind, { kind: input.ownerKind, id: input.ownerId }, 'write');
  const limit = Math.min(kind.maxBytes, ctx.config.uploadMaxBytes);
  if (input.bytes.length > limit) {
    throw new AppError(413, 'too_large', `文件过大：此类附件单个不得超过 ${(limit / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`);
  }
  if (input.bytes.length === 0) throw badRequest('文件为空', [{ path: 'file', message: '文件：内容为空' }]);
  // The type comes from the bytes alone: a client's Content-Type or file name can say anything.
  const { fileTypeFromBuffer } = await import('file-type');
  const sniffed = await fileTypeFromBuffer(input.bytes);
  if (!sniffed || !kind.allowedTypes.includes(sniffed.mime)) {
    const allowed = kind.allowedTypes.map((t) => typeLabels[t] ?? t).join('、');
    throw new AppError(415, 'unsupported_media_type', `文件内容不是允许的类型，请上传 ${allowed} 文件`, [{ path: 'file', message: `文件：仅支持 ${allowed}` }]);
  }
  const sha256 = sha256Hex(input.bytes);
  const key = await ctx.files.put(input.bytes);
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const file = await insertFile(trx, {
        owner_type: input.ownerKind,
        owner_id: input.ownerId,
        org_id: null,
        name: safeFileName(input.fileName, sniffed.ext),
        content_type: sniffed.mime,
        size: input.bytes.length,
        sha256,
        storage_key: key,
        created_by: principal.userId,
        created_at: nowIso(),
      });
      await writeAudit(trx, actor, {
        action: 'file.upload',
        objectType: 'file',
        objectId: file.id,
        details: { ownerKind: file.owner_type, ownerId: file.owner_id, name: file.name, contentType: file.content_type, size: file.size, sha256 },
      });
      return file;
    });
  } catch (err) {
    await ctx.files.remove(key);
    throw err;
  }
}

export async function listFiles(ctx: AppContext, principal: Principal, actor: Actor, ownerKind: string, ownerId: number): Promise<StoredFile[]> {
  await requireOwner(ctx, principal, actor, ownerKindOf(ownerKind), { kind: ownerKind, id: ownerId }, 'read');
  return filesOf(ctx.db.kysely, ownerKind, ownerId);
}

export async function openFile(ctx: AppContext, principal: Principal, actor: Actor, id: number): Promise<{ file: StoredFile; body: Readable }> {
  const file = await storedFileFor(ctx, principal, actor, id, 'read');
  return { file, body: await ctx.files.open(file.storage_key) };
}

/** Removes the record (audited) and then the bytes, so no residue of a deleted file stays on disk. */
export async function deleteFile(ctx: AppContext, principal: Principal, actor: Actor, id: number): Promise<void> {
  const file = await storedFileFor(ctx, principal, actor, id, 'write');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await deleteFileRow(trx, file.id);
    await writeAudit(trx, actor, {
      action: 'file.delete',
      objectType: 'file',
      objectId: file.id,
      details: { ownerKind: file.owner_type, ownerId: file.owner_id, name: file.name, sha256: file.sha256 },
    });
  });
  await ctx.files.remove(file.storage_key);
}
