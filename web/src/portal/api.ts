import { api, type Page } from '../app/api';

/** The answers of /api/v1/columns and /api/v1/articles as the admin app reads them. */

export interface Column {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  orgId: number;
  orgName: string | null;
  sortOrder: number;
  visible: boolean;
  reviewLevels: number;
  version: number;
}

export type ArticleState = 'draft' | 'in_review' | 'scheduled' | 'published' | 'returned' | 'withdrawn';

export const articleStateLabels: Record<ArticleState, string> = {
  draft: '草稿',
  in_review: '待审核',
  scheduled: '定时发布',
  published: '已发布',
  returned: '已退回',
  withdrawn: '已撤回',
};

export const articleStateColors: Record<ArticleState, string> = {
  draft: 'default',
  in_review: 'processing',
  scheduled: 'purple',
  published: 'success',
  returned: 'warning',
  withdrawn: 'error',
};

export interface ArticleListItem {
  id: number;
  title: string;
  columnId: number;
  columnName: string;
  orgId: number;
  state: ArticleState;
  /** the level awaiting review while in review (1-based) */
  reviewLevel: number;
  reviewLevels: number;
  /** the publication time; for a scheduled article, the time it will appear */
  publishedAt: string | null;
  source: string | null;
  author: string | null;
  revision: number;
  createdBy: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleFields {
  title: string;
  subtitle: string | null;
  summary: string | null;
  body: string;
  columnId: number;
  columnIds: number[];
  orgId?: number;
  coverFileId: number | null;
  source: string | null;
  author: string | null;
  originalUrl: string | null;
  disclaimerId: number | null;
  tags: string[];
}

export interface Review {
  level: number;
  revision: number;
  reviewerId: number;
  reviewerName: string | null;
  /** approved | returned | published | scheduled | withdrawn … */
  decision: string;
  comment: string | null;
  createdAt: string;
}

export interface Article extends ArticleListItem, Omit<ArticleFields, 'orgId'> {
  withdrawnAt: string | null;
  reviews: Review[];
}

export interface Revision {
  revision: number;
  title: string;
  subtitle: string | null;
  summary: string | null;
  body: string;
  userId: number;
  userName: string | null;
  createdAt: string;
}

export interface Disclaimer {
  id: number;
  name: string;
  body: string;
  version: number;
}

export interface ArticleFilters {
  columnId?: number;
  state?: ArticleState;
  q?: string;
}

export const portalKeys = {
  columns: ['portal', 'columns'] as const,
  articles: ['portal', 'articles'] as const,
  list: (f: ArticleFilters, page: number, pageSize: number) => ['portal', 'articles', 'list', f, page, pageSize] as const,
  article: (id: number) => ['portal', 'articles', id] as const,
  revisions: (id: number) => ['portal', 'articles', id, 'revisions'] as const,
  disclaimers: ['portal', 'disclaimers'] as const,
};

export const fetchColumns = () => api.get<Page<Column>>('/api/v1/columns', { pageSize: 1000 });
export const fetchDisclaimers = () => api.get<Page<Disclaimer>>('/api/v1/disclaimers');

export type Transition = 'in_review' | 'returned' | 'scheduled' | 'published' | 'withdrawn' | 'draft';

export const transition = (id: number, body: { to: Transition; comment?: string; publishAt?: string; version: number }) =>
  api.post<Article>(`/api/v1/articles/${id}/transitions`, body);

/** A new draft in the column from a .docx or a saved web page: title, sanitised body and its images. */
export const importArticle = (columnId: number, file: File) =>
  api.upload<Article>('/api/v1/articles/import', file, { fields: { columnId } });

/**
 * Stores an image of the article — the server keeps it at most 1,600 px wide without its camera metadata, plus a
 * thumbnail and the original — and answers the address the body refers to the web copy by.
 */
export async function uploadArticleImage(articleId: number, file: File): Promise<string> {
  const stored = await api.upload<{ url: string }>(`/api/v1/articles/${articleId}/images`, file);
  return stored.url;
}

/** The column and its ancestors, top first: the public page's breadcrumb. */
export function columnTrail(columns: Column[], columnId: number | undefined): Column[] {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const trail: Column[] = [];
  for (let c = columnId === undefined ? undefined : byId.get(columnId); c; c = c.parentId === null ? undefined : byId.get(c.parentId)) {
    trail.unshift(c);
  }
  return trail;
}

/** Columns in tree order, each with its depth, for tables and selects. */
export function columnTree(columns: Column[]): Array<Column & { depth: number; children?: never }> {
  const byParent = new Map<number | null, Column[]>();
  for (const c of columns) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const known = new Set(columns.map((c) => c.id));
  const out: Array<Column & { depth: number }> = [];
  const walk = (parent: number | null, depth: number) => {
    for (const c of (byParent.get(parent) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)) {
      out.push({ ...c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  // a column whose parent is outside the reader's scope still shows, at the top
  for (const c of columns) if (c.parentId !== null && !known.has(c.parentId) && !out.some((o) => o.id === c.id)) {
    out.push({ ...c, depth: 0 });
    walk(c.id, 1);
  }
  return out;
}

export const columnOptions = (columns: Column[]) =>
  columnTree(columns).map((c) => ({ value: c.id, label: `${'　'.repeat(c.depth)}${c.name}` }));
