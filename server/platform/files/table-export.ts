import { PassThrough } from 'node:stream';

/**
 * Tabular downloads (CSV and xlsx) that spreadsheet programs open safely: every export of the product
 * goes through here so the formula-injection and encoding rules live in one place.
 */
export interface ExportColumn<T> {
  header: string;
  value(row: T): string | number | null;
  /** xlsx column width in characters */
  width?: number;
}

export type ExportFormat = 'csv' | 'xlsx';

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A text cell a spreadsheet would read as a formula (or as a control sequence) gets a leading `'`,
 * so `=HYPERLINK(…)` from a user's input arrives as the text it was (OWASP CSV injection).
 */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r\0]/.test(value) ? `'${value}` : value;
}

function cellText<T>(col: ExportColumn<T>, row: T): string | number {
  const v = col.value(row);
  if (v == null) return '';
  return typeof v === 'number' ? v : escapeFormula(v);
}

export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a byte-order mark, which Excel on Chinese Windows needs to read UTF-8 rather than GBK. */
export function toCsv<T>(columns: readonly ExportColumn<T>[], rows: Iterable<T>): Buffer {
  const lines = [columns.map((c) => csvField(escapeFormula(c.header))).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(cellText(c, row))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

/**
 * One sheet, header row frozen. Strings are written as text cells in text-formatted columns, so an
 * 18-digit ID number keeps all its digits and nothing is ever evaluated. Written with the streaming
 * writer so a large export does not hold the whole workbook model in memory.
 */
export async function toXlsx<T>(columns: readonly ExportColumn<T>[], rows: Iterable<T>, sheetName: string): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  // Loaded on first use, not at start: the server's cold start is mostly module loading.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width ?? 16, style: { numFmt: '@' } }));
  sheet.addRow(columns.map((c) => escapeFormula(c.header))).commit();
  for (const row of rows) sheet.addRow(columns.map((c) => cellText(c, row))).commit();
  sheet.commit();
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
