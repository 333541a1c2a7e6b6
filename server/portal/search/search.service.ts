import type { Executor } from '../../platform/db/database.js';
import { htmlToText, raw, type Html } from '../site/html.js';
import { readArticleTexts } from '../site/site.repository.js';
import { highlight, snippet } from './highlight.js';
import { searchPublished } from './search.repository.js';
import { parseQuery } from './tokenizer.js';

export interface SearchHit {
  id: number;
  titleHtml: Html;
  snippetHtml: Html;
  published_at: string;
}

/** One page of published articles matching `q`, the matched words marked in the title and a passage of the body. */
export async function searchSite(db: Executor, q: string, page: number, pageSize: number): Promise<{ hits: SearchHit[]; total: number; more: boolean }> {
  const phrases = parseQuery(q);
  const { ids, total, more } = await searchPublished(db, phrases, pageSize, (page - 1) * pageSize);
  const articles = await readArticleTexts(db, ids);
  const hits = articles.map((a) => {
    const title = a.subtitle ? `${a.title}——${a.subtitle}` : a.title;
    const body = `${a.summary ?? ''} ${htmlToText(a.body_html)}`.trim();
    return {
      id: a.id,
      titleHtml: raw(highlight(title, phrases)),
      snippetHtml: raw(snippet(body, phrases)),
      published_at: a.published_at,
    };
  });
  return { hits, total, more };
}
