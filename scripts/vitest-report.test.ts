import { describe, expect, it } from 'vitest';
import { suiteLine, summarise, summariseByDatabase } from './vitest-report.mjs';

const file = (name: string, status: string, tests: string[], message = '') => ({
  name, status, message, assertionResults: tests.map((s) => ({ status: s })),
});

describe('vitest report summary', () => {
  it('counts passed and failed tests', () => {
    const s = summarise({ numPassedTests: 3, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0,
      testResults: [file('a.test.ts', 'failed', ['passed', 'passed', 'passed', 'failed'])] }, 1);
    expect(s).toMatchObject({ passed: 3, failed: 1, skipped: 0 });
    expect(suiteLine('SQLite', s)).toBe('SQLite: 3 passed, 1 failed');
  });

  it('counts a file that failed to load as a failure', () => {
    const s = summarise({ numPassedTests: 2, numFailedTests: 0,
      testResults: [file('a.test.ts', 'passed', ['passed', 'passed']), file('b.test.ts', 'failed', [], 'Cannot find module')] }, 1);
    expect(s.failed).toBe(1);
    expect(s.problems[0]).toContain('Cannot find module');
  });

  it('counts a run without a report, without test files, or with an error outside tests as failed', () => {
    expect(summarise(undefined, 1).failed).toBe(1);
    expect(summarise({ numPassedTests: 0, numFailedTests: 0, testResults: [] }, 1).failed).toBe(1);
    expect(summarise({ numPassedTests: 1, numFailedTests: 0, testResults: [file('a', 'passed', ['passed'])] }, 1).failed).toBe(1);
  });

  it('names skipped tests instead of hiding them', () => {
    const s = summarise({ numPassedTests: 1, numFailedTests: 0, numPendingTests: 2, numTodoTests: 1,
      testResults: [file('a', 'passed', ['passed', 'skipped', 'skipped', 'todo'])] }, 0);
    expect(suiteLine('browser', s)).toBe('browser: 1 passed, 0 failed, 3 skipped');
  });

  it('names a test that passed only on its second attempt, with the error of the first attempt', () => {
    const s = summarise({ numPassedTests: 2, numFailedTests: 0, testResults: [{ name: 'e2e/prompts.test.ts', status: 'passed', message: '',
      assertionResults: [{ title: 'signs off', status: 'passed', failureMessages: ['AssertionError: expected 0 to be greater than 0\n    at …'] },
        { title: 'lists', status: 'passed', failureMessages: [] }] }] }, 0);
    expect(s).toMatchObject({ passed: 2, failed: 0, retried: 1 });
    expect(s.problems).toEqual(['e2e/prompts.test.ts: “signs off” passed only on a second attempt; the first failed with AssertionError: expected 0 to be greater than 0']);
    expect(suiteLine('browser', s)).toBe('browser: 2 passed (1 of them on a second attempt), 0 failed');
  });

  it('splits one run over both databases into its suites by the describe titles', () => {
    const t = (title: string, ancestors: string[], status: string) => ({ title, ancestorTitles: ancestors, status });
    const report = { numPassedTests: 4, numFailedTests: 1, testResults: [
      { name: 'a.test.ts', status: 'failed', message: '', assertionResults: [
        t('lists', ['members on sqlite'], 'passed'), t('lists', ['members on postgres'], 'failed'),
        t('edits', ['members on postgres', 'PATCH'], 'passed'), t('parses', ['id numbers'], 'passed'), t('x', ['members on sqlite'], 'skipped'),
      ] },
      { name: 'b.test.ts', status: 'failed', message: 'Cannot find module', assertionResults: [] },
    ] };
    const s = summariseByDatabase(report, 1);
    expect(s.sqlite).toMatchObject({ passed: 1, failed: 0, skipped: 1 });
    expect(s.postgres).toMatchObject({ passed: 1, failed: 1 });
    expect(s.unit).toMatchObject({ passed: 1, failed: 1 });
    expect(s.unit.problems[0]).toContain('Cannot find module');
  });
});
