import { registerFileOwner } from './file-owners.js';
import { memberOrgPath } from './files.repository.js';

/**
 * A member's documents (scanned forms, certificates): scoped by the member's current organisation, so
 * they follow the member through a transfer; read with member.read, changed with member.write.
 */
export function registerMemberDocuments(): void {
  registerFileOwner('member', {
    allowedTypes: [
      'application/pdf',
      'image/jpeg',
      'image/png',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    maxBytes: 20 * 1024 * 1024,
    orgPathOf: (ctx, memberId) => memberOrgPath(ctx.db.kysely, memberId),
    permissionToRead: 'member.read',
    permissionToWrite: 'member.write',
  });
}
