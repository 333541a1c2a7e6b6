import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../../platform/config.js';
import { AppError, badRequest } from '../../../platform/errors.js';
import { checkXlsxArchive } from './zip-guard.js';

export type RosterFormat = 'xlsx' | 'csv';

/** An uploaded file on local disk (mode 0600), removed by `withUpload` whatever happens. */
export interface Upload {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

/**
 * Uploads being checked and exports being sent live briefly in a folder beside the file store (the data
 * folder, not the shared /tmp), readable by this process only.
 */
export function rosterTempDir(config: Pick<Config, 'fileRoot'>): string {
  return path.join(config.fileRoot, '.roster-tmp');
}

/** A crash leaves its temp file behind; the next use sweeps files older than this. */
const STALE_MS = 60 * 60 * 1000;

const unsupported = (message: string) => new AppError(415, 'unsupported_media_type', message);

/** A fresh path for a temp file (mode 0600 is the writer's job); stale files of crashed runs are swept first. */
export async function tempPath(tempDir: string): Promise<string> {
  await fsp.mkdir(tempDir, { recursive: true, mode: 0o700 });
  const cutoff = Date.now() - STALE_MS;
  for (const entry of await fsp.readdir(tempDir)) {
    const p = path.join(tempDir, entry);
    const st = await fsp.stat(p).catch(() => null);
    if (st && st.mtimeMs < cutoff) await fsp.rm(p, { force: true });
  }
  return path.join(tempDir, crypto.randomBytes(16).toString('hex'));
}

export async function removeTemp(file: string): Promise<void> {
  await fsp.rm(file, { force: true });
}

/**
 * Streams the upload to a temp file while hashing it, runs `fn`, and removes the file afterwards.
 * A file over the multipart size limit is refused (413) and leaves nothing behind.
 */
export async function withUpload<T>(tempDir: string, stream: Readable, name: string, fn: (upload: Upload) => Promise<T>): Promise<T> {
  const file = await tempPath(tempDir);
  try {
    const hash = crypto.createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(stream, tap, fs.createWriteStream(file, { mode: 0o600, flags: 'wx' }));
    if ((stream as Readable & { truncated?: boolean }).truncated) {
      throw new AppError(413, 'too_large', '文件过大，超过允许的上限');
    }
    if (size === 0) throw badRequest('上传的文件是空的', [{ path: 'file', message: '文件为空' }]);
    return await fn({ path: file, name, size, sha256: hash.digest('hex') });
  } finally {
    await removeTemp(file);
  }
}

/** Decides the format from the name, then checks the bytes agree (magic bytes; the xlsx zip directory). */
export async function sniffRoster({ path: file, name }: Pick<Upload, 'path' | 'name'>): Promise<RosterFormat> {
  const ext = path.extname(name).toLowerCase();
  const head = await readHead(file, 4100);
  const isZip = head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const isOle = head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  switch (ext) {
    case '.xlsx':
      if (isOle) throw unsupported('文件扩展名是 .xlsx，但内容是旧版 Excel（.xls）格式，请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
      if (!isZip) throw unsupported('文件扩展名是 .xlsx，但内容不是 xlsx 工作簿，请确认文件后重新选择');
      await checkXlsxArchive(file);
      return 'xlsx';
    case '.csv': {
      // Loaded on first use, not at start: the server's cold start is mostly module loading.
      const { fileTypeFromBuffer } = await import('file-type');
      const detected = await fileTypeFromBuffer(head);
      if (detected || head.includes(0)) {
        throw unsupported(`文件扩展名是 .csv，但内容是二进制文件${detected ? `（${detected.ext}）` : ''}，请确认文件后重新选择`);
      }
      return 'csv';
    }
    case '.xls':
      throw unsupported('不支持旧版 Excel（.xls）格式，请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
    case '.xlsm':
      throw unsupported('不支持含宏的工作簿（.xlsm），请另存为普通的 .xlsx 后再导入');
    default:
      throw unsupported('只支持导入 .xlsx 或 .csv 文件');
  }
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
