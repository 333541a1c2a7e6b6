import { ATTACHMENT_MAX_BYTES, RECORD_ATTACHMENTS, registerFileOwner } from '../../platform/files/file-owners.js';
import { workItemOwnerPath } from './work-item.repository.js';

/**
 * Evidence files (佐证材料) of a work item: scoped by the owner organisation, read with workitem.read and uploaded
 * with workitem.write. Types are checked on the bytes by the file store.
 */
export function registerWorkItemFiles(): void {
  registerFileOwner('work_item', {
    allowedTypes: RECORD_ATTACHMENTS,
    maxBytes: ATTACHMENT_MAX_BYTES,
    orgPathOf: (ctx, id) => workItemOwnerPath(ctx.db.kysely, id),
    permissionToRead: 'workitem.read',
    permissionToWrite: 'workitem.write',
  });
}
