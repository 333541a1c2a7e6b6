export interface SuiteSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** passed, but only on a second attempt */
  retried?: number;
  problems: string[];
}
export function summarise(report: unknown, exitCode: number): SuiteSummary;
export function readReport(file: string): unknown;
export function suiteLine(label: string, s: SuiteSummary): string;
export function summariseByDatabase(report: unknown, exitCode: number): { unit: SuiteSummary; sqlite: SuiteSummary; postgres: SuiteSummary };
