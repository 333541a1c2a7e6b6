import type { StoredFile } from './files.repository.js';

export function presentFile(f: StoredFile) {
  return {
    id: f.id,
    ownerKind: f.owner_type,
    ownerId: f.owner_id,
    name: f.name,
    contentType: f.content_type,
    size: f.size,
    sha256: f.sha256,
    createdAt: f.created_at,
    createdBy: f.created_by,
  };
}
