import type yauzl from 'yauzl';
import { AppError } from '../../../platform/errors.js';

/** Caps on an xlsx archive, checked on the central directory before anything is inflated (ASVS 5.2.3). */
export interface ZipLimits {
  maxEntries: number;
  maxTotalUncompressed: number;
  maxEntryUncompressed: number;
}

export const xlsxZipLimits: ZipLimits = {
  maxEntries: 1000,
  maxTotalUncompressed: 100 * 1024 * 1024,
  maxEntryUncompressed: 100 * 1024 * 1024,
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const MADE_BY_UNIX = 3;

// Expanding beyond the caps is "too large" (413); names escaping the archive or links are malformed input (400).
const tooLarge = (message: string) => new AppError(413, 'archive_too_large', message);
const unsafe = (message: string) => new AppError(400, 'unsafe_archive', message);
const notXlsx = (message: string) => new AppError(415, 'unsupported_media_type', message);

/**
 * Reads the zip's central directory first and refuses, before inflating anything, archives that would
 * expand beyond the caps, that name paths outside the archive, hold symbolic links, or are not a plain
 * xlsx workbook (macro-enabled workbooks carry `xl/vbaProject.bin`). Then it inflates each entry once,
 * discarding the bytes, to prove the declared sizes true: a directory that understates an entry is refused
 * as soon as the entry passes its declared size, so the parser never meets more than the caps allow.
 */
export async function checkXlsxArchive(file: string, limits: ZipLimits = xlsxZipLimits): Promise<void> {
  let zip: yauzl.ZipFile;
  // Loaded on first use, not at start: the server's cold start is mostly module loading.
  const { default: unzip } = await import('yauzl');
  try {
    zip = await unzip.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch {
    throw notXlsx('文件不是有效的 xlsx 工作簿（无法读取压缩目录），请用 Excel 或 WPS 另存为 .xlsx 后再导入');
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw tooLarge(`xlsx 文件内部包含 ${zip.entryCount} 个条目，超过上限 ${limits.maxEntries}，疑似异常文件，已拒绝`);
    }
    let total = 0;
    const entries: yauzl.Entry[] = [];
    let hasWorkbook = false;
    let hasContentTypes = false;
    for await (const entry of zip.eachEntry()) {
      const name = unzip.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const problem = unsafeName(name);
      if (problem) throw unsafe(`xlsx 文件内部条目名称不安全（${problem}），已拒绝`);
      const madeBy = entry.versionMadeBy >> 8;
      if (madeBy === MADE_BY_UNIX && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        throw unsafe('xlsx 文件内部包含符号链接，已拒绝');
      }
      if (entry.uncompressedSize > limits.maxEntryUncompressed) {
        throw tooLarge(`xlsx 文件内部条目解压后过大（超过 ${mb(limits.maxEntryUncompressed)}），疑似压缩炸弹，已拒绝`);
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalUncompressed) {
        throw tooLarge(`xlsx 文件解压后总大小超过 ${mb(limits.maxTotalUncompressed)}，疑似压缩炸弹，已拒绝`);
      }
      entries.push(entry);
      if (name === 'xl/vbaProject.bin') throw notXlsx('不支持含宏的工作簿（.xlsm），请另存为普通的 .xlsx 后再导入');
      if (name === 'xl/workbook.xml') hasWorkbook = true;
      if (name === '[Content_Types].xml') hasContentTypes = true;
    }
    if (!hasWorkbook || !hasContentTypes) {
      throw notXlsx('文件是压缩包但不是 xlsx 工作簿，请用 Excel 或 WPS 另存为 .xlsx 后再导入');
    }
    for (const entry of entries) await proveDeclaredSize(zip, entry);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notXlsx('xlsx 文件已损坏，无法读取压缩目录，请重新保存后再导入');
  } finally {
    zip.close();
  }
}

async function proveDeclaredSize(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  try {
    // validateEntrySizes makes the stream fail once it yields more (or fewer) bytes than declared.
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) void chunk;
  } catch {
    throw tooLarge('xlsx 文件内部条目的实际大小与压缩目录声明的不符，疑似压缩炸弹，已拒绝');
  }
}

function unsafeName(name: string): string | null {
  if (name.includes('\\')) return '含反斜杠';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return '绝对路径';
  if (name.split('/').includes('..')) return '含 ..';
  if (name.includes('\0')) return '含空字符';
  return null;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
