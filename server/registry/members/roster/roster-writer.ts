import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { FORMULA_START } from './roster-cells.js';
import type { RosterFormat } from './roster-files.js';

export interface WrittenFile {
  rows: number;
  sha256: string;
}

export const contentTypes: Record<RosterFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Text a spreadsheet would take for a formula gets an apostrophe in front (ASVS 1.2.10). */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface SheetSpec {
  /** the worksheet's name (xlsx) */
  title: string;
  header: readonly string[];
  /** 0-based columns whose cells must stay text when edited (ID numbers, phones) */
  textColumns: readonly number[];
  widths: readonly number[];
}

/**
 * Writes rows to `file` as xlsx (exceljs's streaming writer: rows are flushed as they come) or as CSV in
 * UTF-8 with a BOM. Every cell is a string cell, escaped against formula injection; never a formula.
 */
export async function writeSheet(file: string, format: RosterFormat, spec: SheetSpec, rows: AsyncIterable<(string | null)[]>): Promise<WrittenFile> {
  const count = format === 'xlsx' ? await writeXlsx(file, spec, rows) : await writeCsv(file, spec, rows);
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return { rows: count, sha256: hash.digest('hex') };
}

async function writeXlsx(file: string, spec: SheetSpec, rows: AsyncIterable<(string | null)[]>): Promise<number> {
  // Loaded on first use, not at start: the server's cold start is mostly module loading.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: fs.createWriteStream(file, { mode: 0o600 }), useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(spec.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.header.map((h, i) => ({
    header: h,
    width: spec.widths[i],
    // '@' (text) keeps an 18-digit number as typed when someone edits the sheet and imports it again.
    style: spec.textColumns.includes(i) ? { numFmt: '@' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for await (const values of rows) {
    const row = ws.addRow(values.map((v) => (v === null ? null : escapeFormula(v))));
    for (const i of spec.textColumns) row.getCell(i + 1).numFmt = '@';
    row.commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return n;
}

async function writeCsv(file: string, spec: SheetSpec, rows: AsyncIterable<(string | null)[]>): Promise<number> {
  const out = fs.createWriteStream(file, { mode: 0o600 });
  const line = (values: readonly (string | null)[]) => `${values.map((v) => csvField(v === null ? '' : escapeFormula(v))).join(',')}\r\n`;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let n = 0;
  try {
    // The BOM tells Excel the file is UTF-8; without it Chinese Windows reads it as GBK.
    await write(`\ufeff${line(spec.header)}`);
    for await (const values of rows) {
      await write(line(values));
      n++;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return n;
}
