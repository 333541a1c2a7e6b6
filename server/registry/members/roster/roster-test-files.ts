import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvField } from './roster-writer.js';

/** Builders of roster files for tests: every file is generated in the test, none is committed. */

export type CellInput = string | number | Date | { formula: string } | null;

export interface XlsxOptions {
  /** a title merged across the header's width, above it */
  title?: string;
  /** blank rows between the title and the header, and after every third data row */
  blankRows?: boolean;
  /** cell number formats by 1-based column, e.g. '@' for text */
  numFmt?: Record<number, string>;
  /** false: text written inline in the worksheet rather than in the shared strings (as some exporters do) */
  sharedStrings?: boolean;
}

export async function xlsxFile(header: string[], rows: CellInput[][], opts: XlsxOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  if (opts.title) {
    ws.addRow([opts.title]);
    ws.mergeCells(1, 1, 1, header.length);
    if (opts.blankRows) ws.addRow([]);
  }
  ws.addRow(header);
  rows.forEach((r, i) => {
    const row = ws.addRow(r.map((v) => (v && typeof v === 'object' && 'formula' in v ? { formula: v.formula, result: 42 } : v)));
    for (const [col, fmt] of Object.entries(opts.numFmt ?? {})) row.getCell(Number(col)).numFmt = fmt;
    if (opts.blankRows && i % 3 === 2) ws.addRow([]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: opts.sharedStrings ?? true }));
}

export type CsvEncoding = 'utf8' | 'utf8-bom' | 'gbk';

export function csvFile(lines: (string | null)[][], encoding: CsvEncoding = 'utf8'): Buffer {
  const text = lines.map((l) => l.map((v) => csvField(v ?? '')).join(',')).join('\r\n') + '\r\n';
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.concat([encoding === 'utf8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

export interface ZipEntrySpec {
  name: string;
  /** stored bytes (deflated unless `stored`) */
  data: Buffer;
  uncompressedSize: number;
  stored?: boolean;
  /** unix mode in the external attributes, e.g. 0o120777 for a symbolic link */
  unixMode?: number;
}

/** A minimal zip writer, so tests can build archives exceljs would never write (bombs, escaping names, links). */
export function zipFile(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.unixMode ? 0x0314 : 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.unixMode ? (e.unixMode << 16) >>> 0 : 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export function deflated(name: string, text: string): ZipEntrySpec {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: zlib.deflateRawSync(raw), uncompressedSize: raw.length };
}

/**
 * An entry that inflates to `megabytes` MB of zeros from about a thousandth of that: one fully flushed
 * deflate segment of 1 MB of zeros, repeated (each segment is byte-aligned and self-contained), then a final
 * empty block.
 */
export function zerosEntry(name: string, megabytes: number): ZipEntrySpec {
  const segment = zlib.deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const tail = zlib.deflateRawSync(Buffer.alloc(0));
  const data = Buffer.concat([...Array.from({ length: megabytes }, () => segment), tail]);
  return { name, data, uncompressedSize: Math.min(megabytes * 1024 * 1024, 0xffffffff) };
}

/** A multipart/form-data body carrying one file in the field `file`, for `app.inject`. */
export function multipart(bytes: Buffer, fileName: string, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----hongyan${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n',
  );
  return { payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
