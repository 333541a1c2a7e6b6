import type { PortalColumn } from '../../platform/db/schema-portal.js';
import { escapeHtml as x } from './html.js';
import { articlePath, columnPath, siteName, type Frame } from './site.pages.js';
import type { ArticleCard } from './site.repository.js';

/** RSS 2.0 of a column's newest published articles. */
export function articleFeed(f: Frame, column: PortalColumn, items: ArticleCard[]): string {
  const link = f.origin + columnPath(column);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${x(`${column.name} - ${siteName(f)}`)}</title>
<link>${x(link)}</link>
<atom:link href="${x(`${link}/rss.xml`)}" rel="self" type="application/rss+xml"/>
<description>${x(`${siteName(f)}「${column.name}」栏目`)}</description>
<language>zh-cn</language>
${items.map((a) => `<item>
<title>${x(a.title)}</title>
<link>${x(f.origin + articlePath(a.id))}</link>
<guid isPermaLink="true">${x(f.origin + articlePath(a.id))}</guid>
<pubDate>${new Date(a.published_at).toUTCString()}</pubDate>
${a.summary ? `<description>${x(a.summary)}</description>` : ''}
</item>`).join('\n')}
</channel>
</rss>
`;
}

/** sitemaps.org: the home page, every visible column and the newest published articles. */
export function sitemap(origin: string, columns: PortalColumn[], articles: Array<{ id: number; updated_at: string }>): string {
  const url = (loc: string, lastmod?: string) => `<url><loc>${x(origin + loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[url('/'), ...columns.map((c) => url(columnPath(c))), ...articles.map((a) => url(articlePath(a.id), a.updated_at))].join('\n')}
</urlset>
`;
}
