import { useEffect, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Column } from './api';

export interface PreviewArticle {
  title: string;
  subtitle?: string | null;
  body: string;
  source?: string | null;
  author?: string | null;
  originalUrl?: string | null;
  disclaimer?: string | null;
  tags?: string[];
  publishedAt?: string | null;
}

/**
 * The public site's own home page supplies the frame — its stylesheets, masthead, navigation and footer — so
 * the preview cannot drift from the site's look; only the article in the middle is built here, with the
 * markup of the public article page (server/portal/site/site.pages.ts articlePage).
 */
async function fetchSiteFrame(): Promise<string> {
  const res = await fetch('/', { credentials: 'same-origin', headers: { accept: 'text/html' } });
  if (!res.ok) throw new Error(`门户首页无法打开（${res.status}）`);
  return res.text();
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function articleMarkup(a: PreviewArticle, trail: Column[]): string {
  const time = dayjs(a.publishedAt ?? undefined).format('YYYY-MM-DD HH:mm');
  const crumbs = trail.map((c) => `<li><a href="/column/${escapeHtml(c.slug)}">${escapeHtml(c.name)}</a></li>`).join('');
  return `<nav class="crumbs" aria-label="当前位置">当前位置：<ol><li><a href="/">首页</a></li>${crumbs}<li><span aria-current="page">正文</span></li></ol></nav>
<article>
<h1>${escapeHtml(a.title || '（无标题）')}</h1>
${a.subtitle ? `<p class="subtitle">${escapeHtml(a.subtitle)}</p>` : ''}
<p class="meta"><span>发布时间：<time>${time}</time></span>${a.source ? `<span>来源：${escapeHtml(a.source)}</span>` : ''}<span>作者：${escapeHtml(a.author || '佚名')}</span></p>
<div class="body">${a.body}</div>
${a.originalUrl ? `<p class="source-link">原文链接：<a href="${escapeHtml(a.originalUrl)}">${escapeHtml(a.originalUrl)}</a></p>` : ''}
${a.disclaimer ? `<aside class="disclaimer">[免责声明] ${escapeHtml(a.disclaimer)}</aside>` : ''}
${a.tags?.length ? `<p class="tags">标签：${a.tags.map((t) => `<a href="/tag/${encodeURIComponent(t)}">${escapeHtml(t)}</a>`).join('')}</p>` : ''}
</article>`;
}

/**
 * The article as the public page will show it, in a script-less sandboxed frame. The body is the editor's
 * HTML, whose schema allows only what the server's sanitiser keeps.
 */
export function ArticlePreview({ article, trail, height = 640 }: { article: PreviewArticle; trail: Column[]; height?: number }) {
  const frame = useQuery({ queryKey: ['portal', 'site-frame'], queryFn: fetchSiteFrame, staleTime: 5 * 60_000 });
  const [doc, setDoc] = useState<string>('');

  useEffect(() => {
    if (!frame.data) return;
    const page = new DOMParser().parseFromString(frame.data, 'text/html');
    page.querySelectorAll('script').forEach((s) => s.remove());
    const main = page.querySelector('main .wrap') ?? page.querySelector('main');
    if (main) main.innerHTML = articleMarkup(article, trail);
    const active = trail[0] && page.querySelector(`.nav a[href="/column/${CSS.escape(trail[0].slug)}"]`);
    page.querySelectorAll('.nav a[aria-current]').forEach((a) => a.removeAttribute('aria-current'));
    active?.setAttribute('aria-current', 'page');
    // Links open the public site in a new tab instead of navigating the preview away.
    const base = page.createElement('base');
    base.target = '_blank';
    page.head.prepend(base);
    setDoc(`<!DOCTYPE html>${page.documentElement.outerHTML}`);
  }, [frame.data, article, trail]);

  if (frame.error) return <Alert type="error" showIcon message="无法加载门户样式" description={(frame.error as Error).message} />;
  if (!doc) return <Spin description="正在生成预览…"><div style={{ height }} /></Spin>;
  return (
    <iframe
      title="文章预览"
      className="portal-preview"
      sandbox="allow-same-origin allow-popups"
      srcDoc={doc}
      style={{ width: '100%', height, border: '1px solid #d9d9d9', borderRadius: 4, background: '#fff' }}
    />
  );
}
