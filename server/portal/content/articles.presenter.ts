import type { z } from 'zod';
import type { ArticleListRow, ArticleRecord, ReviewRow, RevisionRow } from './articles.repository.js';
import type { StoredImage } from './article-images.service.js';
import type { articleImageSchema, articleListItem, articleSchema, revisionSchema } from './articles.schemas.js';

export function presentArticleListItem(a: ArticleListRow): z.infer<typeof articleListItem> {
  return {
    id: a.id, title: a.title, columnId: a.column_id, columnName: a.column_name, orgId: a.org_id, state: a.state,
    reviewLevel: a.review_level, reviewLevels: a.review_levels, publishedAt: a.published_at, source: a.source,
    author: a.author, revision: a.revision, createdBy: a.created_by, version: a.version, createdAt: a.created_at, updatedAt: a.updated_at,
  };
}

export function presentArticle(a: ArticleRecord, reviews: ReviewRow[]): z.infer<typeof articleSchema> {
  return {
    ...presentArticleListItem(a),
    subtitle: a.subtitle, summary: a.summary, body: a.body_html, columnIds: a.column_ids, coverFileId: a.cover_file_id,
    originalUrl: a.original_url, disclaimerId: a.disclaimer_id, tags: a.tags, withdrawnAt: a.withdrawn_at,
    reviews: reviews.map((r) => ({
      level: r.level, revision: r.revision, reviewerId: r.reviewer_id, reviewerName: r.reviewer_name,
      decision: r.decision, comment: r.comment, createdAt: r.created_at,
    })),
  };
}

export function presentRevision(r: RevisionRow): z.infer<typeof revisionSchema> {
  return {
    revision: r.revision, title: r.title, subtitle: r.subtitle, summary: r.summary, body: r.body_html,
    meta: JSON.parse(r.meta) as Record<string, unknown>, userId: r.user_id, userName: r.user_name, createdAt: r.created_at,
  };
}

export function presentArticleImage(s: StoredImage): z.infer<typeof articleImageSchema> {
  return {
    id: s.image.id, url: `/api/v1/files/${s.image.id}`, name: s.image.name, contentType: s.image.content_type,
    width: s.width, height: s.height, thumbnailId: s.thumbnail.id, originalId: s.original.id,
  };
}
