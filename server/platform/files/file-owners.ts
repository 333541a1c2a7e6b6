import type { Permission } from '../access/roles.js';
import type { AppContext } from '../http/context.js';

/**
 * What a stored file belongs to decides who may see it: each kind of owner record registers how to find
 * the owner's organisation and which permissions read and write its files. A file is served only to
 * those who may see its owner record, through the one scope check (`Principal.canAt`).
 */
export interface FileOwnerKind {
  /** MIME types as sniffed from the bytes (file-type), never as the client declares them */
  allowedTypes: readonly string[];
  /** per-file limit; the upload limit of the configuration (uploadMaxBytes) caps it */
  maxBytes: number;
  /** the organisation path of the owner record, or null when it does not exist */
  orgPathOf(ctx: AppContext, ownerId: number): Promise<string | null>;
  permissionToRead: Permission;
  permissionToWrite: Permission;
}

/** The file types of a record's attachments, as sniffed from the bytes. */
export const attachmentTypes = {
  photos: ['image/jpeg', 'image/png'],
  documents: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  spreadsheets: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
} as const;

/** Photos, scans, minutes and sign-in sheets: what a meeting or a duty leaves behind as its record. */
export const RECORD_ATTACHMENTS = [...attachmentTypes.photos, ...attachmentTypes.documents, ...attachmentTypes.spreadsheets];

/** Per-file limit of attachments: a scanned multi-page PDF or a phone photo stays under it. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

const owners = new Map<string, FileOwnerKind>();

/** Registering a kind again replaces it (each app built in tests registers its kinds anew). */
export function registerFileOwner(kind: string, def: FileOwnerKind): void {
  if (!/^[a-z][a-z0-9_.-]{0,39}$/.test(kind)) throw new Error(`invalid file owner kind "${kind}"`);
  owners.set(kind, def);
}

export function fileOwner(kind: string): FileOwnerKind | undefined {
  return owners.get(kind);
}
