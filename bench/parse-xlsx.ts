/*
 * The baseline of the import benchmark: only reading a roster with exceljs's streaming reader, with the options
 * the import's reader uses (server/registry/members/roster/roster-reader.ts), touching every cell value.
 * Runs in its own process (bench/run.ts forks it) so its memory high-water mark is its own.
 * Prints one JSON line: { ms, rows, cells, hwmMiB }.
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
for await (const sheet of workbook) {
  for await (const row of sheet) {
    rows++;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.value !== undefined) cells++;
    });
  }
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rows, cells, hwmMiB: processMemory(process.pid).hwmMiB }));
