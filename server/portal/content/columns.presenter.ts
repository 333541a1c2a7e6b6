import type { z } from 'zod';
import type { ColumnWithPath } from './columns.repository.js';
import type { columnSchema } from './columns.schemas.js';

export function presentColumn(c: ColumnWithPath): z.infer<typeof columnSchema> {
  return {
    id: c.id, parentId: c.parent_id, orgId: c.org_id, orgName: c.org_name, name: c.name, slug: c.slug,
    sortOrder: c.sort_order, visible: c.visible === 1, reviewLevels: c.review_levels, version: c.version,
  };
}
