import type { Generated, Selectable } from 'kysely';

/* Portal tables (migration 0002_portal); same storage conventions as schema.ts. */
type Id = Generated<number>;
type Bool = number;
type Instant = string;

export const articleStates = ['draft', 'in_review', 'scheduled', 'published', 'returned', 'withdrawn'] as const;
export type ArticleState = (typeof articleStates)[number];

export interface PortalColumnTable {
  id: Id;
  parent_id: number | null;
  /** the organisation that owns the column: its authors and reviewers (subtree) work in it */
  org_id: number;
  name: string;
  /** URL name on the public site, /column/:slug */
  slug: string;
  sort_order: Generated<number>;
  visible: Generated<Bool>;
  /** how many review levels an article passes before publication (三审 = 3) */
  review_levels: Generated<number>;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface ArticleTable {
  id: Id;
  /** the primary column: breadcrumb, scope and review levels come from it */
  column_id: number;
  /** the organisation the article is about */
  org_id: number;
  title: string;
  subtitle: string | null;
  summary: string | null;
  /** sanitised HTML */
  body_html: string;
  cover_file_id: number | null;
  /** publication time (the future for a scheduled article) */
  published_at: Instant | null;
  source: string | null;
  author: string | null;
  original_url: string | null;
  disclaimer_id: number | null;
  state: ArticleState;
  /** the level awaiting review while in_review (1-based); 0 otherwise */
  review_level: Generated<number>;
  /** number of the latest saved revision */
  revision: Generated<number>;
  created_by: number;
  withdrawn_at: Instant | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** Every column an article appears in, the primary one included. */
export interface ArticleColumnTable {
  article_id: number;
  column_id: number;
}

export interface ArticleTagTable {
  article_id: number;
  tag: string;
}

export interface ArticleRevisionTable {
  id: Id;
  article_id: number;
  revision: number;
  title: string;
  subtitle: string | null;
  summary: string | null;
  body_html: string;
  /** JSON of the other saved fields (columns, source, author, originalUrl, tags …) */
  meta: string;
  user_id: number;
  created_at: Instant;
}

export interface ArticleReviewTable {
  id: Id;
  article_id: number;
  revision: number;
  level: number;
  reviewer_id: number;
  /** approved | returned | published (staff publishing directly) | withdrawn */
  decision: string;
  comment: string | null;
  created_at: Instant;
}

export interface SiteSettingsTable {
  id: Id;
  name: string;
  logo_file_id: number | null;
  /** 主办单位 */
  sponsor: string | null;
  /** 主管单位 */
  supervisor: string | null;
  copyright: string | null;
  contact: string | null;
  /** ICP备案号 */
  icp_filing: string | null;
  /** 公安备案号 */
  police_filing: string | null;
  /** JSON array of hosts images in article bodies may come from, besides the site itself */
  allowed_image_hosts: Generated<string>;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface DisclaimerTable {
  id: Id;
  name: string;
  body: string;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/**
 * The search index of published articles (migration 0003, server/portal/search): on PostgreSQL this table; on
 * SQLite an FTS5 table of the same name keyed by rowid (= article id) with columns title and body. Both are
 * written and queried with sql`` by search.repository.ts only.
 */
export interface ArticleSearchTable {
  article_id: number;
  /** tsvector of our tokens */
  document: string;
}

export interface PortalTables {
  portal_columns: PortalColumnTable;
  articles: ArticleTable;
  article_columns: ArticleColumnTable;
  article_tags: ArticleTagTable;
  article_revisions: ArticleRevisionTable;
  article_reviews: ArticleReviewTable;
  site_settings: SiteSettingsTable;
  disclaimers: DisclaimerTable;
  article_search: ArticleSearchTable;
}

export type PortalColumn = Selectable<PortalColumnTable>;
export type Article = Selectable<ArticleTable>;
export type ArticleRevision = Selectable<ArticleRevisionTable>;
export type ArticleReview = Selectable<ArticleReviewTable>;
export type SiteSettings = Selectable<SiteSettingsTable>;
export type Disclaimer = Selectable<DisclaimerTable>;
