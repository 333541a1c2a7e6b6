import { z } from 'zod';
import { memberListQuerySchema } from '../members.schemas.js';

const booleanFlag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

/** A client-chosen id for one import, to poll its progress while the upload is still running. */
export const importIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '应为8–64位字母、数字、下划线或连字符');

export const importQuerySchema = z.object({
  mode: z.enum(['dry-run', 'commit']),
  skipInvalid: booleanFlag,
  /** or the X-Import-Id header */
  importId: importIdSchema.optional(),
});

const rowIssueSchema = z.object({
  /** the row number as the spreadsheet shows it */
  row: z.number().int(),
  /** the column's header as the file writes it */
  column: z.string(),
  message: z.string(),
});

export const importReportSchema = z.object({
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(rowIssueSchema),
  warnings: z.array(rowIssueSchema),
  /** whether members were written: false for a dry run and for a commit refused because of row errors */
  committed: z.boolean(),
});

export const progressParamsSchema = z.object({ batchId: importIdSchema });

export const progressSchema = z.object({
  importId: z.string(),
  /** validating → committing → committed; or dry_run, rejected, failed, abandoned */
  status: z.string(),
  /** rows expected (an estimate until reading ends; 0 while unknown) and rows validated so far */
  total: z.number().int(),
  processed: z.number().int(),
  fileName: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
});

const formatSchema = z.enum(['xlsx', 'csv']).default('xlsx');

export const exportQuerySchema = memberListQuerySchema
  .pick({ orgId: true, q: true, status: true, ledger: true, exited: true })
  .extend({
    format: formatSchema,
    /** true: full ID numbers and phones (needs member.reveal and a reason) */
    reveal: booleanFlag,
    reason: z.string().trim().min(2).max(200).optional(),
  });

export const templateQuerySchema = z.object({ format: formatSchema });
