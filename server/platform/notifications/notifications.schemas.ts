import { z } from 'zod';
import { listOf, pageQuery, type FieldLabels } from '../http/validation.js';

export const notificationLabels: FieldLabels = { unreadOnly: '仅看未读' };

/** Query flags arrive as text: `z.coerce.boolean()` would read "false" as true. */
const queryFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const notificationListQuery = z.object({ ...pageQuery, unreadOnly: queryFlag.default(false) });
export const notificationList = listOf(notificationSchema);
export const unreadCountSchema = z.object({ count: z.number().int() });
export const readAllSchema = z.object({ updated: z.number().int() });
