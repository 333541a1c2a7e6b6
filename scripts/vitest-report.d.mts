export interface SuiteSummary {
  passed: number;
  failed: number;
  skipped: number;
  problems: string[];
}
export function summarise(report: unknown, exitCode: number): SuiteSummary;
export function readReport(file: string): unknown;
export function suiteLine(label: string, s: SuiteSummary): string;
