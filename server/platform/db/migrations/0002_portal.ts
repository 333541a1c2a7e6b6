import type { AnyKysely } from '../columns.js';
import { withId, withVersion } from '../columns.js';
import type { Dialect } from '../database.js';

/** Portal content: columns, articles with their revisions and reviews, site settings, disclaimer templates. */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  const s = db.schema;

  await withVersion(withId(s.createTable('portal_columns'), dialect)
    .addColumn('parent_id', 'integer', (c) => c.references('portal_columns.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('review_levels', 'integer', (c) => c.notNull().defaultTo(1))).execute();
  await s.createIndex('portal_columns_parent_idx').on('portal_columns').column('parent_id').execute();
  await s.createIndex('portal_columns_org_idx').on('portal_columns').column('org_id').execute();

  await withVersion(withId(s.createTable('disclaimers'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())).execute();

  await withVersion(withId(s.createTable('articles'), dialect)
    .addColumn('column_id', 'integer', (c) => c.notNull().references('portal_columns.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('summary', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('cover_file_id', 'integer', (c) => c.references('stored_files.id'))
    .addColumn('published_at', 'text')
    .addColumn('source', 'text')
    .addColumn('author', 'text')
    .addColumn('original_url', 'text')
    .addColumn('disclaimer_id', 'integer', (c) => c.references('disclaimers.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('review_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('withdrawn_at', 'text')).execute();
  await s.createIndex('articles_state_published_idx').on('articles').columns(['state', 'published_at']).execute();
  await s.createIndex('articles_column_idx').on('articles').column('column_id').execute();
  await s.createIndex('articles_org_idx').on('articles').column('org_id').execute();

  await s.createTable('article_columns')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('portal_columns.id'))
    .addPrimaryKeyConstraint('article_columns_pk', ['article_id', 'column_id']).execute();
  await s.createIndex('article_columns_column_idx').on('article_columns').column('column_id').execute();

  await s.createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag']).execute();
  await s.createIndex('article_tags_tag_idx').on('article_tags').column('tag').execute();

  await withId(s.createTable('article_revisions'), dialect)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('summary', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_revisions_uq', ['article_id', 'revision']).execute();

  await withId(s.createTable('article_reviews'), dialect)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await s.createIndex('article_reviews_article_idx').on('article_reviews').column('article_id').execute();

  // One row (id 1): the site's identity and the footer every public page shows.
  await withVersion(withId(s.createTable('site_settings'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('logo_file_id', 'integer', (c) => c.references('stored_files.id'))
    .addColumn('sponsor', 'text')
    .addColumn('supervisor', 'text')
    .addColumn('copyright', 'text')
    .addColumn('contact', 'text')
    .addColumn('icp_filing', 'text')
    .addColumn('police_filing', 'text')
    .addColumn('allowed_image_hosts', 'text', (c) => c.notNull().defaultTo('[]'))).execute();
}
