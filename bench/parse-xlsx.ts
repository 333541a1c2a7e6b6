/*
 * The baseline of the import benchmark: only reading a roster with the import's reader (exceljs's streaming reader
 * with stateful UTF-8 decoding, server/registry/members/roster/xlsx-stream.ts) and its options, touching every cell.
 * Runs in its own process (bench/run.ts forks it) so its memory high-water mark is its own.
 * Prints one JSON line: { ms, cpuMs, rows, cells, replaced, hwmMiB } (cpuMs: user + system time of all its threads), where `replaced` counts text cells holding U+FFFD:
 * the generated roster has none, so any is a character the reader broke while decoding.
 */
import fs from 'node:fs';
import { processMemory } from './machine.js';
import { XLSX_READ_OPTIONS } from '../server/registry/members/roster/roster-reader.js';
import { workbookReader } from '../server/registry/members/roster/xlsx-stream.js';

const file = process.argv[2];
const started = performance.now();
const cpuBefore = process.cpuUsage();
const input = fs.createReadStream(file);
const workbook = await workbookReader(input, XLSX_READ_OPTIONS);
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
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rows, cells, replaced, hwmMiB: processMemory(process.pid).hwmMiB }));
