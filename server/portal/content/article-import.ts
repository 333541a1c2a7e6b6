import { badRequest } from '../../platform/errors.js';
import { htmlToText } from '../site/html.js';
import type { WebImageType } from './article-images.js';
import { imageTypeOf } from './article-images.service.js';

/** What an imported file yields: the fields of a draft, with the images found in it still to be stored. */
export interface ImportedArticle {
  title: string;
  bodyHtml: string;
  source: string | null;
  originalUrl: string | null;
  /** image bytes referenced from bodyHtml as `src="import-image:<index>"` */
  images: Array<{ bytes: Buffer; mime: WebImageType; ext: string }>;
}

export const IMPORT_IMAGE_PREFIX = 'import-image:';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const firstMatch = (html: string, re: RegExp) => re.exec(html)?.[1]?.trim() || null;
/** A title is one line of plain text, whatever markup and line breaks the file had in it. */
const oneLine = (html: string) => htmlToText(html).replace(/\s+/g, ' ');

/**
 * A Word document: mammoth maps Word's paragraph styles to headings, lists, bold and tables and drops the styling
 * noise; the first heading (or paragraph) becomes the title. Images are collected, checked by content, and kept.
 */
async function fromDocx(bytes: Buffer): Promise<ImportedArticle> {
  const images: ImportedArticle['images'] = [];
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.convertToHtml({ buffer: bytes }, {
    convertImage: mammoth.images.imgElement(async (image) => {
      const data = Buffer.from(await image.readAsBuffer());
      const type = await imageTypeOf(data);
      if (!type) return { src: '' };
      images.push({ bytes: data, ...type });
      return { src: `${IMPORT_IMAGE_PREFIX}${images.length - 1}` };
    }),
  });
  const head = /^\s*<(h1|h2|p)>(.*?)<\/\1>/s.exec(value);
  const title = head ? oneLine(head[2]) : '';
  return { title, bodyHtml: head && title ? value.slice(head[0].length) : value, source: null, originalUrl: null, images };
}

/** A saved web page: its charset honoured, the article element (or body) kept, provenance from its meta tags. */
async function fromHtml(bytes: Buffer): Promise<ImportedArticle> {
  const { default: iconv } = await import('iconv-lite');
  const ascii = bytes.toString('latin1');
  const charset = firstMatch(ascii, /<meta[^>]+charset=["']?([\w-]+)/i) ?? 'utf-8';
  const html = iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : bytes.toString('utf8');
  const meta = (prop: string) => firstMatch(html, new RegExp(`<meta[^>]+(?:property|name)=["']${prop}["'][^>]+content=["']([^"']*)["']`, 'i'));
  const rawTitle = meta('og:title') ?? firstMatch(html, /<h1[^>]*>([\s\S]*?)<\/h1>/i) ?? firstMatch(html, /<title[^>]*>([\s\S]*?)<\/title>/i) ?? '';
  const body = firstMatch(html, /<article[^>]*>([\s\S]*?)<\/article>/i) ?? firstMatch(html, /<body[^>]*>([\s\S]*?)<\/body>/i) ?? html;
  const url = meta('og:url') ?? firstMatch(html, /<link[^>]+rel=["']canonical["'][^>]+href=["']([^"']+)["']/i);
  return {
    title: oneLine(rawTitle),
    // The title is shown above the body, so a heading repeating it is dropped.
    bodyHtml: body.replace(/<h1[^>]*>[\s\S]*?<\/h1>/i, ''),
    source: meta('og:site_name'),
    originalUrl: url && /^https?:\/\//i.test(url) ? url : null,
    images: [],
  };
}

/**
 * Reads an uploaded .docx or saved .html page. Remote images of a web page are not fetched (the server makes no
 * requests to addresses a user supplies); the sanitiser keeps those from allowed hosts and drops the rest.
 */
export async function readImport(fileName: string, bytes: Buffer): Promise<ImportedArticle> {
  // Importers are loaded on the first import, not at the server's start (cold start: scripts/build-server.mjs).
  const { fileTypeFromBuffer } = await import('file-type');
  const type = await fileTypeFromBuffer(bytes);
  let out: ImportedArticle;
  if (type?.mime === DOCX_MIME) out = await fromDocx(bytes);
  else if (!type && /\.(html?|htm)$/i.test(fileName)) out = await fromHtml(bytes);
  else throw badRequest('只能导入 Word 文档（.docx）或保存的网页（.html）', [{ path: 'file', message: '文件：仅支持 .docx 或 .html' }]);
  out.title = out.title.slice(0, 200);
  if (!out.title) throw badRequest('未能从文件中识别出标题', [{ path: 'file', message: '文件：未找到标题' }]);
  return out;
}
