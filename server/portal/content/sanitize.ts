import sanitizeHtml from 'sanitize-html';

export interface SanitizeOptions {
  /** hosts (besides the site itself) images may come from, e.g. a government image CDN */
  allowedImageHosts: readonly string[];
}

/** Images stored through the file store, served by the API or the public site. */
const siteImagePath = /^\/(api\/v1\/)?files\/\d+(\/[\w.-]*)?(\?[\w=&.-]*)?$/;

function imageAllowed(src: string | undefined, hosts: readonly string[]): boolean {
  if (!src) return false;
  if (siteImagePath.test(src)) return true;
  let url: URL;
  try { url = new URL(src); } catch { return false; }
  return (url.protocol === 'https:' || url.protocol === 'http:') && hosts.includes(url.hostname.toLowerCase());
}

/**
 * The one allow-list for article bodies (editor saves, imports, demo data). What is not listed is dropped:
 * no script or style elements, no event handler attributes, no SVG or MathML, no iframes or forms. Links
 * may use http(s) and mailto only (sanitize-html decodes entities before checking the scheme, so encoded
 * `javascript:` is caught); inline style keeps text alignment only, which rules out CSS expressions and
 * url(); images must come from the site's file store or an allowed host.
 */
export function sanitizeArticleHtml(html: string, opts: SanitizeOptions): string {
  const hosts = opts.allowedImageHosts.map((h) => h.toLowerCase());
  return sanitizeHtml(html, {
    allowedTags: [
      'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'div', 'span',
      'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption',
      'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
    ],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      col: ['span'],
      ol: ['start'],
      '*': ['style'],
    },
    allowedStyles: { '*': { 'text-align': [/^(left|right|center|justify)$/] } },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // A heading level 1 belongs to the page's title; the body's own h1 becomes h2.
    transformTags: { h1: 'h2' },
    exclusiveFilter: (frame) => frame.tag === 'img' && !imageAllowed(frame.attribs.src, hosts),
  }).trim();
}
