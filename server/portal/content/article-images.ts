import { badRequest } from '../../platform/errors.js';

/*
 * Article images for the web: the body shows a copy at most WEB_WIDTH wide, home-page covers and phones a
 * THUMBNAIL_WIDTH one. Both are re-encoded, which drops every piece of metadata the camera wrote (EXIF with the
 * GPS position, the maker's notes, XMP) after turning the picture upright by its EXIF orientation. The original
 * is kept as uploaded for the editors, never for the public (content/portal-content.ts).
 */
export const WEB_WIDTH = 1600;
export const THUMBNAIL_WIDTH = 480;
/** Pixels decoded at most: a small file can declare a huge canvas (a decompression bomb). */
const MAX_PIXELS = 40_000_000;

export const webImageTypes = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export type WebImageType = (typeof webImageTypes)[number];

export interface Rendition {
  bytes: Buffer;
  mime: WebImageType;
  ext: string;
  width: number;
  height: number;
}

const extensions: Record<WebImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

/** sharp (libvips) is loaded on the first image, so a start of the server does not pay for it. */
let loading: Promise<typeof import('sharp')> | undefined;
const loadSharp = () => (loading ??= import('sharp'));

/** The web and thumbnail copies of an image whose type has been sniffed from its bytes. */
export async function renditionsOf(bytes: Buffer, mime: WebImageType): Promise<{ web: Rendition; thumbnail: Rendition }> {
  const { default: sharp } = await loadSharp();
  // An animated GIF stays animated; sharp reads every frame only when asked to.
  const input = () => sharp(bytes, { animated: mime === 'image/gif', limitInputPixels: MAX_PIXELS }).autoOrient();
  const encode = async (width: number): Promise<Rendition> => {
    let image = input().resize({ width, withoutEnlargement: true });
    if (mime === 'image/jpeg') image = image.jpeg({ quality: 82, mozjpeg: true });
    else if (mime === 'image/png') image = image.png({ compressionLevel: 9, adaptiveFiltering: true });
    else if (mime === 'image/webp') image = image.webp({ quality: 82 });
    else image = image.gif();
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { bytes: data, mime, ext: extensions[mime], width: info.width, height: info.pageHeight ?? info.height };
  };
  try {
    const [web, thumbnail] = await Promise.all([encode(WEB_WIDTH), encode(THUMBNAIL_WIDTH)]);
    return { web, thumbnail };
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/pixel limit/i.test(message)) {
      throw badRequest('图片像素过多，请缩小后再上传', [{ path: 'file', message: `文件：图片不得超过 ${MAX_PIXELS / 1_000_000} 百万像素` }]);
    }
    throw badRequest('图片文件已损坏，无法读取', [{ path: 'file', message: '文件：图片无法读取' }]);
  }
}
