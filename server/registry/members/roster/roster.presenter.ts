import type { findBatchByClientRef } from './roster-import.repository.js';

type Batch = NonNullable<Awaited<ReturnType<typeof findBatchByClientRef>>>;

export function presentProgress(importId: string, b: Batch) {
  return { importId, status: b.status, total: b.total, processed: b.processed, fileName: b.file_name, startedAt: b.created_at, updatedAt: b.updated_at };
}
