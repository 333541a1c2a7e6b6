import fs from 'node:fs';
import type { Machine } from './machine.js';

export interface Goal {
  op: '<=' | '>=';
  value: number;
}

export interface Figure {
  /** what was measured, in words */
  name: string;
  /** 'SQLite', 'PostgreSQL' or '' when the database plays no part */
  database: string;
  value: number;
  unit: string;
  goal?: Goal;
  note?: string;
}

export const met = (f: Figure) => !f.goal || (f.goal.op === '<=' ? f.value <= f.goal.value : f.value >= f.goal.value);

function format(v: number, unit: string): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (unit === 'ratio') return v.toFixed(2);
  if (unit === 'ms') return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`;
  if (unit === 'MiB') return `${v.toFixed(0)} MiB`;
  if (unit === 'rps') return `${v.toFixed(0)} req/s`;
  return `${Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(1)}${unit ? ` ${unit}` : ''}`;
}

const goalText = (f: Figure) => (f.goal ? `${f.goal.op === '<=' ? '≤' : '≥'} ${format(f.goal.value, f.unit)}` : '');
const verdict = (f: Figure) => (f.goal ? (met(f) ? 'met' : '**missed**') : '');

export function markdownTable(figures: Figure[]): string {
  const lines = ['| figure | database | value | goal | |', '|---|---|---:|---|---|'];
  for (const f of figures) {
    lines.push(`| ${f.name}${f.note ? ` (${f.note})` : ''} | ${f.database} | ${format(f.value, f.unit)} | ${goalText(f)} | ${verdict(f)} |`);
  }
  return lines.join('\n');
}

export function consoleTable(figures: Figure[]): string {
  const rows = figures.map((f) => [f.name, f.database, format(f.value, f.unit), goalText(f), f.goal ? (met(f) ? 'met' : 'MISSED') : '', f.note ?? '']);
  const widths = [0, 1, 2, 3, 4, 5].map((i) => Math.max(...rows.map((r) => displayWidth(r[i])), 4));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - displayWidth(c))).join('  ')).join('\n');
}

/** CJK characters take two columns in a terminal. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:end -->';

/**
 * Replaces the generated part of docs/performance.md (between the markers) with this run's figures, keeping
 * the hand-written analysis around it. A missing file or missing markers get a new generated part.
 */
export function writePerformanceDoc(file: string, o: { machine: Machine; figures: Figure[]; quick: boolean; loadBefore: number[]; notes: string[] }): void {
  const m = o.machine;
  const generated = [
    BEGIN,
    `Measured ${m.date}${o.quick ? ' with `--quick` (a smaller dataset; not the reference figures)' : ''} on ${m.cpus} × ${m.cpuModel}, `
      + `${m.memoryGiB} GiB memory, Node ${m.node}, ${m.os}. Load average before the run: ${o.loadBefore.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min).`,
    '',
    markdownTable(o.figures),
    '',
    ...o.notes.map((n) => `- ${n}`),
    END,
  ].join('\n');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start
    ? current.slice(0, start) + generated + current.slice(end + END.length)
    : `${current || '# Performance\n'}\n## Figures\n\n${generated}\n`;
  fs.writeFileSync(file, next);
}
