import { ATTACHMENT_MAX_BYTES, RECORD_ATTACHMENTS, registerFileOwner } from '../../platform/files/file-owners.js';
import { activityOrgPath } from './activity.repository.js';

/** Owner kind of an activity's attachments in the file store. */
export const ACTIVITY_FILES = 'activity';

/**
 * Photos, sign-in sheets and documents of an activity: scoped by its organisation, read with activity.read and
 * uploaded with activity.write. The store checks the type on the bytes.
 */
export function registerActivityFiles(): void {
  registerFileOwner(ACTIVITY_FILES, {
    allowedTypes: RECORD_ATTACHMENTS,
    maxBytes: ATTACHMENT_MAX_BYTES,
    orgPathOf: (ctx, id) => activityOrgPath(ctx.db.kysely, id),
    permissionToRead: 'activity.read',
    permissionToWrite: 'activity.write',
  });
}
