import { escapeHtml } from '../site/html.js';
import { tokenRuns, type QueryPhrase } from './tokenizer.js';

type Span = [start: number, end: number];

/** Where the query's phrases occur in a text, found with the tokenizer that built the index. */
export function matchSpans(text: string, phrases: QueryPhrase[]): Span[] {
  const spans: Span[] = [];
  const runs = tokenRuns(text);
  for (const phrase of phrases) {
    const [first] = phrase.tokens;
    for (const run of runs) {
      for (let i = 0; i < run.length; i++) {
        if (phrase.prefix) {
          if (run[i].text.startsWith(first)) spans.push([run[i].start, run[i].start + first.length]);
          continue;
        }
        if (i + phrase.tokens.length > run.length) break;
        if (phrase.tokens.every((t, k) => run[i + k].text === t)) spans.push([run[i].start, run[i + phrase.tokens.length - 1].end]);
      }
    }
  }
  return merge(spans);
}

function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/** HTML of `text` with every match wrapped in <mark>; everything else escaped. */
export function highlight(text: string, phrases: QueryPhrase[]): string {
  return marked(text, matchSpans(text, phrases), 0, text.length);
}

function marked(text: string, spans: Span[], from: number, to: number): string {
  let html = '';
  let at = from;
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue;
    const start = Math.max(s, from);
    const end = Math.min(e, to);
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at, to));
}

/**
 * A passage of about `length` characters around the first match, with the matches marked; the start of the text
 * when nothing matches (a title-only hit).
 */
export function snippet(text: string, phrases: QueryPhrase[], length = 120): string {
  const spans = matchSpans(text, phrases);
  const first = spans[0]?.[0] ?? 0;
  const from = clampToChar(text, Math.max(0, first - Math.floor(length / 3)));
  const to = clampToChar(text, Math.min(text.length, from + length));
  return `${from > 0 ? '…' : ''}${marked(text, spans, from, to)}${to < text.length ? '…' : ''}`;
}

/** Never cut a surrogate pair in half. */
function clampToChar(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xdc00 && code <= 0xdfff ? i - 1 : i;
}
