import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';

import type { ImportReport, RowIssue } from '../../../contract/roster';

export type { ImportReport, RowIssue };

export interface ImportProgress {
  importId: string;
  /** validating → committing → committed; or dry_run, rejected, failed, abandoned */
  status: string;
  /** rows expected (an estimate until reading ends) and rows validated so far */
  total: number;
  processed: number;
}

export type ImportMode = 'dry-run' | 'commit';

const importUrl = '/api/v1/members/import';
const templateUrl = '/api/v1/members/import-template';
const progressUrl = (importId: string) => `/api/v1/members/import/progress/${encodeURIComponent(importId)}`;

/**
 * A fresh id for one import. From getRandomValues, not randomUUID: the app is served over plain HTTP on
 * intranet addresses, where randomUUID (secure contexts only) does not exist.
 */
export function newImportId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends the roster. `importId` is chosen here so the page can ask for the progress of the very request that is
 * still running (the server answers only when the whole file is checked or written).
 */
export function runImport(file: File, mode: ImportMode, skipInvalid: boolean, importId: string, onUpload: (fraction: number) => void) {
  return api.upload<ImportReport>(importUrl, file, {
    query: { mode, skipInvalid: skipInvalid || undefined, importId },
    onProgress: onUpload,
  });
}

/** Polls the server's progress of a running import; silent until the server has registered the upload. */
export function useImportProgress(importId: string | null) {
  return useQuery({
    queryKey: ['members', 'import-progress', importId],
    queryFn: () => api.get<ImportProgress>(progressUrl(importId!)),
    enabled: importId !== null,
    refetchInterval: 700,
    retry: false,
    gcTime: 0,
  });
}

/** 下载问题清单: the errors and warnings of one of the user's own finished imports, as a sheet. */
export function downloadIssues(importId: string, fileName: string) {
  return api.download('GET', `${importUrl}/issues/${encodeURIComponent(importId)}`, {
    query: { format: 'xlsx' }, fallbackName: `导入问题清单-${fileName.replace(/\.[^.]*$/, '')}.xlsx`,
  });
}

export function downloadTemplate(format: 'xlsx' | 'csv') {
  return api.download('GET', templateUrl, { query: { format }, fallbackName: `党员名册导入模板.${format}` });
}
