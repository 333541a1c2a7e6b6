/*
 * The baseline of the import benchmark: only reading a roster with exceljs's streaming reader, with the options
 * the import's reader uses (server/registry/members/roster/roster-reader.ts), touching every cell value.
 * Runs in its own process (bench/run.ts forks it) so its memory high-water mark is its own.
 * Prints one JSON line: { ms, rows, cells, replaced, hwmMiB }, where `replaced` counts text cells holding U+FFFD:
 * the generated roster has none, so any is a character the reader broke while decoding.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { processMemory } from './machine.js';

const file = process.argv[2];
const started = performance.now();
const input = fs.createReadStream(file);
const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
  worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
});
let rows = 0;
let cells = 0;
let replaced = 0;
for await (const sheet of workbook) {
  for await (const row of sheet) {
    rows++;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.value !== undefined) cells++;
      if (typeof cell.value === 'string' && cell.value.includes('\uFFFD')) replaced++;
    });
  }
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rows, cells, replaced, hwmMiB: processMemory(process.pid).hwmMiB }));
