// Counts a vitest run from its JSON report. A test file that fails to load has no failed tests in the
// report, and an unhandled error fails the run without failing a test: both count as failures here, so
// a broken suite can never read as "0 failed".
import fs from 'node:fs';

/**
 * @param {unknown} report  the parsed JSON report, or undefined when vitest wrote none
 * @param {number} exitCode vitest's exit code
 * @returns {{ passed: number, failed: number, skipped: number, retried: number, problems: string[] }}
 */
export function summarise(report, exitCode) {
  const problems = [];
  if (!report || typeof report !== 'object') {
    problems.push(`vitest wrote no report (exit code ${exitCode})`);
    return { passed: 0, failed: 1, skipped: 0, retried: 0, problems };
  }
  const r = /** @type {any} */ (report);
  let failed = r.numFailedTests ?? 0;
  let retried = 0;
  for (const file of r.testResults ?? []) {
    // A test allowed a second attempt (the browser tests) passes with the first attempt's errors kept: it is named
    // with the first error, so that a flaky test is seen and mended rather than retried for ever unnoticed.
    for (const a of file.assertionResults ?? []) {
      if (a.status !== 'passed' || !a.failureMessages?.length) continue;
      retried += 1;
      problems.push(`${file.name}: “${a.title}” passed only on a second attempt; the first failed with ${firstLine(a.failureMessages[0])}`);
    }
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) {
      failed += 1;
      problems.push(`${file.name}: ${file.message || 'the file failed outside its tests'}`);
    }
  }
  if ((r.testResults ?? []).length === 0) {
    failed += 1;
    problems.push('no test files found');
  }
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    problems.push(`vitest exited with code ${exitCode} although no test failed (an unhandled error?)`);
  }
  return { passed: r.numPassedTests ?? 0, failed, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0), retried, problems };
}

const firstLine = (text) => String(text).split('\n', 1)[0];

/** The database a test ran on, by the harness convention `describe.each(targets)('… on %s')`; none for unit tests. */
function databaseOf(assertion) {
  const m = / on (sqlite|postgres)\b/.exec([...(assertion.ancestorTitles ?? []), assertion.title ?? ''].join(' › '));
  return m ? m[1] : 'unit';
}

/**
 * One run of the API project over both databases, split into its suites: the tests that ran on SQLite, those that
 * ran on PostgreSQL, and the unit tests that touch no database (run once, not once per database). Problems of the
 * whole run (a file that failed to load, an error outside the tests) are counted in the unit suite, never lost.
 * @returns {{ unit: ReturnType<typeof summarise>, sqlite: ReturnType<typeof summarise>, postgres: ReturnType<typeof summarise> }}
 */
export function summariseByDatabase(report, exitCode) {
  const whole = summarise(report, exitCode);
  const empty = () => ({ passed: 0, failed: 0, skipped: 0, retried: 0, problems: [] });
  const out = { unit: empty(), sqlite: empty(), postgres: empty() };
  let failedTests = 0;
  for (const file of /** @type {any} */ (report)?.testResults ?? []) {
    for (const a of file.assertionResults ?? []) {
      const bucket = out[databaseOf(a)];
      if (a.status === 'passed') bucket.passed += 1;
      else if (a.status === 'failed') {
        bucket.failed += 1;
        failedTests += 1;
      } else bucket.skipped += 1;
    }
  }
  out.unit.failed += Math.max(0, whole.failed - failedTests);
  out.unit.problems = whole.problems;
  out.unit.retried = whole.retried;
  return out;
}

export function readReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** `SQLite: 12 passed, 0 failed` (with skipped tests, and tests that passed on a second attempt, named, never hidden) */
export function suiteLine(label, s) {
  const retried = s.retried ? ` (${s.retried} of them on a second attempt)` : '';
  return `${label}: ${s.passed} passed${retried}, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`;
}
