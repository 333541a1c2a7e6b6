import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import { badRequest } from '../../../platform/errors.js';
import { cellText, type RawCell } from './roster-cells.js';
import { MIN_HEADER_MATCHES, fieldOfHeader, requiredFields, rosterColumns, type RosterField } from './roster-columns.js';
import type { RosterFormat } from './roster-files.js';
import { workbookReader } from './xlsx-stream.js';

/** One line of the sheet: `rowNo` is the row number the spreadsheet program shows. */
export interface SheetRow {
  rowNo: number;
  cells: (RawCell | undefined)[];
}

export interface RosterColumn {
  index: number;
  field: RosterField;
  /** the header text as the file writes it, for messages */
  header: string;
}

export interface RosterSheet {
  headerRowNo: number;
  columns: RosterColumn[];
  /** data rows after the header, blank rows left out */
  rows: AsyncGenerator<RosterRecord>;
}

export interface RosterRecord {
  rowNo: number;
  cells: Partial<Record<RosterField, RawCell>>;
}

/** Rows above the header (titles, notes, blank lines) that are searched for it. */
const HEADER_SEARCH_ROWS = 30;

/**
 * Opens a roster: finds the header row (the first row naming enough known columns, so a merged title row
 * above it is skipped), maps columns to fields, and streams the data rows.
 */
export async function openRoster(file: string, format: RosterFormat): Promise<RosterSheet> {
  const source = format === 'xlsx' ? xlsxRows(file) : csvRows(file, await detectEncoding(file));
  let header: { rowNo: number; columns: RosterColumn[] } | undefined;
  for (let seen = 0; seen < HEADER_SEARCH_ROWS; seen++) {
    const next = await source.next();
    if (next.done) break;
    const columns = headerColumns(next.value.cells);
    if (new Set(columns.map((c) => c.field)).size >= MIN_HEADER_MATCHES) {
      header = { rowNo: next.value.rowNo, columns };
      break;
    }
  }
  if (!header) {
    await source.return(undefined);
    throw badRequest(`未在前 ${HEADER_SEARCH_ROWS} 行找到表头行：表头应包含“姓名”“身份证号”“所在党组织”等列，可下载导入模板对照`, [
      { path: 'file', message: '未找到表头行' },
    ]);
  }
  const present = new Set(header.columns.map((c) => c.field));
  const missing = requiredFields.filter((f) => !present.has(f));
  if (missing.length) {
    await source.return(undefined);
    const names = missing.map((f) => `“${rosterColumns[f].header}”`).join('、');
    throw badRequest(`表头（第 ${header.rowNo} 行）缺少必需的列：${names}`, missing.map((f) => ({ path: f, message: `缺少“${rosterColumns[f].header}”列`, row: header.rowNo })));
  }
  return { headerRowNo: header.rowNo, columns: header.columns, rows: records(source, header.columns) };
}

function headerColumns(cells: (RawCell | undefined)[]): RosterColumn[] {
  const columns: RosterColumn[] = [];
  cells.forEach((cell, index) => {
    const text = cellText(cell);
    const field = text ? fieldOfHeader(text) : undefined;
    // The first column naming a field wins ("手机号码" and "联系电话" side by side: the first is read).
    if (text && field && !columns.some((c) => c.field === field)) columns.push({ index, field, header: text });
  });
  return columns;
}

async function* records(source: AsyncGenerator<SheetRow>, columns: RosterColumn[]): AsyncGenerator<RosterRecord> {
  for await (const row of source) {
    const cells: Partial<Record<RosterField, RawCell>> = {};
    let blank = true;
    for (const c of columns) {
      const cell = row.cells[c.index];
      if (cell && cellText(cell) !== null) {
        cells[c.field] = cell;
        blank = false;
      }
    }
    if (!blank) yield { rowNo: row.rowNo, cells };
  }
}

/** Styles are read only to tell date cells from numbers. */
export const XLSX_READ_OPTIONS = {
  worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
} as const;

/**
 * The first visible worksheet, through exceljs's streaming reader: rows are parsed as they are inflated,
 * so memory stays bounded whatever the row count.
 */
async function* xlsxRows(file: string): AsyncGenerator<SheetRow> {
  const input = fs.createReadStream(file);
  const workbook = await workbookReader(input, XLSX_READ_OPTIONS);
  const sheets = workbook[Symbol.asyncIterator]();
  try {
    for (let s = await sheets.next(); !s.done; s = await sheets.next()) {
      if ((s.value as unknown as { state?: string }).state === 'hidden') continue;
      for await (const row of s.value) {
        const cells: (RawCell | undefined)[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = xlsxCell(cell.value);
        });
        yield { rowNo: row.number, cells };
      }
      break;
    }
  } finally {
    // exceljs copies a sheet that precedes the shared strings (as Excel orders them) to a temp file and removes
    // it only once its iteration moves past: run it to the end, also after an early stop, so none is left behind.
    try {
      while (!(await sheets.next()).done);
    } catch {
      // the file was already unreadable; what matters here is only that the iteration ends
    }
    input.destroy();
  }
}

function xlsxCell(v: ExcelJS.CellValue): RawCell | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'text', text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : { kind: 'date', date: v.toISOString().slice(0, 10) };
  // A formula is data here: its text is kept and its cached result ignored.
  if ('formula' in v || 'sharedFormula' in v) return { kind: 'text', text: `=${'formula' in v ? v.formula : v.sharedFormula}` };
  if ('richText' in v) return { kind: 'text', text: v.richText.map((r) => r.text).join('') };
  if ('hyperlink' in v) return { kind: 'text', text: typeof v.text === 'string' ? v.text : '' };
  if ('error' in v) return { kind: 'text', text: String(v.error) };
  return undefined;
}

export type TextEncoding = 'utf8' | 'gbk';

/**
 * UTF-8 (with or without BOM) when the whole file decodes strictly as UTF-8; otherwise GBK, which is what
 * Excel writes on Chinese Windows. GBK text is practically never valid UTF-8, so the strict decode decides.
 */
export async function detectEncoding(file: string): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf8';
  } catch {
    return 'gbk';
  }
}

/** CSV records, decoded as a stream; the row number counts every record, blank lines included, as a spreadsheet does. */
async function* csvRows(file: string, encoding: TextEncoding): AsyncGenerator<SheetRow> {
  // Loaded on first use, not at start: the server's cold start is mostly module loading.
  const [{ parse }, { default: iconv }] = await Promise.all([import('csv-parse'), import('iconv-lite')]);
  const input = fs.createReadStream(file);
  const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true });
  // Errors surface through the parser's iteration; this only keeps the pipeline's own promise from going unhandled.
  void pipeline(input, iconv.decodeStream(encoding), parser).catch(() => undefined);
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo++;
      yield { rowNo, cells: record.map((text) => (text === '' ? undefined : { kind: 'text' as const, text })) };
    }
  } catch (err) {
    throw badRequest(`CSV 文件格式有误（第 ${rowNo + 1} 行附近），无法读取，请用 Excel 或 WPS 重新保存后再导入`, [
      { path: 'file', message: (err as Error).message, row: rowNo + 1 },
    ]);
  } finally {
    input.destroy();
  }
}

/**
 * Roughly how many lines the file holds, for the progress indicator before the rows are read: the CSV's
 * line breaks, or the `<dimension>` the first worksheet declares (0 when it declares none).
 */
export async function estimateLines(file: string, format: RosterFormat): Promise<number> {
  if (format === 'csv') {
    let lines = 0;
    for await (const chunk of fs.createReadStream(file)) {
      for (let i = (chunk as Buffer).indexOf(10); i !== -1; i = (chunk as Buffer).indexOf(10, i + 1)) lines++;
    }
    return lines;
  }
  const { default: yauzl } = await import('yauzl');
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.fileName)) continue;
      // Only the first few kilobytes are inflated: the dimension precedes the sheet data.
      const stream = await zip.openReadStreamPromise(entry);
      let head = '';
      for await (const chunk of stream) {
        head += (chunk as Buffer).toString('utf8');
        if (head.length > 4096) break;
      }
      stream.destroy();
      const m = /<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head);
      return m?.[1] ? Number(m[1]) : 0;
    }
    return 0;
  } finally {
    zip.close();
  }
}
