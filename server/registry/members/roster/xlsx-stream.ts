import type { Readable, Stream } from 'node:stream';
import type ExcelJS from 'exceljs';

type WorkbookReader = ExcelJS.stream.xlsx.WorkbookReader;
type ReaderOptions = Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>;

/** The methods of exceljs 4.4.0's reader overridden below; internal to exceljs, hence not in its types. */
interface ReaderInternals {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/**
 * exceljs's streaming reader decodes every inflated chunk on its own (`TextDecoder.decode(chunk)` in
 * lib/utils/parse-sax.js), so a character whose UTF-8 bytes straddle two chunks becomes U+FFFD: a few dozen names
 * in a 100,000-row roster were damaged with no error. Text handed over already decoded passes through untouched,
 * so the shared strings and the worksheets are decoded here with a stateful decoder.
 */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) yield typeof c === 'string' ? c : decoder.decode(c, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

type ReaderClass = new (input: Stream, options: ReaderOptions) => WorkbookReader;
let readerClass: Promise<ReaderClass> | undefined;

/** exceljs is loaded on the first roster read, not at server start (it is the largest module the server loads). */
async function loadReaderClass(): Promise<ReaderClass> {
  const { default: excel } = await import('exceljs');
  const Base = excel.stream.xlsx.WorkbookReader as unknown as new (input: Stream, options: ReaderOptions) => WorkbookReader & ReaderInternals;
  return class Utf8WorkbookReader extends Base {
    override _parseSharedStrings(entry: Readable) {
      entry.setEncoding('utf8');
      return super._parseSharedStrings(entry);
    }

    override _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string) {
      return super._parseWorksheet(decodeUtf8(chunks), sheetNo);
    }
  };
}

/** A streaming workbook reader that keeps every character intact, whatever the chunk boundaries. */
export async function workbookReader(input: Stream, options: ReaderOptions): Promise<WorkbookReader> {
  readerClass ??= loadReaderClass();
  return new (await readerClass)(input, options);
}
