/**
 * Clipboard HTML from Word (and WPS, which copies Word's format) carries conditional comments, `o:p` tags,
 * `Mso*` classes and inline styles on everything, and writes lists as paragraphs with a typed bullet in
 * front. The editor's schema would drop the styles anyway, but not turn those paragraphs back into lists:
 * this rebuilds the lists and strips the noise, so headings, lists, bold and tables survive and nothing else.
 */
export function cleanPastedHtml(html: string): string {
  if (!/urn:schemas-microsoft-com|class="?Mso|mso-/i.test(html)) return html;
  // Word's `<![if !supportLists]>` markers parse as comments and go with them; the bullet they wrap stays for listInfo.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('style, meta, link, title, xml, script').forEach((n) => n.remove());
  removeComments(doc.body);
  rebuildLists(doc);
  // Word writes bold as <b>, a heading as <h1>…<h6>, and a table as <table>: those stay; wrappers go.
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    if (el.tagName.includes(':')) {
      unwrap(el);
      continue;
    }
    if (el.tagName === 'SPAN' || el.tagName === 'FONT') {
      const bold = /font-weight:\s*(bold|[6-9]00)/i.test(el.getAttribute('style') ?? '');
      if (bold) {
        const b = doc.createElement('strong');
        b.append(...Array.from(el.childNodes));
        el.replaceWith(b);
      } else unwrap(el);
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      if (!['href', 'src', 'alt', 'colspan', 'rowspan'].includes(attr.name)) el.removeAttribute(attr.name);
    }
  }
  return doc.body.innerHTML;
}

function removeComments(root: Node): void {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
}

function unwrap(el: Element): void {
  el.replaceWith(...Array.from(el.childNodes));
}

/** A Word list item: a paragraph styled `mso-list:lN levelM`, its bullet in a span marked `mso-list:Ignore`. */
function listInfo(el: Element): { level: number; ordered: boolean } | null {
  if (el.tagName !== 'P') return null;
  const style = el.getAttribute('style') ?? '';
  const m = /mso-list:\s*l\d+\s+level(\d+)/i.exec(style);
  if (!m) return null;
  const marker = el.querySelector('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]');
  const text = (marker?.textContent ?? '').trim();
  marker?.remove();
  return { level: Number(m[1]), ordered: /^[(（]?[0-9一二三四五六七八九十a-zA-Z]+[.、)）]/.test(text) };
}

function rebuildLists(doc: Document): void {
  const paragraphs = Array.from(doc.body.querySelectorAll('p'));
  let stack: HTMLElement[] = [];
  let previous: Element | null = null;
  for (const p of paragraphs) {
    const info = listInfo(p);
    if (!info) {
      stack = [];
      previous = p;
      continue;
    }
    // A list continues only across adjacent paragraphs; anything in between starts a new one.
    if (previous === null || previous.nextElementSibling !== p || stack.length === 0) stack = [];
    while (stack.length > info.level) stack.pop();
    while (stack.length < info.level) {
      const list = doc.createElement(info.ordered ? 'ol' : 'ul');
      if (stack.length === 0) p.before(list);
      else (stack[stack.length - 1].lastElementChild ?? stack[stack.length - 1]).append(list);
      stack.push(list);
    }
    const li = doc.createElement('li');
    li.append(...Array.from(p.childNodes));
    stack[stack.length - 1].append(li);
    p.remove();
    // the list now stands where the paragraph was: the next item continues it only if it follows the list
    previous = stack[0];
  }
}
