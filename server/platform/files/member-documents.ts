import { ATTACHMENT_MAX_BYTES, attachmentTypes, registerFileOwner } from './file-owners.js';
import { memberOrgPath } from './files.repository.js';

/**
 * A member's documents (scanned forms, certificates): scoped by the member's current organisation, so
 * they follow the member through a transfer; read with member.read, changed with member.write.
 */
export function registerMemberDocuments(): void {
  registerFileOwner('member', {
    allowedTypes: [...attachmentTypes.documents, ...attachmentTypes.photos],
    maxBytes: ATTACHMENT_MAX_BYTES,
    orgPathOf: (ctx, memberId) => memberOrgPath(ctx.db.kysely, memberId),
    permissionToRead: 'member.read',
    permissionToWrite: 'member.write',
  });
}
