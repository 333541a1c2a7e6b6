import type { PortalColumn, SiteSettings } from '../../platform/db/schema-portal.js';
import { html, raw, type Html } from './html.js';
import { printCss, screenCss } from './site.css.js';
import type { ArticleCard, PublicArticle } from './site.repository.js';
import type { SearchHit } from '../search/search.service.js';
import { THUMBNAIL_WIDTH, WEB_WIDTH } from '../content/article-images.js';

/* The public site's pages: plain server-rendered HTML, no script; every value is escaped by html`` unless raw(). */

export interface Frame {
  settings: SiteSettings | undefined;
  /** visible top-level columns, in order */
  nav: PortalColumn[];
  /** absolute origin (scheme://host) for canonical and Open Graph addresses */
  origin: string;
}

export interface PageHead {
  title: string;
  path: string;
  description?: string | null;
  /** Open Graph: 'article' pages carry their publication time and cover */
  article?: { publishedAt: string; image: string | null };
  activeColumnId?: number;
  feed?: { title: string; path: string };
  /** search results and error pages stay out of search engines */
  noindex?: boolean;
}

export const siteName = (f: Frame) => f.settings?.name ?? '红雁党建';
export const mediaPath = (fileId: number) => `/media/${fileId}`;
export const articlePath = (id: number) => `/article/${id}`;
export const columnPath = (c: Pick<PortalColumn, 'slug'>) => `/column/${encodeURIComponent(c.slug)}`;
export const tagPath = (tag: string) => `/tag/${encodeURIComponent(tag)}`;

/**
 * 发布时间 as readers of Chinese sites expect it, in Beijing time. China has kept UTC+8 without daylight saving
 * since 1991, so a fixed offset is exact here and avoids a time-zone lookup per date (lists show dozens per page).
 */
const BEIJING_MS = 8 * 3_600_000;
const beijing = (iso: string) => new Date(Date.parse(iso) + BEIJING_MS).toISOString();
export const displayTime = (iso: string) => beijing(iso).slice(0, 16).replace('T', ' ');
export const displayDate = (iso: string) => beijing(iso).slice(0, 10);

export function layout(f: Frame, head: PageHead, content: Html): string {
  const name = siteName(f);
  const title = head.title === name ? name : `${head.title} - ${name}`;
  const url = f.origin + head.path;
  const s = f.settings;
  return `<!DOCTYPE html>\n${html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head.description ? html`<meta name="description" content="${head.description}">` : ''}
${head.noindex ? html`<meta name="robots" content="noindex">` : html`<link rel="canonical" href="${url}">`}
<meta property="og:site_name" content="${name}">
<meta property="og:title" content="${head.title}">
<meta property="og:type" content="${head.article ? 'article' : 'website'}">
<meta property="og:url" content="${url}">
<meta property="og:locale" content="zh_CN">
${head.description ? html`<meta property="og:description" content="${head.description}">` : ''}
${head.article?.image ? html`<meta property="og:image" content="${f.origin + head.article.image}">` : ''}
${head.article ? html`<meta property="article:published_time" content="${head.article.publishedAt}">` : ''}
${head.feed ? html`<link rel="alternate" type="application/rss+xml" title="${head.feed.title}" href="${head.feed.path}">` : ''}
<link rel="stylesheet" href="${screenCss.path}">
<link rel="stylesheet" href="${printCss.path}" media="print">
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="masthead"><div class="wrap">
${s?.logo_file_id ? html`<img src="${mediaPath(s.logo_file_id)}" alt="">` : ''}
<a class="site-name" href="/">${name}</a>
<form class="search-box" action="/search" method="get" role="search"><input type="search" name="q" placeholder="站内搜索" aria-label="站内搜索"><button type="submit">搜索</button></form>
</div></header>
<nav class="nav" aria-label="栏目"><ul>
<li><a href="/"${head.path === '/' ? raw(' aria-current="page"') : ''}>首页</a></li>
${f.nav.map((c) => html`<li><a href="${columnPath(c)}"${c.id === head.activeColumnId ? raw(' aria-current="page"') : ''}>${c.name}</a></li>`)}
</ul></nav>
<main id="main"><div class="wrap">
${content}
</div></main>
${footer(f)}
</body>
</html>`}`;
}

function footer(f: Frame): Html {
  const s = f.settings;
  const runBy = [s?.sponsor && `${s.sponsor} 主办`, s?.supervisor && `${s.supervisor} 主管`].filter(Boolean).join(' | ');
  return html`<footer><div class="wrap">
${runBy ? html`<p>${runBy}</p>` : ''}
${s?.copyright ? html`<p>${s.copyright}</p>` : ''}
${s?.contact ? html`<p>${s.contact}</p>` : ''}
${s?.icp_filing || s?.police_filing ? html`<p>${s?.icp_filing ? html`<a href="https://beian.miit.gov.cn/" rel="noopener">${s.icp_filing}</a>` : ''}${s?.icp_filing && s?.police_filing ? ' ' : ''}${s?.police_filing ? html`<a href="https://beian.mps.gov.cn/" rel="noopener">${s.police_filing}</a>` : ''}</p>` : ''}
</div></footer>`;
}

export interface Crumb {
  name: string;
  href?: string;
}

export function breadcrumb(trail: Crumb[]): Html {
  return html`<nav class="crumbs" aria-label="当前位置">当前位置：<ol>
<li><a href="/">首页</a></li>
${trail.map((c) => html`<li>${c.href ? html`<a href="${c.href}">${c.name}</a>` : html`<span aria-current="page">${c.name}</span>`}</li>`)}
</ol></nav>`;
}

export function articleList(items: ArticleCard[], wide = false): Html {
  if (items.length === 0) return html`<p class="summary-line">暂无文章</p>`;
  return html`<ul class="list${wide ? ' wide' : ''}">${items.map((a) => html`
<li><a href="${articlePath(a.id)}">${a.title}</a>${wide && a.summary ? html`<p>${a.summary}</p>` : ''}<time datetime="${a.published_at}">${displayDate(a.published_at)}</time></li>`)}
</ul>`;
}

export function pager(path: string, page: number, pageSize: number, total: number, extra: Record<string, string> = {}): Html {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return html``;
  const href = (p: number) => `${path}?${new URLSearchParams({ ...extra, ...(p > 1 ? { page: String(p) } : {}) }).toString()}`.replace(/\?$/, '');
  const from = Math.max(1, page - 4);
  const to = Math.min(pages, from + 8);
  const numbers: Html[] = [];
  for (let p = from; p <= to; p++) {
    numbers.push(p === page ? html`<span aria-current="page">${p}</span>` : html`<a href="${href(p)}">${p}</a>`);
  }
  return html`<nav class="pager" aria-label="分页">
${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">上一页</a>` : ''}
${numbers}
${page < pages ? html`<a href="${href(page + 1)}" rel="next">下一页</a>` : ''}
<span>共 ${pages} 页</span>
</nav>`;
}

export interface HomeSection {
  column: PortalColumn;
  items: ArticleCard[];
}

export function homePage(f: Frame, covers: Array<ArticleCard & { cover_thumbnail_id: number | null }>, sections: HomeSection[]): string {
  // The slider is a scroll-snapping strip with anchor dots: it slides with a finger, a wheel or the dots, no script.
  const slider = covers.length === 0 ? html`` : html`<section class="slider" aria-label="图片新闻">
<div class="slides">${covers.map((a, i) => html`
<figure class="slide" id="slide-${i + 1}"><img src="${mediaPath(a.cover_file_id!)}"${a.cover_thumbnail_id ? html` srcset="${mediaPath(a.cover_thumbnail_id)} ${THUMBNAIL_WIDTH}w, ${mediaPath(a.cover_file_id!)} ${WEB_WIDTH}w" sizes="(max-width: 640px) 100vw, 1120px"` : ''} alt="" ${i > 0 ? raw('loading="lazy"') : ''}><a href="${articlePath(a.id)}">${a.title}</a></figure>`)}
</div>
${covers.length > 1 ? html`<div class="dots">${covers.map((a, i) => html`<a href="#slide-${i + 1}">第${i + 1}张：${a.title}</a>`)}</div>` : ''}
</section>`;
  return layout(f, { title: siteName(f), path: '/', description: f.settings?.name ?? null }, html`${slider}
<div class="grid">${sections.map((s) => html`
<section class="panel"><h2><a href="${columnPath(s.column)}">${s.column.name}</a><a class="more" href="${columnPath(s.column)}">更多</a></h2>
${articleList(s.items)}
</section>`)}
</div>`);
}

export function columnPage(f: Frame, column: PortalColumn, trail: PortalColumn[], children: PortalColumn[], items: ArticleCard[], page: number, pageSize: number, total: number): string {
  const path = columnPath(column);
  return layout(f, {
    title: column.name, path: page > 1 ? `${path}?page=${page}` : path,
    activeColumnId: trail[0]?.id ?? column.id,
    feed: { title: `${column.name} - ${siteName(f)}`, path: `${path}/rss.xml` },
  }, html`${breadcrumb(trail.map((c) => (c.id === column.id ? { name: c.name } : { name: c.name, href: columnPath(c) })))}
<h1 class="page-title">${column.name}</h1>
${children.length ? html`<p class="tags">${children.map((c) => html`<a href="${columnPath(c)}">${c.name}</a>`)}</p>` : ''}
${articleList(items, true)}
${pager(path, page, pageSize, total)}`);
}

export function articlePage(f: Frame, a: PublicArticle, trail: PortalColumn[], tags: string[]): string {
  return layout(f, {
    title: a.title, path: articlePath(a.id), description: a.summary,
    article: { publishedAt: a.published_at, image: a.cover_file_id ? mediaPath(a.cover_file_id) : null },
    activeColumnId: trail[0]?.id,
  }, html`${breadcrumb([...trail.map((c) => ({ name: c.name, href: columnPath(c) })), { name: '正文' }])}
<article>
<h1>${a.title}</h1>
${a.subtitle ? html`<p class="subtitle">${a.subtitle}</p>` : ''}
<p class="meta"><span>发布时间：<time datetime="${a.published_at}">${displayTime(a.published_at)}</time></span>${a.source ? html`<span>来源：${a.source}</span>` : ''}<span>作者：${a.author || '佚名'}</span></p>
<div class="body">${raw(publicImages(a.body_html))}</div>
${a.original_url ? html`<p class="source-link">原文链接：<a href="${a.original_url}" rel="noopener nofollow">${a.original_url}</a></p>` : ''}
${a.disclaimer ? html`<aside class="disclaimer">[免责声明] ${a.disclaimer}</aside>` : ''}
${tags.length ? html`<p class="tags">标签：${tags.map((t) => html`<a href="${tagPath(t)}">${t}</a>`)}</p>` : ''}
</article>`);
}

/**
 * The editor stores the management app's file address (/api/v1/files/:id), which needs a session; readers get
 * the same file from /media/:id, served only while its article is published.
 */
const publicImages = (body: string) => body.replace(/(<img\b[^>]*\ssrc=")\/(?:api\/v1\/)?files\/(\d+)[^"]*"/g, (_, head: string, id: string) => `${head}${mediaPath(Number(id))}"`);

export function tagPage(f: Frame, tag: string, items: ArticleCard[], page: number, pageSize: number, total: number): string {
  return layout(f, { title: `标签：${tag}`, path: tagPath(tag) }, html`${breadcrumb([{ name: `标签：${tag}` }])}
<h1 class="page-title">标签：${tag}</h1>
${articleList(items, true)}
${pager(tagPath(tag), page, pageSize, total)}`);
}

export function searchPage(f: Frame, q: string, { hits, total, more }: { hits: SearchHit[]; total: number; more: boolean }, page: number, pageSize: number): string {
  return layout(f, { title: q ? `搜索：${q}` : '站内搜索', path: '/search', noindex: true }, html`${breadcrumb([{ name: '站内搜索' }])}
<form class="search-form" action="/search" method="get" role="search"><input type="search" name="q" value="${q}" aria-label="搜索词" placeholder="输入两个字以上的词"><button type="submit">搜索</button></form>
${q ? html`<p class="summary-line">找到 ${total} ${more ? '余篇' : '篇'}与“${q}”有关的文章${more ? `，显示最新的 ${total} 篇` : ''}</p>` : ''}
${hits.length ? html`<ul class="list wide search-results">${hits.map((h) => html`
<li><a href="${articlePath(h.id)}">${h.titleHtml}</a><p>${h.snippetHtml}</p><time datetime="${h.published_at}">${displayDate(h.published_at)}</time></li>`)}
</ul>` : ''}
${pager('/search', page, pageSize, total, { q })}`);
}

/** 404, 410 and the like: a notice in the site's frame. */
export function noticePage(f: Frame, title: string, message: string): string {
  return layout(f, { title, path: '/', noindex: true }, html`<section class="notice"><h1>${title}</h1><p>${message}</p><p><a href="/">返回首页</a></p></section>`);
}
